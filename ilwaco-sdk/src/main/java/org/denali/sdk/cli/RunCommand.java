package org.denali.sdk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.assembly.KernelAssembly;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.core.FaultCores;
import org.denali.emulator.devices.disk.DiskStore;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.KernelStatistics;
import org.denali.emulator.kernel.Quantum;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.kernel.VmExit;
import org.denali.emulator.kernel.memory.SwapSpace;
import org.denali.emulator.net.PortForward;
import org.denali.emulator.net.VxlanConfig;
import org.denali.emulator.replay.RunJournal;

/**
 * {@code denali run IMAGE.elf}: boots one or more VMs from an image on the isolation kernel. Console output goes
 * to stdout (prefixed {@code [vmN] } per line when there are several VMs), stdin feeds the first VM's keyboard,
 * a statistics line goes to stderr, and the exit status is the guest's.
 */
final class RunCommand implements Command {
    static final int EXIT_FAULT_BASE = 128;
    static final int EXIT_INSTRUCTION_LIMIT = 124;
    static final int EXIT_IDLE_FOREVER = 125;
    static final int EXIT_SHUTDOWN = 130;
    static final int MAX_COUNT = 1_000_000;
    private static final String DISK_DIRECTORY = "disks";

    /** Overrides the context's input (tests), or null. */
    private final InputStream stdin;
    /** The replay this run is ({@code denali replay}), or null for a run of its own. */
    private final RunJournal replay;

    /** The first VM's keyboard reads the context's input ({@link CommandContext#in()}). */
    RunCommand() {
        this(null);
    }

    /** @param stdin what the first VM's keyboard reads instead of the context's input */
    RunCommand(InputStream stdin) {
        this(stdin, null);
    }

    /** A run replaying a recording: {@code replay} supplies what the host supplied ({@code denali replay}). */
    RunCommand(InputStream stdin, RunJournal replay) {
        this.stdin = stdin;
        this.replay = replay;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run a guest image on the isolation kernel";
    }

