package org.denali.sdk.paper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.assembly.KernelAssembly;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.KernelStatistics;
import org.denali.emulator.kernel.Quantum;
import org.denali.emulator.kernel.VirtualCosts;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.kernel.memory.SwapSpace;
import org.denali.emulator.lockstep.FrameLink;
import org.denali.emulator.lockstep.Lockstep;

/**
 * One point of the paper's web-server experiments: N httpd VMs and one loadgen VM (the SDK's httpd and loadgen
 * templates, the shipped examples) on one virtual LAN, on a kernel with the deterministic clock, so results are in
 * virtual time and do not depend on the host's load. The knobs are the paper's: batched or synchronous interrupt
 * delivery, guests that idle with a timeout or spin, and a physical-memory budget below the VMs' total, which makes
 * the kernel page whole VMs to a swap file. The machine's costs that virtual time would otherwise leave out (a VM
 * switch, a disk transfer) are charged by {@link VirtualCosts}. The kernel is put together by
 * {@link KernelAssembly}, as for {@code denali run zipf-farm/farm.denali}; each point sets its own cost model.
 */
public final class WebFarm {
    /** The first httpd's address, 10.0.0.10; instance i gets .10 + i (loadgen's convention). */
    private static final int FIRST_SERVER = 0x0A00000A;
    private static final int LOADGEN_ADDRESS = 0x0A0000C8;
    private static final int NETMASK = 0xFFFFFF00;

    /**
     * The wire to the client machine ({@link #run} with an external client): gigabit Ethernet, as the paper's
     * (§4: PRO/1000 NICs on a switch), with a one-way delay of one quantum, the shortest the lockstep allows and
     * about what a switch and two NICs of 2002 took.
     */
    static final long CLIENT_WIRE_NANOS = 100_000;
    static final long CLIENT_WIRE_BITS_PER_SECOND = 1_000_000_000L;
    /**
     * loadgen's concurrent clients on the client machine: 8, twice the in-kernel default, so that requests reach
     * the servers while others are served (with 4 the servers' CPU mostly waits for the wire and no policy can
     * matter). Not more: with 16 connections to one 4 MiB httpd, it ignores some SYNs (each connection's buffers
     * take 64 KiB of its heap) and one 1 s SYN retransmission then sets the whole point's throughput.
     */
    static final int CLIENT_MACHINE_CLIENTS = 8;

    /**
     * One point's settings. {@code externalClient}: loadgen runs on a machine of its own (a second kernel in
     * lockstep, linked to the servers' LAN by a wire), so its frames arrive while server VMs run, as the paper's
     * client machines' did; otherwise it is one more VM of the servers' kernel.
     */
    public record Point(int servers, boolean synchronousInterrupts, boolean spinningGuests, long memoryBudgetBytes,
            int requests, int documents, int minBytes, int maxBytes, int alphaMilli, int serverMemoryBytes,
            VirtualCosts costs, boolean externalClient) {
        public Point withServers(int n) {
            return new Point(n, synchronousInterrupts, spinningGuests, memoryBudgetBytes, requests, documents,
                minBytes, maxBytes, alphaMilli, serverMemoryBytes, costs, externalClient);
        }

        public Point withSynchronousInterrupts(boolean synchronous) {
            return new Point(servers, synchronous, spinningGuests, memoryBudgetBytes, requests, documents,
                minBytes, maxBytes, alphaMilli, serverMemoryBytes, costs, externalClient);
        }

        public Point withExternalClient(boolean external) {
            return new Point(servers, synchronousInterrupts, spinningGuests, memoryBudgetBytes, requests, documents,
                minBytes, maxBytes, alphaMilli, serverMemoryBytes, costs, external);
        }
    }

    /** What loadgen and the kernel reported. {@code seconds} are virtual. */
    public record Outcome(int completed, int errors, double seconds, double requestsPerSecond, long p50Micros,
            long p99Micros, KernelStatistics statistics, String console) {
    }

    private static final Pattern DONE = Pattern.compile(
        "loadgen: done: (\\d+) requests in (\\d+)\\.(\\d{3}) s: ([0-9.]+) requests/s, \\d+ KiB/s, (\\d+) errors");
    private static final Pattern LATENCY = Pattern.compile("loadgen: latency us: p50 (\\d+) p90 \\d+ p99 (\\d+)");

    private final byte[] httpd;
    private final byte[] loadgen;
    private final Path scratch;

    /** @param scratch a directory for swap files */
    public WebFarm(byte[] httpdImage, byte[] loadgenImage, Path scratch) {
        this.httpd = httpdImage;
        this.loadgen = loadgenImage;
        this.scratch = scratch;
    }

