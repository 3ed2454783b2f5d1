package org.denali.sdk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.denali.emulator.net.EthernetSwitch;
import org.denali.emulator.net.MacAddress;
import org.denali.emulator.net.VxlanConfig;
import org.denali.emulator.net.VxlanStats;
import org.denali.emulator.net.VxlanUplink;
import org.denali.sdk.paper.Table;
import org.denali.sdk.paper.TableFormat;

/**
 * {@code denali bench vxlan}: what the VXLAN link itself costs, without guests. Two kernels' switches are linked over
 * loopback UDP in this process; a port on the far switch swaps the MACs and sends each frame back. Round trip:
 * one frame at a time, switch to switch and back (encapsulate, sendto, receive, decapsulate, twice). Stream: frames
 * one way in bursts of 64, each burst waited for, giving frames/s and MB/s of inner frames.
 */
final class VxlanBench {
    static final String USAGE = """
                   denali bench vxlan [--frames N]
              The VXLAN link between two kernels' switches over loopback UDP, in one process, without guests: the
              round trip of one frame (p50/p90/p99) and the one-way rate of bursts of 64 frames, for 64- and
              1514-byte frames; N round trips and N streamed frames per size (default 20,000, after 2,000 to warm up).
            """;
    private static final int WARM_UP = 2000;
    private static final int BURST = 64;

    private VxlanBench() {
    }

    static int run(List<String> args, TableFormat format, CommandContext context) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("frames"), Set.of());
        if (!parsed.positional().isEmpty()) {
            throw new UsageException("bench vxlan takes no arguments, got " + parsed.positional());
        }
        long frames = parsed.longOption("frames", 20_000);
        if (frames < 100 || frames > 100_000_000) {
            throw new UsageException("--frames must be between 100 and 100,000,000");
        }
        boolean text = format == TableFormat.TEXT;
        PrintStream out = text ? context.out() : context.err();
        Table table = new Table("vxlan", "VXLAN link between two switches over loopback UDP",
            List.of("frame bytes", "round trip p50 us", "round trip p90 us", "round trip p99 us", "stream frames/s",
                "stream MB/s", "dropped"));
        out.printf("VXLAN link, two switches over loopback UDP in one process, %,d frames per measurement%n%n",
            frames);
        out.println("| frame | round trip p50 | p90 | p99 | stream frames/s | stream MB/s | dropped |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|");
        try {
            for (int size : new int[] {64, 1514}) {
                Result r = measure(size, (int) frames);
                out.printf("| %,d B | %.1f µs | %.1f µs | %.1f µs | %,.0f | %.1f | %,d |%n", size, r.p50, r.p90, r.p99,
                    r.framesPerSecond, r.framesPerSecond * size / 1e6, r.dropped);
                out.flush();
                table.add(size, r.p50, r.p90, r.p99, r.framesPerSecond, r.framesPerSecond * size / 1e6, r.dropped);
            }
        } catch (IOException e) {
            context.err().println("denali bench vxlan: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.err().println("denali bench vxlan: interrupted");
            return 1;
        }
        if (!text) {
            context.out().print(format.format(table));
        }
        return 0;
    }

    private record Result(double p50, double p90, double p99, double framesPerSecond, long dropped) {
    }

    private static Result measure(int size, int frames) throws IOException, InterruptedException {
        InetSocketAddress a = freeLoopbackPort();
        InetSocketAddress b = freeLoopbackPort();
        EthernetSwitch lanA = new EthernetSwitch();
        EthernetSwitch lanB = new EthernetSwitch();
        MacAddress macA = MacAddress.forVm(1);
        MacAddress macB = MacAddress.forVm(2);
        SynchronousQueue<byte[]> back = new SynchronousQueue<>();
        AtomicLong arrived = new AtomicLong();
        boolean[] echo = {true};
        int portA = lanA.attach(frame -> {
            try {
                back.put(frame);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, macA);
        int[] portB = new int[1];
        portB[0] = lanB.attach(frame -> {
            arrived.incrementAndGet();
            if (echo[0]) {
                byte[] reply = frame.clone();
                System.arraycopy(frame, 6, reply, 0, 6);
                System.arraycopy(frame, 0, reply, 6, 6);
                lanB.forward(portB[0], reply);
            }
        }, macB);
        try (VxlanUplink upA = VxlanUplink.open(new VxlanConfig(a, List.of(b), 1), lanA);
             VxlanUplink upB = VxlanUplink.open(new VxlanConfig(b, List.of(a), 1), lanB)) {
            byte[] hello = new byte[60];
            Arrays.fill(hello, 0, 6, (byte) 0xff);
            System.arraycopy(macB.toBytes(), 0, hello, 6, 6);
            lanB.forward(portB[0], hello); // B's MAC is learned on A's uplink, as an ARP request would teach it
            back.take();
            byte[] frame = new byte[size];
            System.arraycopy(macB.toBytes(), 0, frame, 0, 6);
            System.arraycopy(macA.toBytes(), 0, frame, 6, 6);
            long[] rtt = new long[frames];
            for (int i = 0; i < frames + WARM_UP; i++) {
                long start = System.nanoTime();
                lanA.forward(portA, frame);
                back.take();
                if (i >= WARM_UP) {
                    rtt[i - WARM_UP] = System.nanoTime() - start;
                }
            }
            Arrays.sort(rtt);
            echo[0] = false;
            long before = arrived.get();
            long start = System.nanoTime();
            for (int sent = 0; sent < frames; sent += BURST) {
                for (int j = 0; j < Math.min(BURST, frames - sent); j++) {
                    lanA.forward(portA, frame);
                }
                long expected = before + Math.min(frames, sent + BURST);
                long deadline = System.nanoTime() + 1_000_000_000L;
                while (arrived.get() < expected && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // a lost datagram costs at most the deadline, and is counted below
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long got = arrived.get() - before;
            VxlanStats stats = upB.stats();
            return new Result(rtt[frames / 2] / 1e3, rtt[frames * 9 / 10] / 1e3, rtt[frames * 99 / 100] / 1e3,
                got / seconds, frames - got + stats.dropped());
        }
    }

    private static InetSocketAddress freeLoopbackPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.getLocalPort());
        }
    }
}