    @Override
    public String usage() {
        return """
            usage: denali run DEPLOYMENT.denali [--kernel NAME] [--monitor PORT] [--gdb PORT [--wait]] [--record FILE]
                   denali run IMAGE.elf [--memory 16M] [--swap 32M] [--count N] [--quantum N|Nus]
                                        [--phys-memory SIZE] [--deterministic] [--sync-interrupts]
                                        [--max-instructions N] [--pcap FILE] [--disk NAME[=SIZE][:ro],...]
                                        [--net passt:HOSTPORT:GUESTPORT[,...]] [--ip A.B.C.D/PREFIX]
                                        [--gdb PORT [--wait]] [--monitor PORT] [--jit on|off]
                                        [--jit-threshold N] [--core-dir DIR] [--restore SNAPSHOT]
                                        [--record FILE]
                                        [--vxlan LOCAL[:PORT] --vxlan-peer HOST[:PORT][,...] [--vni N]]
              --kernel NAME         (deployments of several kernels) run only kernel NAME, e.g. one per host;
                                    without it every kernel runs here, each its own process. A kernel running
                                    none of the workloads' generators ends its workload when stdin closes
              --memory SIZE         accessible memory per VM (K/M/G suffixes; a multiple of 4K, at most 3G)
              --swap SIZE           swap region per VM in the swap file (default 32M; with --phys-memory)
              --count N             run N VMs of the image (console lines prefixed [vmN])
              --quantum N|Nus       scheduler quantum in instructions, or in virtual µs (default 100000)
              --phys-memory SIZE    physical backing pages for the gatekeeper; VMs beyond it are swapped
                                    to a temporary swap file (default: unlimited, no swap file)
              --deterministic       virtual time from instruction counts, one thread: reproducible runs
                                    (stdin is read to EOF before the VMs start)
              --sync-interrupts     switch to a VM as soon as an interrupt arrives for it (paper's baseline)
              --max-instructions N  stop a VM after N instructions
              --jit on|off          compile hot guest code to JVM bytecode (default on; off: interpret only;
                                    exact counts, faults, breakpoints and single steps either way)
              --jit-threshold N     interpreted executions of a trace before it is compiled (default 50)
              --pcap FILE           record every frame on the VMs' virtual LAN (libpcap format)
              --net passt:H:G,...   connect the virtual LAN to the host through passt (started and stopped
                                    with the run; it answers the guests' ARP and DHCP): host TCP port H on
                                    127.0.0.1 reaches guest TCP port G; ADDR/H:G listens on ADDR instead
                                    (e.g. 0.0.0.0/8080:80 for every interface)
              --ip A.B.C.D/PREFIX   static IPv4 addresses: VM i (from 0) gets A.B.C.D+i in that subnet, no
                                    gateway (default: none, guests use DHCP)
              --vxlan LOCAL[:PORT]  link the virtual LAN to other kernels (or a Linux vxlan interface) over
                                    VXLAN, RFC 7348: listen on UDP LOCAL:PORT (default port 4789)
              --vxlan-peer H[:P],...  the peers' VXLAN endpoints: broadcasts and frames to MACs not yet
                                    learned go to every peer (default port 4789)
              --vni N               the VXLAN network identifier, 0..16777215 (default 1); peers must agree
              --disk NAME[=SIZE][:ro],...  grant every VM these disks from ./disks (=SIZE creates a missing
                                    disk; :ro attaches read-only, the only way several VMs can share one)
              --gdb PORT            serve the GDB remote protocol on localhost:PORT (VMs are gdb threads)
              --wait                with --gdb: hold every VM until gdb attaches and continues
              --monitor PORT        serve the read-only kernel monitor on localhost:PORT (0 = any free port):
                                    live scheduler, interrupt, swap and register state as JSON lines, with
                                    or without --gdb (docs/views.md)
              --core-dir DIR        write an ELF core of every VM that faults to DIR/IMAGE.vmID.core (created
                                    if missing; gdb IMAGE CORE opens it, docs/debugging.md "Core files")
              --restore SNAPSHOT    go on from a kernel snapshot (monitor snapshot save FILE) instead of from
                                    the start: give the same image and options it was taken with
                                    (docs/debugging.md "Snapshots")
              --record FILE         log every input from outside the kernel, every quantum and every real-time
                                    clock read to FILE, for `denali replay FILE` (one worker; no --disk;
                                    docs/debugging.md "Record and replay"). With --gdb and --deterministic:
                                    keep the history in memory for gdb's reverse execution instead
                                    (FILE is not written; docs/debugging.md "Reverse execution")
            Stdin feeds the first VM's keyboard and keeps the run alive while open: a network server idling for the
            host ends (125) once stdin closes (Ctrl-D), so keep stdin open (not </dev/null) to serve the host.
            Exit status: the guest's terminate code (several VMs: the first non-zero one); a fault is
            128+vector, an instruction limit 124, idling forever with nothing to wake it 125.""";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws UsageException {
        Arguments parsed = Arguments.parse(args,
            Set.of("memory", "swap", "count", "quantum", "phys-memory", "max-instructions", "gdb", "pcap", "disk",
                "net", "ip", "monitor", "jit", "jit-threshold", "core-dir", "vxlan", "vxlan-peer", "vni", "kernel",
                "restore", "record"),
            Set.of("deterministic", "sync-interrupts", "wait"));
        String given = parsed.positional(1, "one image file").get(0);
        if (given.endsWith(".denali") && parsed.option("restore", null) != null) {
            context.err().println("denali run: --restore works with an image (denali run IMAGE.elf ... --restore "
                + "FILE), not with a deployment yet");
            return 2;
        }
        RunJournal journal = replay != null ? replay : RecordOption.recording(args, parsed, context);
        if (journal != null && parsed.option("restore", null) != null) {
            context.err().println("denali run: --record cannot start from --restore yet: the snapshot is not part "
                + "of the recording");
            return 2;
        }
        if (given.endsWith(".denali")) {
            return DeploymentRunner.run(given, DeploymentRunner.services(args, parsed, context).withJournal(journal),
                parsed.option("kernel", null), stdin != null ? stdin : context.in(), context);
        }
        PrintStream err = context.err();
        if (parsed.option("kernel", null) != null) {
            err.println("denali run: --kernel NAME picks one kernel of a .denali deployment; an image runs on one");
            return 2;
        }
        Settings settings;
        try {
            settings = Settings.of(parsed);
        } catch (IllegalArgumentException e) {
            err.println("denali run: " + e.getMessage());
            return 2;
        }
        Path file = context.resolve(given);
        CoreFiles cores;
        try {
            cores = CoreFiles.of(parsed.option("core-dir", null), file, context);
        } catch (IOException | IllegalArgumentException e) {
            err.println("denali run: --core-dir: " + e.getMessage());
            return 2;
        }
        GuestImage image;
        try {
            long memory = Integer.toUnsignedLong(settings.vm.memorySize());
            byte[] bytes = ImageFiles.read(file, given,
                Math.min(memory + ImageFiles.SYMBOL_SLACK, ImageFiles.heapLimit()), "a VM with --memory "
                    + ImageFiles.human(memory) + " could load, with its symbols and debug information");
            if (journal != null) {
                journal.input(file.getFileName().toString(), bytes);
            }
            image = GuestImage.parse(bytes);
            image.checkFits(settings.vm.memorySize());
        } catch (ImageFiles.BadImageFile | org.denali.emulator.replay.JournalException e) {
            err.println("denali run: " + e.getMessage()); // a replay's image differs from the recorded one
            return 1;
        } catch (ElfFormatException e) {
            err.println("denali run: " + given + ": " + e.getMessage());
            return 1;
        }
        try {
            return boot(image, settings, cores, context, journal);
        } catch (ElfFormatException | IOException | RuntimeException e) {
            err.println("denali run: " + e.getMessage());
            return 1;
        }
    }

    private int boot(GuestImage image, Settings settings, CoreFiles cores, CommandContext context, RunJournal journal)
            throws ElfFormatException, IOException {
        KernelAssembly.Builder builder = KernelAssembly.builder(settings.kernel).monitor(settings.monitorPort)
            .gdb(settings.gdbPort, settings.waitForGdb).announce(context.err()).lanForwards(settings.passtForwards)
            .journal(journal);
        if (settings.physicalPages > 0) {
            // each VM gets a static region of --swap bytes (+ its header) in one temporary file, unlinked once open
            builder.physicalMemory(settings.physicalPages, null,
                settings.count * SwapSpace.regionBytes(settings.vm.swapBytes()));
        }
        if (settings.pcap != null) {
            builder.pcap(context.resolve(settings.pcap));
        }
        if (settings.vxlan != null) {
            builder.vxlan(settings.vxlan);
        }
        if (!settings.disks.isEmpty()) {
            builder.disks(context.resolve(DISK_DIRECTORY), settings.disks.stream()
                .map(d -> new KernelAssembly.DiskGrant(d.name, d.createBytes, d.readOnly)).toList());
        }
        try (KernelAssembly assembly = builder.build()) {
            cores.install(assembly.kernel(), assembly.debugger(), context.err());
            return bootVms(image, settings, assembly, context);
        }
    }

    /**
     * What core files need: the program they name (the image's file name, which gdb compares with the executable)
     * and {@code --core-dir DIR} (null without it), checked before anything runs.
     */
    private record CoreFiles(Path directory, String program, String arguments) {
        /** A clear IOException if DIR cannot be created or written. */
        static CoreFiles of(String option, Path image, CommandContext context) throws IOException {
            Path directory = null;
            if (option != null) {
                if (option.isBlank()) {
                    throw new IllegalArgumentException("needs a directory");
                }
                directory = context.resolve(option);
                FaultCores.requireWritableDirectory(directory);
            }
            return new CoreFiles(directory, image.getFileName().toString(), "denali run " + image.getFileName());
        }

        /** {@code monitor core} names the program; --core-dir writes a core for every VM that faults. */
        void install(Kernel kernel, KernelDebugger debugger, PrintStream err) throws IOException {
            if (debugger != null) {
                debugger.program(program, arguments);
            }
            if (directory != null) {
                FaultCores.install(kernel, directory, program, arguments, line -> err.println("denali run: " + line));
            }
        }
    }

    private int bootVms(GuestImage image, Settings settings, KernelAssembly assembly, CommandContext context)
            throws ElfFormatException {
        List<VirtualMachine> vms = new ArrayList<>();
        for (int i = 0; i < settings.count; i++) {
            VmConfig config = settings.vm;
            if (settings.ip != null) {
                config = config.withNic(0, settings.ip.address(i), settings.ip.netmask(), 0);
            }
            // the kernel assigns MACs; several VMs' console lines are prefixed [vmN]
            vms.add(settings.count > 1 ? assembly.instantiate(image, config, context.out(), "vm" + (i + 1), l -> { })
                : assembly.instantiate(image, config, context.out()));
        }
        if (settings.restore != null && !restoreSnapshot(assembly, context.resolve(settings.restore), context)) {
            return 2;
        }
        InputStream keyboard = stdin != null ? stdin : context.in();
        feedKeyboard(keyboard, assembly, vms.get(0),
            settings.kernel.clockMode() == org.denali.emulator.kernel.ClockMode.DETERMINISTIC);
        KernelStatistics stats = assembly.run();
        context.out().flush();
        int status = 0;
        Map<VmExit.Kind, Integer> ends = new EnumMap<>(VmExit.Kind.class);
        for (VirtualMachine vm : vms) {
            VmExit exit = vm.exit();
            ends.merge(exit.kind(), 1, Integer::sum);
            if (exit.kind() != VmExit.Kind.TERMINATED) {
                context.err().println("denali run: vm" + vm.id() + " " + describe(exit));
            }
            int code = exitStatus(exit);
            if (status == 0) {
                status = code;
            }
        }
        // how the VMs ended, on the same line (the IDE shows this line as information)
        context.err().println("denali run: " + stats.summary() + "; " + ended(vms.size(), ends));
        return status;
    }

    /** --restore: the snapshot replaces the fresh VMs' state, or the run stops with why (false). */
    private static boolean restoreSnapshot(KernelAssembly assembly, Path snapshot, CommandContext context) {
        try {
            assembly.kernel().restore(org.denali.emulator.kernel.snapshot.SnapshotFile.read(snapshot));
            return true;
        } catch (IOException | org.denali.emulator.kernel.CheckpointException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? snapshot + ": no such file"
                : e instanceof org.denali.emulator.kernel.snapshot.SnapshotFormatException ? e.getMessage()
                : snapshot + ": " + e.getMessage();
            context.err().println("denali run: --restore: " + why);
            return false;
        }
    }

    /** "3 VMs ended: 2 terminated, 1 faulted" (how `bench launch` counts the VMs a run ended). */
    static String ended(int count, Map<VmExit.Kind, Integer> ends) {
        StringBuilder text = new StringBuilder(String.format(count == 1 ? "%,d VM ended:" : "%,d VMs ended:", count));
        String separator = " ";
        for (var end : ends.entrySet()) {
            text.append(separator).append(String.format("%,d ", end.getValue()))
                .append(end.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            separator = ", ";
        }
        return text.toString();
    }

    private static String describe(VmExit exit) {
        return exit.kind() == VmExit.Kind.FAULTED ? exit.fault().describe() : exit.toString();
    }

    static int exitStatus(VmExit exit) {
        return switch (exit.kind()) {
            case TERMINATED -> exit.code();
            case FAULTED -> EXIT_FAULT_BASE + exit.fault().vector();
            case INSTRUCTION_LIMIT -> EXIT_INSTRUCTION_LIMIT;
            case IDLE_FOREVER -> EXIT_IDLE_FOREVER;
            case SHUTDOWN -> EXIT_SHUTDOWN;
            case WORKLOAD_ENDED -> 0; // only deployments end VMs so, and they judge by the workload
        };
    }

    /**
     * Stdin feeds the first VM's keyboard. Deterministic runs read it to EOF first, so input timing cannot change
     * the execution; real-time runs pump it from a daemon thread and keep the kernel alive until EOF.
     */
    private static void feedKeyboard(InputStream stdin, KernelAssembly assembly, VirtualMachine first,
            boolean deterministic) {
        Kernel kernel = assembly.kernel();
        if (deterministic) {
            byte[] all;
            try {
                all = stdin.readAllBytes();
            } catch (IOException e) {
                all = new byte[0]; // unreadable stdin: the guest sees no keyboard input
            }
            assembly.type(first, all, 0, all.length);
            return;
        }
        AutoCloseable open = kernel.holdOpen();
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (open) {
                int n;
                while ((n = stdin.read(buffer)) > 0) {
                    if (first.keyboard() == null) {
                        return; // the VM ended
                    }
                    assembly.type(first, buffer, 0, n);
                }
            } catch (Exception e) {
                // stdin broke: the guest simply gets no more keyboard input
            }
        }, "denali-stdin");
        pump.setDaemon(true);
        pump.start();
    }

