package org.denali.emulator.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The kernel's virtual Ethernet switch. Ports are numbered from 1. A VM's NIC is attached with the MAC from its
 * register page, so the switch knows it before the VM sends anything; other MACs (hosts behind the uplink) are
 * learned from source addresses. Broadcast and multicast frames go to every port but the sender; unicast frames
 * go to the owner of the destination MAC; unicast to an unknown MAC is dropped silently (paper §1.4/§2.4: no
 * virtual interrupt), not flooded.
 */
public final class EthernetSwitch {
    private static final int HEADER = 14;

    private final Map<Integer, SwitchPort> ports = new HashMap<>();
    private final Map<MacAddress, Integer> table = new HashMap<>();
    /** The MACs bound to each port, so unplugging a port costs its own MACs, not the whole table. */
    private final Map<Integer, List<MacAddress>> macsByPort = new HashMap<>();
    private final List<FrameTap> taps = new CopyOnWriteArrayList<>();
    private int nextPort = 1;
    private long frames;
    private long unicast;
    private long broadcast;
    private long droppedUnknown;
    private long droppedMalformed;
    private volatile FrameDropPolicy dropPolicy = FrameDropPolicy.NONE;
    private long droppedByPolicy;

    /** Plugs in a port; {@code staticMac} (nullable) is bound to it at once. Returns the port number. */
    public synchronized int attach(SwitchPort port, MacAddress staticMac) {
        int id = nextPort++;
        ports.put(id, port);
        if (staticMac != null) {
            bind(staticMac, id);
        }
        return id;
    }

    /** Unplugs a port and forgets every MAC bound to it. */
    public synchronized void detach(int portId) {
        ports.remove(portId);
        List<MacAddress> macs = macsByPort.remove(portId);
        if (macs != null) {
            for (MacAddress mac : macs) {
                table.remove(mac, portId);
            }
        }
    }

    /** Binds {@code mac} to {@code portId} unless it is bound already (held under this switch's lock). */
    private void bind(MacAddress mac, int portId) {
        if (table.putIfAbsent(mac, portId) == null) {
            macsByPort.computeIfAbsent(portId, p -> new ArrayList<>(1)).add(mac);
        }
    }

    /** Loses the frames {@code policy} picks (tests of guests' retransmission); {@link FrameDropPolicy#NONE} ends it. */
    public void setDropPolicy(FrameDropPolicy policy) {
        dropPolicy = policy;
    }

    /** Frames the drop policy lost so far. */
    public synchronized long droppedByPolicy() {
        return droppedByPolicy;
    }

    public void addTap(FrameTap tap) {
        taps.add(tap);
    }

    public void removeTap(FrameTap tap) {
        taps.remove(tap);
    }

    /** The MACs bound to {@code portId}, in the order they were bound (its static MAC first). */
    public synchronized List<MacAddress> macsOf(int portId) {
        return List.copyOf(macsByPort.getOrDefault(portId, List.of()));
    }

    /** Binds {@code mac} to {@code portId} as if learned from its traffic (a checkpoint restored). */
    public synchronized void learn(MacAddress mac, int portId) {
        if (ports.containsKey(portId)) {
            bind(mac, portId);
        }
    }

    /** The port owning {@code mac}, or 0 if unknown. */
    public synchronized int portOf(MacAddress mac) {
        return table.getOrDefault(mac, 0);
    }

    public synchronized SwitchStats stats() {
        return new SwitchStats(frames, unicast, broadcast, droppedUnknown, droppedMalformed);
    }

    /**
     * A frame entering the switch from {@code fromPort}: learn its source, then forward. The caller keeps ownership
     * of {@code frame}; each receiving port gets a copy.
     */
    public void forward(int fromPort, byte[] frame) {
        List<SwitchPort> targets = new ArrayList<>();
        synchronized (this) {
            frames++;
            if (frame.length < HEADER) {
                droppedMalformed++;
                return;
            }
            MacAddress destination = MacAddress.of(frame, 0);
            MacAddress source = MacAddress.of(frame, 6);
            if (!source.isGroup() && ports.containsKey(fromPort)) {
                bind(source, fromPort); // static VM bindings are never overridden by spoofed sources
            }
            if (destination.isGroup()) {
                broadcast++;
                ports.forEach((id, port) -> {
                    if (id != fromPort) {
                        targets.add(port);
                    }
                });
            } else {
                Integer to = table.get(destination);
                SwitchPort port = to == null || to == fromPort ? null : ports.get(to);
                if (port == null) {
                    droppedUnknown++;
                } else {
                    unicast++;
                    targets.add(port);
                }
            }
        }
        java.time.Instant instant = java.time.Instant.now();
        long now = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        for (FrameTap tap : taps) {
            tap.frame(now, frame);
        }
        if (!targets.isEmpty() && dropPolicy.drop(fromPort, frame)) {
            synchronized (this) {
                droppedByPolicy++;
            }
            return;
        }
        for (SwitchPort port : targets) {
            port.deliver(frame.clone());
        }
    }
}
