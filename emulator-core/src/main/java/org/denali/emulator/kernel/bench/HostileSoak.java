package org.denali.emulator.kernel.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.denali.emulator.assembly.KernelAssembly;
import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.InHeapMemoryManager;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.MemoryManager;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.kernel.VmExit;
import org.denali.emulator.kernel.VmState;
import org.denali.emulator.kernel.memory.SwapSpace;

/**
 * The hostile soak (issue 13): rounds of kernels, each running random-byte guests, wild writers, port probers,
 * memory hogs, spinners and faulting guests beside bystander VMs that check a pattern of their own and must
 * finish. Even rounds run under a kernel debugger with the kernel monitor listening (as every IDE run) and a heap
 * budget the hogs exceed; odd rounds under --phys-memory pressure with a swap file. Counted: VMs, random
 * instruction streams, faults by vector, bystander checks, and what must stay 0: host exceptions, lost
 * bystanders, leftover processes and files.
 */
public final class HostileSoak {
    static final int BYSTANDERS = 4;
    static final int BYSTANDER_ROUNDS = 8;
    static final int RANDOM_STREAMS = 256;
    static final int RANDOM_BYTES = 64;
    static final int WRITERS = 4;
    static final int PROBERS = 4;
    static final int HOGS = 2;
    static final int SPINNERS = 2;
    static final int FAULTING = 3;
    static final long MAX_INSTRUCTIONS = 200_000;
    static final int HEAP_BUDGET_PAGES = 1024;
    static final int PHYSICAL_PAGES = 1024;
    /**
     * A round that has had this much wall time AND this much CPU time of this JVM is cut off: a bystander still
     * running then was starved by the guests beside it. CPU time counts too so that a busy host (the soak shares the
     * machine, often niced) cannot make a slow round look like starvation.
     */
    static final long ROUND_LIMIT_NANOS = 60_000_000_000L;
    /** How long the others may still run once every bystander has ended and every guest has run. */
    static final long GRACE_NANOS = 500_000_000L;
    static final VmConfig RANDOM_VM = VmConfig.defaults().withMemorySize(2 << 20).withSwapBytes(64 << 10);
    static final VmConfig SMALL_VM = VmConfig.defaults().withMemorySize(4 << 20).withSwapBytes(4 << 20);
    static final VmConfig BIG_VM = VmConfig.defaults().withMemorySize(8 << 20).withSwapBytes(8 << 20);

    /** The soak's totals so far. */
    public static final class Report {
        public long rounds;
        public long vms;
        public long randomStreams;
        public long instructions;
        public final TreeMap<String, Long> faultsByVector = new TreeMap<>();
        public final TreeMap<String, Long> exits = new TreeMap<>();
        public long bystanderChecks;
        public long hostExceptions;
        public long lostBystanders;
        public long leftoverProcesses;
        public long leftoverFiles;
        public final List<String> problems = new ArrayList<>();

        public boolean clean() {
            return hostExceptions == 0 && lostBystanders == 0 && leftoverProcesses == 0 && leftoverFiles == 0;
        }

        void problem(String text) {
            if (problems.size() < 20) {
                problems.add(text);
            }
        }
    }

    private final Random random;
    private final Path tempDirectory;
    private final int randomStreams;

    /** @param tempDirectory where the swap files go (checked for leftovers after every round) */
    public HostileSoak(long seed, Path tempDirectory) {
        this(seed, tempDirectory, RANDOM_STREAMS);
    }

    /** @param randomStreams random-byte guests per round (each one random instruction stream) */
    public HostileSoak(long seed, Path tempDirectory, int randomStreams) {
        if (randomStreams < 1) {
            throw new IllegalArgumentException("at least one random stream per round");
        }
        this.random = new Random(seed);
        this.tempDirectory = tempDirectory;
        this.randomStreams = randomStreams;
    }