    /** One --disk entry: NAME[=SIZE][:ro]; a SIZE creates the disk if it does not exist yet. */
    private record DiskSpec(String name, long createBytes, boolean readOnly) {
        static List<DiskSpec> parseAll(String text) {
            if (text == null) {
                return List.of();
            }
            List<DiskSpec> specs = new ArrayList<>();
            for (String item : text.split(",")) {
                boolean readOnly = item.endsWith(":ro");
                String body = readOnly ? item.substring(0, item.length() - 3) : item;
                String name = body;
                long bytes = 0;
                int eq = body.indexOf('=');
                if (eq >= 0) {
                    name = body.substring(0, eq);
                    bytes = parseSize(body.substring(eq + 1), "disk");
                    if (bytes < MemoryMap.PAGE_SIZE || bytes % MemoryMap.PAGE_SIZE != 0) {
                        throw new IllegalArgumentException("--disk " + item + ": a disk is a positive multiple of 4K");
                    }
                    if (bytes / MemoryMap.PAGE_SIZE > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("--disk " + item + ": a disk has at most 2^31 blocks of "
                            + "4K, so it is at most 8T");
                    }
                }
                if (!DiskStore.NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("--disk " + item + ": a disk name is lowercase letters, "
                        + "digits, '.', '_' or '-'");
                }
                specs.add(new DiskSpec(name, bytes, readOnly));
            }
            if (specs.size() > org.denali.emulator.arch.VirtualRegisters.MAX_DISKS) {
                throw new IllegalArgumentException("--disk: at most 8 disks per VM");
            }
            return specs;
        }
    }

