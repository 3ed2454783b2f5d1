package org.denali.emulator.net;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drains the VMs' transmit queues into the switch, one frame per actively sending VM per turn (round-robin, paper
 * §2.4). Only VMs with frames waiting take part: a NIC tells the scheduler when a frame enters its empty queue, and a
 * VM that still has frames after its turn goes to the back of the line. So a drain costs what it moves, not the
 * number of VMs in the kernel, and a VM with a long queue cannot starve the others even when each call moves only a
 * few frames.
 */
public final class PacketScheduler {
    /** One NIC's place in the round: {@code waiting} while it is in {@link #ready}; {@code gone} once removed. */
    private static final class Sender {
        final VirtualNic nic;
        final int port;
        boolean waiting;
        boolean gone;

        Sender(VirtualNic nic, int port) {
            this.nic = nic;
            this.port = port;
        }
    }

    private final EthernetSwitch lan;
    private final Map<VirtualNic, Sender> senders = new IdentityHashMap<>();
    /** Senders with frames waiting, in turn order. A removed sender may linger here until its turn, then is skipped. */
    private final ArrayDeque<Sender> ready = new ArrayDeque<>();
    /**
     * Held for a whole drain: kernel workers drain concurrently, and a frame taken from a queue must reach the
     * switch before the next frame of that queue does, or one VM's frames would leave out of order (TCP relies
     * on in-order delivery from a NIC). Separate from {@code this} so add/remove never wait for forwarding.
     * Lock order: drain lock, then the switch's and the kernel's locks (forwarding raises interrupts); nothing
     * drains while holding those. A NIC calls {@link #frameQueued} without holding its own lock.
     */
    private final Object drainOrder = new Object();

    public PacketScheduler(EthernetSwitch lan) {
        this.lan = lan;
    }

    public void add(VirtualNic nic, int switchPort) {
        Sender sender = new Sender(nic, switchPort);
        synchronized (this) {
            senders.put(nic, sender);
        }
        nic.onTransmitQueued(() -> frameQueued(sender));
        if (nic.transmitQueued() > 0) {
            frameQueued(sender);
        }
    }

    public synchronized void remove(VirtualNic nic) {
        Sender sender = senders.remove(nic);
        if (sender != null) {
            sender.gone = true;
        }
    }

    private synchronized void frameQueued(Sender sender) {
        if (!sender.waiting && !sender.gone) {
            sender.waiting = true;
            ready.add(sender);
        }
    }

    /**
     * {@code nic}'s place among the senders waiting for a turn (0 = next), or -1 if it waits for none: what a
     * checkpoint keeps of this scheduler.
     */
    public synchronized int turnOf(VirtualNic nic) {
        int place = 0;
        for (Sender s : ready) {
            if (s.gone) {
                continue;
            }
            if (s.nic == nic) {
                return place;
            }
            place++;
        }
        return -1;
    }

    /** Replaces the turn order with {@code nics} (a checkpoint restored; each must have been added). */
    public synchronized void restoreTurns(List<VirtualNic> nics) {
        for (Sender s : ready) {
            s.waiting = false;
        }
        ready.clear();
        for (VirtualNic nic : nics) {
            Sender s = senders.get(nic);
            if (s != null && !s.waiting) {
                s.waiting = true;
                ready.add(s);
            }
        }
    }

    /** How many senders wait for a turn (NICs with frames queued); idle NICs never count. For tests. */
    synchronized int waitingSenders() {
        return (int) ready.stream().filter(s -> !s.gone).count();
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
            byte[] frame;
            synchronized (this) {
                do {
                    sender = ready.poll();
                    if (sender == null) {
                        return moved;
                    }
                    sender.waiting = false;
                    frame = sender.gone ? null : sender.nic.pollTransmit();
                } while (frame == null);
                if (sender.nic.transmitQueued() > 0) {
                    sender.waiting = true;
                    ready.add(sender);
                }
            }
            lan.forward(sender.port, frame);
            moved++;
        }
        return moved;
    }
}
