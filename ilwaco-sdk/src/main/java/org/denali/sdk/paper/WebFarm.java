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

    /** One point's settings. */
    public record Point(int servers, boolean synchronousInterrupts, boolean spinningGuests, long memoryBudgetBytes,
            int requests, int documents, int minBytes, int maxBytes, int alphaMilli, int serverMemoryBytes,
            VirtualCosts costs) {
        public Point withServers(int n) {
            return new Point(n, synchronousInterrupts, spinningGuests, memoryBudgetBytes, requests, documents,
                minBytes, maxBytes, alphaMilli, serverMemoryBytes, costs);
        }
    }

    /** What loadgen and the kernel reported. {@code seconds} are virtual. */
    public record Outcome(int completed, int errors, double seconds, double requestsPerSecond, long p50Micros,
            long p99Micros, KernelStatistics statistics, String console) {
    }

    private static final Pattern DONE = Pattern.compile(
        "loadgen: done: (\\d+) requests in (\\d+)\\.(\\d{3}) s: [0-9.]+ requests/s, \\d+ KiB/s, (\\d+) errors");
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
            if (point.memoryBudgetBytes() > 0) {
                generator = generator.withSwapBytes(16 << 20);
            }
            VirtualMachine client = assembly.instantiate(GuestImage.parse(loadgen), generator, console);
            type(client, "first=10.0.0.10 servers=" + point.servers() + " port=80 alpha=" + point.alphaMilli()
                + " requests=" + point.requests() + " duration=3600 " + documents + "\n");
            // The servers idle forever once loadgen has terminated; the kernel then ends them and run() returns.
            KernelStatistics statistics = assembly.run();
            return outcome(console.toString(StandardCharsets.UTF_8), firstServer.toString(StandardCharsets.UTF_8),
                statistics);
        } catch (ElfFormatException e) {
            throw new IOException("a guest image does not load: " + e.getMessage(), e);
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
        // loadgen prints its rate from milliseconds; recompute from the kernel-independent numbers it gives
        double rate = seconds > 0 ? completed / seconds : 0;
        return new Outcome(completed, Integer.parseInt(done.group(4)), seconds, rate,
            hasLatency ? Long.parseLong(latency.group(1)) : 0, hasLatency ? Long.parseLong(latency.group(2)) : 0,
            statistics, console);
    }
}
