package org.denali.emulator.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Drains the VMs' transmit queues into the switch, one frame per actively sending VM per turn (round-robin, paper
 * §2.4). The turn position persists across {@link #drain} calls, so a VM with a long queue cannot starve the
 * others even when each call moves only a few frames.
 */
public final class PacketScheduler {
    private record Sender(VirtualNic nic, int port) {
    }

    private final EthernetSwitch lan;
    private final List<Sender> senders = new ArrayList<>();
    private int next;
    /**
     * Held for a whole drain: kernel workers drain concurrently, and a frame taken from a queue must reach the
     * switch before the next frame of that queue does, or one VM's frames would leave out of order (TCP relies
     * on in-order delivery from a NIC). Separate from {@code this} so add/remove never wait for forwarding.
     * Lock order: drain lock, then the switch's and the kernel's locks (forwarding raises interrupts); nothing
     * drains while holding those.
     */
    private final Object drainOrder = new Object();

    public PacketScheduler(EthernetSwitch lan) {
        this.lan = lan;
    }

    public synchronized void add(VirtualNic nic, int switchPort) {
        senders.add(new Sender(nic, switchPort));
    }

    public synchronized void remove(VirtualNic nic) {
        for (int i = 0; i < senders.size(); i++) {
            if (senders.get(i).nic() == nic) {
                senders.remove(i);
                if (next > i) {
                    next--;
                }
                return;
            }
        }
    }

    /** Moves up to {@code maxFrames} frames onto the switch; returns how many moved. */
    public int drain(int maxFrames) {
        synchronized (drainOrder) {
            return drainInOrder(maxFrames);
        }
    }

    private int drainInOrder(int maxFrames) {
        int moved = 0;
        while (moved < maxFrames) {
            Sender sender;
            byte[] frame = null;
            synchronized (this) {
                sender = null;
                for (int scanned = 0; scanned < senders.size() && frame == null; scanned++) {
                    if (next >= senders.size()) {
                        next = 0;
                    }
                    Sender candidate = senders.get(next++);
                    frame = candidate.nic().pollTransmit();
                    sender = candidate;
                }
            }
            if (frame == null) {
                break;
            }
            lan.forward(sender.port(), frame);
            moved++;
        }
        return moved;
    }
}