    /** --ip A.B.C.D/PREFIX: consecutive static addresses, one per VM, all inside the subnet (host ints). */
    record StaticIp(int base, int prefix) {
        static StaticIp parse(String text, int count) {
            if (text == null) {
                return null;
            }
            String usage = "--ip expects A.B.C.D/PREFIX with PREFIX 8..30, not '" + text + "'";
            String[] parts = text.split("/", -1);
            String[] octets = parts[0].split("\\.", -1);
            if (parts.length != 2 || octets.length != 4) {
                throw new IllegalArgumentException(usage);
            }
            int base = 0;
            int prefix;
            try {
                for (String octet : octets) {
                    int value = Integer.parseInt(octet);
                    if (value < 0 || value > 255 || octet.length() > 3) {
                        throw new NumberFormatException();
                    }
                    base = base << 8 | value;
                }
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(usage);
            }
            if (prefix < 8 || prefix > 30) {
                throw new IllegalArgumentException(usage);
            }
            StaticIp ip = new StaticIp(base, prefix);
            long hostMask = ~Integer.toUnsignedLong(ip.netmask()) & 0xFFFFFFFFL;
            long firstHost = Integer.toUnsignedLong(base) & hostMask;
            // neither the network address (host part 0) nor the broadcast address (all ones) is a host
            if (firstHost == 0 || firstHost + count - 1 >= hostMask) {
                throw new IllegalArgumentException("--ip " + text + ": " + count + " VM(s) from this address do not "
                    + "fit in the subnet's host addresses");
            }
            return ip;
        }