    /** Runs rounds until {@code nanos} have passed and at least {@code minRounds} rounds ran. */
    public Report run(long nanos, int minRounds, java.util.function.Consumer<Report> afterRound) {
        Report report = new Report();
        long end = System.nanoTime() + nanos;
        List<String> filesBefore = denaliFiles();
        java.time.Instant soakStart = java.time.Instant.now();
        do {
            try {
                round(report, report.rounds % 2 == 0);
            } catch (Throwable hostFailure) {
                report.hostExceptions++;
                report.problem("round " + report.rounds + ": " + hostFailure);
            }
            report.rounds++;
            List<String> files = denaliFiles();
            files.removeAll(filesBefore);
            report.leftoverFiles = files.size();
            if (!files.isEmpty()) {
                report.problem("left in " + tempDirectory + ": " + files);
            }
            // processes of this JVM that the soak's kernels started (none should: passt is not used here) and
            // that outlived their round; others of the JVM (a test runner's) are not the soak's business
            report.leftoverProcesses = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(t -> t.isAfter(soakStart)).orElse(false)).count();
            afterRound.accept(report);
        } while (System.nanoTime() < end || report.rounds < minRounds);
        return report;
    }

    private void round(Report report, boolean underMonitor) throws IOException, ElfFormatException {
        KernelConfig config = KernelConfig.defaults().withWorkers(2).withMaxInstructionsPerVm(MAX_INSTRUCTIONS);
        if (underMonitor) {
            MemoryManager memory = InHeapMemoryManager.withHeapBudget(HEAP_BUDGET_PAGES,
                "the soak's heap budget of " + HEAP_BUDGET_PAGES + " pages is spent");
            try (KernelAssembly assembly = KernelAssembly.builder(config).memory(memory).monitor(0).build()) {
                runKernel(assembly.kernel(), report);
            }
            return;
        }
        long capacity = randomStreams * SwapSpace.regionBytes(RANDOM_VM.swapBytes())
            + (BYSTANDERS + WRITERS + PROBERS + SPINNERS + FAULTING) * SwapSpace.regionBytes(SMALL_VM.swapBytes())
            + HOGS * SwapSpace.regionBytes(BIG_VM.swapBytes());
        // a temporary swap file unlinked once open, as denali run's (the same builder)
        try (KernelAssembly assembly = KernelAssembly.builder(config).physicalMemory(PHYSICAL_PAGES, null, capacity)
                .temporarySwapIn(tempDirectory).build()) {
            runKernel(assembly.kernel(), report);
        }
    }

    private record Guest(VirtualMachine vm, String kind) {
    }

    private void runKernel(Kernel kernel, Report report) throws ElfFormatException {
        VmConfig small = SMALL_VM;
        VmConfig big = BIG_VM;
        List<Guest> guests = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < BYSTANDERS; i++) {
            int key = random.nextInt();
            keys.add(key);
            guests.add(new Guest(kernel.instantiate(HostileGuests.bystander(key, BYSTANDER_ROUNDS), small,
                OutputStream.nullOutputStream()), "bystander"));
        }
        for (int i = 0; i < randomStreams; i++) {
            add(guests, kernel, HostileGuests.randomBytes(random, RANDOM_BYTES), RANDOM_VM, "random");
        }
        for (int i = 0; i < WRITERS; i++) {
            add(guests, kernel, HostileGuests.wildWriter(random.nextInt()), small, "writer");
        }
        for (int i = 0; i < PROBERS; i++) {
            add(guests, kernel, HostileGuests.portProber(random.nextInt()), small, "prober");
        }
        for (int i = 0; i < HOGS; i++) {
            add(guests, kernel, HostileGuests.memoryHog(), big, "hog");
        }
        for (int i = 0; i < SPINNERS; i++) {
            add(guests, kernel, HostileGuests.spinner(), small, "spinner");
        }
        for (int i = 0; i < FAULTING; i++) {
            add(guests, kernel, HostileGuests.faulting(i), small, "faulting");
        }
        // Random guests may idle for an hour, hlt or loop on short idles: once every bystander has ended and every
        // other VM has run at least one quantum, and all have ended or idle or half a second has passed (or after
        // a minute), the round is over and the kernel shuts the rest down (they end SHUTDOWN).
        List<VirtualMachine> bystanders = guests.stream().filter(g -> g.kind.equals("bystander")).map(Guest::vm)
            .toList();
        List<VirtualMachine> all = guests.stream().map(Guest::vm).toList();
        boolean[] cutOff = {false};
        Thread watchdog = new Thread(() -> {
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            long bystandersDone = 0;
            try {
                while (true) {
                    if (System.nanoTime() - start >= ROUND_LIMIT_NANOS
                            && processCpuNanos() - cpuStart >= ROUND_LIMIT_NANOS) {
                        cutOff[0] = true;
                        break;
                    }
                    if (bystanders.stream().anyMatch(vm -> vm.state() != VmState.ENDED)
                            || all.stream().anyMatch(vm -> vm.state() != VmState.ENDED && vm.quanta() == 0)) {
                        bystandersDone = 0;
                    } else if (bystandersDone == 0) {
                        bystandersDone = System.nanoTime();
                    } else if (System.nanoTime() - bystandersDone > GRACE_NANOS || all.stream()
                            .allMatch(vm -> vm.state() == VmState.ENDED || vm.state() == VmState.IDLE)) {
                        break;
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                return; // the kernel ended by itself
            }
            kernel.shutdown();
        }, "denali-soak-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            report.instructions += kernel.run().instructions();
        } finally {
            watchdog.interrupt();
        }
        for (Guest g : guests) {
            VmExit exit = g.vm.exit();
            report.vms++;
            report.exits.merge(g.kind + " " + exit.kind().name().toLowerCase(), 1L, Long::sum);
            if (g.kind.equals("random")) {
                report.randomStreams++;
            }
            if (exit.kind() == VmExit.Kind.FAULTED) {
                report.faultsByVector.merge(FaultVector.name(exit.fault().vector()), 1L, Long::sum);
                if (exit.fault().diagnostic().startsWith("kernel error")) {
                    report.hostExceptions++;
                    report.problem(exit.fault().summary());
                }
            }
            if (g.kind.equals("bystander")) {
                if (exit.kind() == VmExit.Kind.TERMINATED && exit.code() == 0) {
                    report.bystanderChecks += BYSTANDER_ROUNDS;
                } else {
                    report.lostBystanders++;
                    report.problem("round " + report.rounds + ", bystander vm" + g.vm.id() + ": " + exit
                        + (cutOff[0] ? " (the round was cut off after " + ROUND_LIMIT_NANOS / 1_000_000_000L
                            + " s of wall and CPU time)" : ""));
                }
            }
        }
    }

    /** CPU time of this JVM (all threads), or wall time where the platform does not say. */
    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos)
            .orElseGet(System::nanoTime);
    }

    private static void add(List<Guest> guests, Kernel kernel, GuestImage image, VmConfig config, String kind)
            throws ElfFormatException {
        guests.add(new Guest(kernel.instantiate(image, config, OutputStream.nullOutputStream()), kind));
    }

    private List<String> denaliFiles() {
        try (Stream<Path> files = Files.list(tempDirectory)) {
            return new ArrayList<>(files.map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith("denali-soak-")).toList());
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }
}