    public Outcome run(Point point) throws IOException {
        KernelConfig config = KernelConfig.defaults().deterministic().withQuantum(Quantum.ofInstructions(100_000))
            .withSynchronousInterrupts(point.synchronousInterrupts()).withInterruptHistory(0);
        try (KernelAssembly assembly = assemble(config, point)) {
            assembly.kernel().modelCosts(point.costs());
            GuestImage server = GuestImage.parse(httpd);
            String documents = "documents=" + point.documents() + " min=" + point.minBytes() + " max="
                + point.maxBytes();
            ByteArrayOutputStream firstServer = new ByteArrayOutputStream();
            for (int i = 0; i < point.servers(); i++) {
                VmConfig vm = VmConfig.defaults().withMemorySize(point.serverMemoryBytes())
                    .withNic(0x525400001000L + i, FIRST_SERVER + i, NETMASK, 0);
                if (point.memoryBudgetBytes() > 0) {
                    vm = vm.withSwapBytes(point.serverMemoryBytes());
                }
                VirtualMachine instance = assembly.instantiate(server, vm,
                    i == 0 ? firstServer : OutputStream.nullOutputStream());
                type(instance, documents + (point.spinningGuests() ? " spin=1" : "") + "\n");
            }
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            VmConfig generator = VmConfig.defaults().withMemorySize(16 << 20)
                .withNic(0x525400002000L, LOADGEN_ADDRESS, NETMASK, 0);
            String arguments = "first=10.0.0.10 servers=" + point.servers() + " port=80 alpha=" + point.alphaMilli()
                + " requests=" + point.requests() + " duration=3600 " + documents
                + (point.externalClient() ? " clients=" + CLIENT_MACHINE_CLIENTS : "") + "\n";
            KernelStatistics statistics;
            if (point.externalClient()) {
                statistics = runWithClientMachine(assembly, config, generator, arguments, console);
            } else {
                if (point.memoryBudgetBytes() > 0) {
                    generator = generator.withSwapBytes(16 << 20);
                }
                type(assembly.instantiate(GuestImage.parse(loadgen), generator, console), arguments);
                // The servers idle forever once loadgen has terminated; the kernel then ends them and run() returns.
                statistics = assembly.run();
            }
            return outcome(console.toString(StandardCharsets.UTF_8), firstServer.toString(StandardCharsets.UTF_8),
                statistics);
        } catch (ElfFormatException e) {
            throw new IOException("a guest image does not load: " + e.getMessage(), e);
        }
    }

    /**
     * loadgen alone on a client machine: a second deterministic kernel (batched delivery, no modelled costs: a VM
     * never switches there) whose LAN a {@link FrameLink} wires to the servers', both run in {@link Lockstep}. The
     * servers' kernel then sees each of loadgen's frames arrive at its own virtual time, cutting the quantum of
     * whatever VM runs. Returns the servers' kernel's statistics.
     */
    private KernelStatistics runWithClientMachine(KernelAssembly servers, KernelConfig config, VmConfig generator,
            String arguments, OutputStream console) throws IOException, ElfFormatException {
        try (KernelAssembly client = KernelAssembly.builder(config.withSynchronousInterrupts(false)).memoryBudget(0)
                .build()) {
            new FrameLink(servers.kernel(), servers.network().lan(), client.kernel(), client.network().lan(),
                CLIENT_WIRE_NANOS, CLIENT_WIRE_BITS_PER_SECOND);
            type(client.instantiate(GuestImage.parse(loadgen), generator, console), arguments);
            Lockstep.run(servers.kernel(), client.kernel());
            return servers.kernel().statistics();
        }
    }

    /**
     * The kernel and its LAN; with a memory budget, physical pages below the VMs' total and a temporary swap file in
     * the scratch directory (unlinked once open), so the kernel pages whole VMs.
     */
    private KernelAssembly assemble(KernelConfig config, Point point) throws IOException {
        KernelAssembly.Builder builder = KernelAssembly.builder(config);
        if (point.memoryBudgetBytes() <= 0) {
            return builder.memoryBudget(0).build();
        }
        long capacity = point.servers() * SwapSpace.regionBytes(point.serverMemoryBytes())
            + SwapSpace.regionBytes(16 << 20);
        return builder.physicalMemory(point.memoryBudgetBytes() / MemoryMap.PAGE_SIZE, null, capacity)
            .temporarySwapIn(scratch).build();
    }

    private static void type(VirtualMachine vm, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        vm.keyboard().type(bytes, 0, bytes.length);
    }

    private static Outcome outcome(String console, String firstServer, KernelStatistics statistics)
            throws IOException {
        Matcher done = DONE.matcher(console);
        if (!done.find()) {
            throw new IOException("loadgen did not report a result; its console:\n" + console.strip()
                + "\nthe first httpd's console:\n" + firstServer.strip() + "\nkernel: " + statistics.summary());
        }
        int completed = Integer.parseInt(done.group(1));
        double seconds = Integer.parseInt(done.group(2)) + Integer.parseInt(done.group(3)) / 1000.0;
        Matcher latency = LATENCY.matcher(console);
        boolean hasLatency = latency.find();
        // loadgen's rate (to a tenth of a request/s) is computed from microseconds; its seconds have only three
        // decimals, too coarse for runs of a few virtual milliseconds
        return new Outcome(completed, Integer.parseInt(done.group(5)), seconds, Double.parseDouble(done.group(4)),
            hasLatency ? Long.parseLong(latency.group(1)) : 0, hasLatency ? Long.parseLong(latency.group(2)) : 0,
            statistics, console);
    }
}