        int netmask() {
            return (int) (0xFFFFFFFFL << (32 - prefix));
        }

        int address(int vm) {
            return base + vm;
        }
    }

    /** --jit on|off and --jit-threshold N as the kernel's threshold ({@link KernelConfig#JIT_OFF} when off). */
    static int jitThreshold(Arguments parsed) throws UsageException {
        String jit = parsed.option("jit", "on");
        if (!jit.equals("on") && !jit.equals("off")) {
            throw new IllegalArgumentException("--jit expects on or off, not " + jit);
        }
        long threshold = parsed.longOption("jit-threshold", org.denali.emulator.cpu.jit.TraceJit.DEFAULT_THRESHOLD);
        if (threshold < 0 || threshold > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--jit-threshold must be between 0 and " + Integer.MAX_VALUE);
        }
        if (jit.equals("off") && !parsed.option("jit-threshold", "").isEmpty()) {
            throw new IllegalArgumentException("--jit-threshold has no effect with --jit off");
        }
        return jit.equals("off") ? KernelConfig.JIT_OFF : (int) threshold;
    }

    /** Parsed and validated options. */
    private record Settings(VmConfig vm, KernelConfig kernel, long physicalPages, int count, String pcap,
                            List<DiskSpec> disks, List<PortForward> passtForwards, StaticIp ip, int gdbPort,
                            boolean waitForGdb, int monitorPort, VxlanConfig vxlan,
                            String restore) {
        static Settings of(Arguments parsed) throws UsageException {
            long memory = size(parsed, "memory", MemoryMap.DEFAULT_MEMORY_SIZE);
            if (memory <= MemoryMap.PAGE_SIZE || memory > Integer.toUnsignedLong(MemoryMap.MAX_MEMORY_SIZE)) {
                throw new IllegalArgumentException("--memory " + parsed.option("memory", "")
                    + " is impossible: a VM has between 8K and 3G of memory (the kernel owns the top 1G)");
            }
            if (memory % MemoryMap.PAGE_SIZE != 0) {
                throw new IllegalArgumentException("--memory must be a multiple of 4K, not " + memory + " bytes");
            }
            long swap = size(parsed, "swap", 32L << 20);
            if (swap < MemoryMap.PAGE_SIZE || swap > (1L << 40)) {
                throw new IllegalArgumentException("--swap must be between 4K and 1T");
            }
            long count = parsed.longOption("count", 1);
            if (count < 1 || count > MAX_COUNT) {
                throw new IllegalArgumentException("--count must be between 1 and " + MAX_COUNT + ", not " + count);
            }
            Quantum quantum = quantum(parsed.option("quantum", "100000"));
            long maxInstructions = parsed.longOption("max-instructions", 0);
            if (maxInstructions < 0) {
                throw new IllegalArgumentException("--max-instructions must not be negative");
            }
            KernelConfig kernel = KernelConfig.defaults().withQuantum(quantum)
                .withSynchronousInterrupts(parsed.has("sync-interrupts")).withMaxInstructionsPerVm(maxInstructions);
            if (parsed.has("deterministic")) {
                kernel = kernel.deterministic();
            }
            kernel = kernel.withJitThreshold(jitThreshold(parsed));
            long physicalPages = 0;
            if (parsed.option("swap", null) != null && parsed.option("phys-memory", null) == null) {
                throw new IllegalArgumentException("--swap needs --phys-memory: without a physical-memory budget "
                    + "nothing is swapped, so a swap size would be ignored");
            }
            if (!parsed.option("phys-memory", "").isEmpty()) {
                long phys = size(parsed, "phys-memory", 0);
                if (phys < 64 * MemoryMap.PAGE_SIZE || phys / MemoryMap.PAGE_SIZE > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("--phys-memory must be between 256K and 8T");
                }
                physicalPages = phys / MemoryMap.PAGE_SIZE;
                if (count * SwapSpace.regionBytes(swap) > (1L << 44)) {
                    throw new IllegalArgumentException("--count × --swap needs a swap file over 16T");
                }
            }
            VmConfig vm = VmConfig.defaults().withMemorySize((int) memory).withSwapBytes(swap);
            long gdbPort = parsed.longOption("gdb", -1);
            if (parsed.option("gdb", null) != null && (gdbPort < 0 || gdbPort > 65535)) {
                throw new IllegalArgumentException("--gdb expects a TCP port 0..65535, not " + gdbPort);
            }
            if (parsed.has("wait") && gdbPort < 0) {
                throw new IllegalArgumentException("--wait needs --gdb PORT");
            }
            long monitorPort = parsed.longOption("monitor", -1);
            if (parsed.option("monitor", null) != null && (monitorPort < 0 || monitorPort > 65535)) {
                throw new IllegalArgumentException("--monitor expects a TCP port 0..65535, not "
                    + parsed.option("monitor", ""));
            }
            if (monitorPort > 0 && monitorPort == gdbPort) {
                throw new IllegalArgumentException("--monitor and --gdb cannot share port " + monitorPort);
            }
            return new Settings(vm, kernel, physicalPages, (int) count, parsed.option("pcap", null),
                DiskSpec.parseAll(parsed.option("disk", null)), passtForwards(parsed.option("net", null)),
                StaticIp.parse(parsed.option("ip", null), (int) count), (int) gdbPort, parsed.has("wait"),
                (int) monitorPort, vxlan(parsed, kernel), parsed.option("restore", null));
        }

        /** --vxlan LOCAL[:PORT] --vxlan-peer HOST[:PORT],... [--vni N], or null without --vxlan. */
        private static VxlanConfig vxlan(Arguments parsed, KernelConfig kernel) {
            String local = parsed.option("vxlan", null);
            if (local == null) {
                if (parsed.option("vxlan-peer", null) != null || parsed.option("vni", null) != null) {
                    throw new IllegalArgumentException("--vxlan-peer and --vni need --vxlan LOCAL[:PORT], the "
                        + "endpoint this kernel listens on");
                }
                return null;
            }
            if (parsed.option("vxlan-peer", null) == null) {
                throw new IllegalArgumentException("--vxlan needs --vxlan-peer HOST[:PORT][,...]: the endpoints "
                    + "frames are sent to");
            }
            if (kernel.clockMode() == org.denali.emulator.kernel.ClockMode.DETERMINISTIC) {
                throw new IllegalArgumentException("--vxlan cannot go with --deterministic: a deterministic kernel "
                    + "skips idle time, but frames from its peers arrive in real time");
            }
            return new VxlanConfig(VxlanConfig.endpoint(local, "--vxlan", true),
                VxlanConfig.peers(parsed.option("vxlan-peer", null), "--vxlan-peer"),
                VxlanConfig.vni(parsed.option("vni", "1"), "--vni"));
        }

        /** {@code passt:H:G[,H:G|passt:H:G...]}: the only uplink so far is passt, so the word is required once. */
        private static List<PortForward> passtForwards(String text) {
            if (text == null) {
                return List.of();
            }
            if (!text.startsWith("passt:") || text.length() == "passt:".length()) {
                throw new IllegalArgumentException("--net expects passt:HOSTPORT:GUESTPORT[,...], not '" + text + "'");
            }
            List<PortForward> forwards = new ArrayList<>();
            Set<Integer> hostPorts = new java.util.HashSet<>();
            for (String item : text.substring("passt:".length()).split(",")) {
                String spec = item.startsWith("passt:") ? item.substring("passt:".length()) : item;
                PortForward forward;
                try {
                    forward = PortForward.parse(spec);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--net: " + e.getMessage());
                }
                if (!hostPorts.add(forward.hostPort())) {
                    throw new IllegalArgumentException("--net forwards host port " + forward.hostPort() + " twice");
                }
                forwards.add(forward);
            }
            return List.copyOf(forwards);
        }

        private static Quantum quantum(String text) {
            try {
                if (text.endsWith("us")) {
                    long micros = Long.parseLong(text.substring(0, text.length() - 2));
                    if (micros > 0) {
                        return Quantum.ofMicros(micros);
                    }
                } else {
                    long instructions = Long.parseLong(text);
                    if (instructions > 0) {
                        return Quantum.ofInstructions(instructions);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--quantum expects a positive instruction count or microseconds "
                + "like 50us, not '" + text + "'");
        }
    }

    /** An option's size ("16M", "4096", "512K", "1G") in bytes, or {@code fallback} if the option is absent. */
    static long size(Arguments parsed, String option, long fallback) {
        String text = parsed.option(option, null);
        return text == null ? fallback : parseSize(text, option);
    }

    /** "16M", "4096", "512K", "1G", "1T" in bytes; {@code option} names the flag in the error. */
    static long parseSize(String text, String option) {
        String digits = text.toUpperCase();
        long unit = 1;
        if (digits.endsWith("K") || digits.endsWith("M") || digits.endsWith("G") || digits.endsWith("T")) {
            unit = switch (digits.charAt(digits.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                case 'G' -> 1L << 30;
                default -> 1L << 40;
            };
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            long value = Long.parseLong(digits);
            if (value < 0 || value > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return value * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " expects a size like 16M, 512K, 2G, 1T or 4096, not '"
                + text + "'");
        }
    }
}
