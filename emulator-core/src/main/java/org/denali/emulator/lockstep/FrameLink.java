package org.denali.emulator.lockstep;

import java.util.ArrayDeque;

import org.denali.emulator.kernel.ArrivalSource;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.net.EthernetSwitch;
import org.denali.emulator.net.SwitchPort;

/**
 * A full-duplex wire between the LANs of two deterministic kernels. A frame one LAN forwards onto the wire at
 * virtual time t (its sender's quantum end, when the packet scheduler drains it) is sent once the frames before it
 * in that direction are, takes its length at the wire's rate (with Ethernet's preamble, frame check sequence and
 * inter-frame gap), and arrives at the other kernel one delay after it has been sent: a burst of frames from one
 * quantum arrives spread out as on a real wire, not all at one instant. Each end is a port on its LAN's switch and
 * its kernel's {@link ArrivalSource}: arrivals are known up to the peer kernel's clock plus the delay, and without
 * limit once the peer has no live VM left.
 */
public final class FrameLink {
    /** Preamble and start delimiter (8), frame check sequence (4) and inter-frame gap (12) around each frame. */
    private static final int FRAMING_BYTES = 24;

    private final long delayNanos;
    private final long bitsPerSecond;
    private final End first;
    private final End second;

    /** One end: a port on its kernel's LAN; what arrives here from the peer waits in {@code inbound}. */
    private final class End implements SwitchPort, ArrivalSource {
        private final Kernel kernel;
        private final EthernetSwitch lan;
        private final int port;
        private final ArrayDeque<Arrival> inbound = new ArrayDeque<>();
        /** When the wire from this end is free again: the last frame sent from here has left it. */
        private long sendingUntil;
        private End peer;

        End(Kernel kernel, EthernetSwitch lan) {
            this.kernel = kernel;
            this.lan = lan;
            this.port = lan.attach(this, null);
        }

        /** A frame leaving this end's LAN: on the wire after the ones before it, then one delay to the peer. */
        @Override
        public void deliver(byte[] frame) {
            long bits = (frame.length + FRAMING_BYTES) * 8L;
            sendingUntil = Math.max(sendingUntil, kernel.nowNanos()) + bits * 1_000_000_000L / bitsPerSecond;
            // frames leave in order, so the peer's inbound stays in arrival order
            peer.inbound.add(new Arrival(sendingUntil + delayNanos, frame));
        }

        @Override
        public long nextArrivalNanos() {
            Arrival head = inbound.peek();
            return head == null ? Long.MAX_VALUE : head.atNanos();
        }

        @Override
        public long knownUntilNanos() {
            return peer.kernel.liveVmCount() == 0 ? Long.MAX_VALUE : peer.kernel.nowNanos() + delayNanos;
        }

        @Override
        public void deliverDue(long nowNanos) {
            while (!inbound.isEmpty() && inbound.peek().atNanos() <= nowNanos) {
                lan.forward(port, inbound.poll().frame());
            }
        }
    }

    private record Arrival(long atNanos, byte[] frame) {
    }

    /**
     * Links the two LANs and makes each end its kernel's arrival source. {@code delayNanos} is the one-way delay
     * of the wire (propagation, switch and NICs), at least one quantum: it is the lookahead that lets the kernels
     * run in turn (see {@link Lockstep}); {@code bitsPerSecond} its rate in each direction.
     */
    public FrameLink(Kernel firstKernel, EthernetSwitch firstLan, Kernel secondKernel, EthernetSwitch secondLan,
            long delayNanos, long bitsPerSecond) {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("the link's rate must be positive: " + bitsPerSecond);
        }
        this.bitsPerSecond = bitsPerSecond;
        long quantum = Math.max(quantumOf(firstKernel), quantumOf(secondKernel));
        if (delayNanos < quantum) {
            throw new IllegalArgumentException("the link's delay (" + delayNanos + " ns) must be at least a quantum ("
                + quantum + " instructions): it is what lets each kernel run a quantum ahead of the other");
        }
        this.delayNanos = delayNanos;
        this.first = new End(firstKernel, firstLan);
        this.second = new End(secondKernel, secondLan);
        first.peer = second;
        second.peer = first;
        firstKernel.arrivals(first);
        secondKernel.arrivals(second);
    }

    private static long quantumOf(Kernel kernel) {
        return kernel.config().quantum().instructionBudget(kernel.config().cpuSpeedKhz());
    }

    public long delayNanos() {
        return delayNanos;
    }
}
