package org.denali.emulator.assembly;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.monitor.MonitorServer;
import org.denali.emulator.debug.rsp.GdbLaunch;
import org.denali.emulator.devices.disk.DiskStore;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.ClockMode;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.InHeapMemoryManager;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.KernelStatistics;
import org.denali.emulator.kernel.LocalNetwork;
import org.denali.emulator.kernel.MemoryManager;
import org.denali.emulator.kernel.SwapMemoryManager;
import org.denali.emulator.kernel.VirtualDisks;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.kernel.VmDeviceFactory;
import org.denali.emulator.kernel.memory.LeastRecentlyRunPolicy;
import org.denali.emulator.kernel.memory.PhysicalMemory;
import org.denali.emulator.kernel.memory.SwapSpace;
import org.denali.emulator.net.GuestAddressing;
import org.denali.emulator.net.MacAddress;
import org.denali.emulator.net.PasstProcess;
import org.denali.emulator.net.PasstUplink;
import org.denali.emulator.net.PcapWriter;
import org.denali.emulator.net.PortForward;
import org.denali.emulator.net.SingleGuestUplinkFilter;
import org.denali.emulator.net.VxlanConfig;
import org.denali.emulator.net.VxlanUplink;
import org.denali.emulator.replay.RunJournal;

/**
 * The one place a kernel is put together with the host-side parts around it: memory (the heap-bounded manager, a
 * budget, or physical pages paging whole VMs to a swap file), the kernel (under the debugger when the monitor or
 * the GDB stub is served), the virtual LAN with its pcap tap and passt uplinks, and granted disks. {@code denali run
 * IMAGE}, {@code denali run FILE.denali} (and so the IDE's launches, which run it as a process) and the
 * benchmarks build their kernels here, so a fix to how a part is made or cleaned up holds for all of them.
 *
 * <p>Usage: {@code try (KernelAssembly k = KernelAssembly.builder(config).…build()) { k.instantiate(…); k.run(); }}.
 * Closing stops and removes, in reverse order, everything the assembly started or created (passt and its socket,
 * the pcap file's writer, the swap file, the debugger's ports, disks).
 */
public final class KernelAssembly implements AutoCloseable {
    private final Kernel kernel;
    private final KernelDebugger debugger;
    private final MemoryManager memory;
    private final LocalNetwork network;
    private final List<VmDeviceFactory> devices;
    private final GdbLaunch gdb;
    private final boolean waitForGdb;
    private final PrintStream announce;
    private final List<AutoCloseable> resources;
    private final List<ConsoleLines> consoles = new ArrayList<>();
    private final VxlanUplink vxlan;
    /** The recording or replay of this run, or null. */
    private final RunJournal journal;

    private KernelAssembly(Builder b, List<AutoCloseable> resources, MemoryManager memory, KernelDebugger debugger,
            Kernel kernel, LocalNetwork network, List<VmDeviceFactory> devices, GdbLaunch gdb, VxlanUplink vxlan) {
        this.resources = resources;
        this.vxlan = vxlan;
        this.memory = memory;
        this.debugger = debugger;
        this.kernel = kernel;
        this.network = network;
        this.devices = List.copyOf(devices);
        this.gdb = gdb;
        this.waitForGdb = b.waitForGdb;
        this.announce = b.announce;
        this.journal = b.journal;
    }

    public static Builder builder(KernelConfig config) {
        return new Builder(config);
    }

    public Kernel kernel() {
        return kernel;
    }

    /** The debugger the kernel was built under, or null when neither the monitor nor gdb is served. */
    public KernelDebugger debugger() {
        return debugger;
    }

    public MemoryManager memory() {
        return memory;
    }

    /** The virtual LAN, or null if built {@link Builder#withoutLan() without} one. */
    public LocalNetwork network() {
        return network;
    }

    /** The LAN's VXLAN link to other kernels, or null when it has none. */
    public VxlanUplink vxlan() {
        return vxlan;
    }

    /** The devices every VM gets beyond the built-in ones: the LAN's NIC and the granted disks. */
    public List<VmDeviceFactory> devices() {
        return devices;
    }

    /** The recording or replay of this run, or null for a plain run. */
    public RunJournal journal() {
        return journal;
    }

    /** Host keyboard input for {@code vm}: at once, or, while recording, at the kernel's next scheduling point. */
    public void type(VirtualMachine vm, byte[] bytes, int offset, int length) {
        if (journal != null) {
            journal.type(vm, bytes, offset, length);
        } else if (vm.keyboard() != null) {
            vm.keyboard().type(bytes, offset, length);
        }
    }

    /** A VM whose console goes straight to {@code console}. */
    public VirtualMachine instantiate(GuestImage image, VmConfig config, OutputStream console)
            throws ElfFormatException {
        return kernel.instantiate(image, config, console, devices);
    }

    /**
     * A VM sharing {@code console} with others: its lines are prefixed {@code [name] } and written whole; the
     * listener sees each line (without the prefix). The debugger, if any, names the VM {@code name} too.
     */
    public VirtualMachine instantiate(GuestImage image, VmConfig config, OutputStream console, String name,
            java.util.function.Consumer<String> lines) throws ElfFormatException {
        ConsoleLines out = new ConsoleLines(console, "[" + name + "] ", lines);
        synchronized (consoles) {
            consoles.add(out);
        }
        VirtualMachine vm = kernel.instantiate(image, config, out, devices);
        if (debugger != null) {
            // the monitor's VM list and gdb's thread names say "httpd#0", as the console prefix does
            debugger.name(vm.id(), name);
        }
        return vm;
    }

    /**
     * Forwards host ports to one VM through a passt of its own (passt serves one guest: it learns its MAC and
     * address from the frames it sees), whose switch port passes only that VM's frames. While it is plugged in the
     * kernel is held open: a VM idling forever may still be woken by a packet from the host.
     *
     * @param name the VM's name, for passt's private directory
     * @param config the config the VM was instantiated with (its MAC assigned)
     */
    public void forwardTo(String name, VmConfig config, List<PortForward> forwards) throws IOException {
        GuestAddressing addressing = config.nicIpv4() == 0 ? null
            : new GuestAddressing(config.nicIpv4(), Integer.bitCount(config.nicNetmask()), config.nicGateway());
        plugPasst(name, forwards, addressing, new SingleGuestUplinkFilter(new MacAddress(config.nicMac()), addressing));
        AutoCloseable open = kernel.holdOpen();
        resources.add(open);
    }

    /**
     * Connects the whole LAN to the host through one passt that answers every guest's ARP and DHCP ({@code denali
     * run IMAGE --net passt:…}); it does not hold the kernel open by itself.
     */
    void forwardLan(List<PortForward> forwards) throws IOException {
        plugPasst("lan", forwards, null, null);
    }

    private void plugPasst(String name, List<PortForward> forwards, GuestAddressing addressing,
            SingleGuestUplinkFilter filter) throws IOException {
        if (journal != null && journal.replaying()) {
            // no host during a replay: the uplink's port stays (port numbers are part of the run), its frames come
            // from the log and what the VMs send the host goes nowhere
            network.lan().attach(frame -> { }, null);
            return;
        }
        // a private directory: passt's socket is the only way into the virtual LAN from the host
        Path directory = Files.createTempDirectory("denali-passt-" + name.replaceAll("[^A-Za-z0-9_-]", "_"));
        resources.add(() -> deleteTree(directory));
        PasstProcess passt = addressing == null ? PasstProcess.start(directory.resolve("passt.sock"), forwards)
            : PasstProcess.start(directory.resolve("passt.sock"), forwards, addressing);
        resources.add(passt);
        resources.add(PasstUplink.connect(passt.socket(), network.lan(), filter,
            journal == null ? null : journal.hostFrames(network.lan())));
        // connected: nothing of passt's needs a name any more, so nothing is left even after kill -9
        passt.unlinkFiles();
        deleteTree(directory);
    }

    /** Runs the kernel until every VM has ended (after gdb attached, when asked to wait), then flushes consoles. */
    public KernelStatistics run() {
        if (gdb != null) {
            gdb.beforeRun(waitForGdb, announce);
        }
        KernelStatistics statistics = kernel.run();
        if (gdb != null) {
            gdb.close();
        }
        if (journal != null) {
            try {
                journal.finish();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("the recording could not be finished: " + e.getMessage(), e);
            }
        }
        synchronized (consoles) {
            consoles.forEach(ConsoleLines::flushPartialLine);
        }
        return statistics;
    }

    /** Stops and removes everything the assembly started, in reverse order (passt before the pcap it feeds). */
    @Override
    public void close() throws IOException {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) throws IOException {
        IOException first = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (IOException e) {
                first = first == null ? e : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                first = first == null ? new IOException(e.getMessage(), e) : first;
            }
        }
        resources.clear();
        if (first != null) {
            throw first;
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(directory);
    }

    /** A disk grant: {@code createBytes > 0} creates the disk when it does not exist yet. */
    public record DiskGrant(String name, long createBytes, boolean readOnly) {
    }

    /** What to assemble; every part is optional. */
    public static final class Builder {
        private final KernelConfig config;
        private long budgetBytes = -1;
        private long physicalPages;
        private Path swapFile;
        private Path swapDirectory;
        private long swapCapacity;
        private MemoryManager memory;
        private int monitorPort = -1;
        private int gdbPort = -1;
        private boolean waitForGdb;
        private PrintStream announce;
        private Path pcap;
        private List<PortForward> lanForwards = List.of();
        private Path diskDirectory;
        private List<DiskGrant> disks = List.of();
        private VxlanConfig vxlan;
        private RunJournal journal;
        private boolean lan = true;

        private Builder(KernelConfig config) {
            this.config = config;
        }

        /** Guest pages held in the heap, at most {@code bytes} of them (0: unlimited). Default: bounded by the heap. */
        public Builder memoryBudget(long bytes) {
            this.budgetBytes = bytes;
            return this;
        }

        /**
         * {@code pages} physical backing pages; VMs beyond them are paged out whole to {@code swapFile} ({@code null}:
         * a temporary file, unlinked once open) of {@code capacityBytes}, the sum of the VMs'
         * {@link SwapSpace#regionBytes regions}.
         */
        public Builder physicalMemory(long pages, Path swapFile, long capacityBytes) {
            if (pages <= 0 || pages > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("physical memory must be between 4K and 8T");
            }
            this.physicalPages = pages;
            this.swapFile = swapFile;
            this.swapCapacity = capacityBytes;
            return this;
        }

        /** Where a temporary swap file is made (default: the system's temporary directory). */
        public Builder temporarySwapIn(Path directory) {
            this.swapDirectory = directory;
            return this;
        }

        /** A memory manager of the caller's own instead (e.g. a heap budget with its own message). */
        public Builder memory(MemoryManager manager) {
            this.memory = manager;
            return this;
        }

        /** Serves the read-only kernel monitor on localhost:{@code port} (0: any free port). */
        public Builder monitor(int port) {
            this.monitorPort = port;
            return this;
        }

        /** Serves the GDB remote protocol on localhost:{@code port}, holding every VM until gdb continues if asked. */
        public Builder gdb(int port, boolean waitForGdb) {
            this.gdbPort = port;
            this.waitForGdb = waitForGdb;
            return this;
        }

        /**
         * Records the run, or replays a recorded one (null: neither). The kernel then runs one worker; gdb (which
         * writes registers and memory the log does not carry) and disks are refused.
         */
        public Builder journal(RunJournal runJournal) {
            this.journal = runJournal;
            return this;
        }

        /** Where the "listening on" lines of the monitor and gdb go. */
        public Builder announce(PrintStream announce) {
            this.announce = announce;
            return this;
        }

        /** Records every frame entering the LAN to {@code file} (libpcap format); its directory is created. */
        public Builder pcap(Path file) {
            this.pcap = file;
            return this;
        }

        /** One passt for the whole LAN ({@code --net passt:H:G}): the guests get their addresses by DHCP. */
        public Builder lanForwards(List<PortForward> forwards) {
            this.lanForwards = List.copyOf(forwards);
            return this;
        }

        /**
         * No virtual LAN: VMs get no NIC and {@link KernelAssembly#network()} is null. For measurements of the kernel's
         * own per-VM cost ({@code bench scale}), where a NIC's queues and switch port would be counted too.
         */
        public Builder withoutLan() {
            this.lan = false;
            return this;
        }

        /** Grants every VM these disks of {@code directory} (created there when a size is given). */
        public Builder disks(Path directory, List<DiskGrant> grants) {
            this.diskDirectory = directory;
            this.disks = List.copyOf(grants);
            return this;
        }

        /**
         * Links the LAN to other kernels' (or Linux's) over VXLAN ({@code --vxlan}, a deployment's kernels); while
         * linked the kernel is held open, since a frame from a peer may wake any VM.
         */
        public Builder vxlan(VxlanConfig config) {
            this.vxlan = config;
            return this;
        }

        public KernelAssembly build() throws IOException {
            List<AutoCloseable> resources = new ArrayList<>();
            KernelConfig config = this.config;
            if (journal != null) {
                if (gdbPort >= 0 && !journal.servesDebugger()) {
                    throw new IllegalArgumentException("--record cannot serve --gdb: a debugger changes registers and "
                        + "memory, which the recording does not log (use --monitor, or debug the replay)");
                }
                if (gdbPort < 0 && journal.servesDebugger()) {
                    throw new IllegalArgumentException("a history for reverse execution needs --gdb");
                }
                if (!disks.isEmpty()) {
                    throw new IllegalArgumentException("--record does not support disks yet: their contents at the "
                        + "start and their completions are not logged");
                }
                if (vxlan != null) {
                    throw new IllegalArgumentException("--record cannot record a --vxlan link yet: frames from other "
                        + "kernels are not logged");
                }
                config = config.withWorkers(1); // one worker: the order of quanta is the log's
            }
            try {
                MemoryManager memory = memory(resources);
                // the debugger builds the kernel when anything is served: it wraps the scheduling policies to see
                // and hold VMs (unattached it only watches); gdb and the monitor share it (docs/debugging.md)
                KernelDebugger debugger = monitorPort < 0 && gdbPort < 0 ? null
                    : KernelDebugger.newKernel(config, memory);
                Kernel kernel = debugger != null ? debugger.kernel() : new Kernel(config, memory);
                MonitorServer monitor = null;
                if (monitorPort >= 0) {
                    monitor = listen("--monitor", monitorPort,
                        () -> MonitorServer.start(debugger, memory, monitorPort));
                    resources.add(monitor);
                    if (announce != null) {
                        monitor.announce(announce);
                    }
                }
                GdbLaunch gdb = null;
                if (gdbPort >= 0) {
                    gdb = listen("--gdb", gdbPort, () -> GdbLaunch.start(debugger, gdbPort));
                    resources.add(gdb);
                }
                if (!lan && (pcap != null || !lanForwards.isEmpty() || vxlan != null || journal != null)) {
                    throw new IllegalStateException("a pcap tap, passt forwards, a VXLAN link or a recording need the "
                        + "LAN");
                }
                LocalNetwork network = lan ? new LocalNetwork() : null;
                if (monitor != null && network != null) {
                    network.lan().addTap(monitor.timeline()); // frames on the VMs' timelines
                }
                if (journal != null) {
                    journal.attach(kernel, network.lan());
                    if (journal instanceof org.denali.emulator.debug.history.ExecutionHistory history) {
                        history.bind(debugger); // the debugger's writes go into the history, seeks drive the kernel
                    }
                }
                Path capture = journal == null ? pcap : journal.capture(pcap);
                if (capture != null) {
                    Path parent = capture.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    PcapWriter writer = PcapWriter.create(capture);
                    resources.add(writer);
                    network.lan().addTap(journal == null ? writer : journal.stamped(writer));
                } else if (journal != null && !journal.replaying()) {
                    network.lan().addTap(journal.stamped((time, frame) -> { })); // so a replay can write a pcap
                }
                List<VmDeviceFactory> devices = new ArrayList<>();
                if (network != null) {
                    devices.add(network);
                }
                if (!disks.isEmpty()) {
                    devices.add(disks(resources));
                }
                VxlanUplink uplink = null;
                if (vxlan != null) {
                    uplink = VxlanUplink.open(vxlan, network.lan());
                    resources.add(uplink);
                    resources.add(kernel.holdOpen());
                }
                KernelAssembly assembly = new KernelAssembly(this, resources, memory, debugger, kernel, network,
                    devices, gdb, uplink);
                if (!lanForwards.isEmpty()) {
                    assembly.forwardLan(lanForwards);
                }
                return assembly;
            } catch (IOException | RuntimeException e) {
                closeAll(resources);
                throw e;
            }
        }

        private MemoryManager memory(List<AutoCloseable> resources) throws IOException {
            if (memory != null) {
                return memory;
            }
            if (physicalPages == 0) {
                // no budget given: guest pages are bounded by what the heap can hold, so a hog faults, not the kernel
                return budgetBytes < 0 ? InHeapMemoryManager.boundedByHeap()
                    : budgetBytes == 0 ? InHeapMemoryManager.unlimited() : InHeapMemoryManager.ofBytes(budgetBytes);
            }
            boolean temporary = swapFile == null;
            Path file = !temporary ? swapFile : swapDirectory == null ? Files.createTempFile("denali-", ".swap")
                : Files.createTempFile(swapDirectory, "denali-", ".swap");
            if (!temporary && file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            SwapSpace swap;
            try {
                swap = SwapSpace.create(file, swapCapacity);
                resources.add(swap);
            } finally {
                if (temporary) {
                    // unlinked once open: guest pages never outlive the kernel, however it ends
                    Files.deleteIfExists(file);
                }
            }
            return new SwapMemoryManager(new PhysicalMemory((int) physicalPages, swap, new LeastRecentlyRunPolicy()));
        }

        private VmDeviceFactory disks(List<AutoCloseable> resources) throws IOException {
            DiskStore store = new DiskStore(diskDirectory);
            resources.add(store);
            List<VirtualDisks.Grant> grants = new ArrayList<>();
            for (DiskGrant grant : disks) {
                if (grant.createBytes() > 0 && !store.exists(grant.name())) {
                    store.create(grant.name(), (int) (grant.createBytes() / MemoryMap.PAGE_SIZE));
                }
                grants.add(new VirtualDisks.Grant(grant.name(), grant.readOnly()));
            }
            // Deterministic runs complete transfers during the PIO, so the execution stays reproducible.
            Executor io = Runnable::run;
            if (config.clockMode() != ClockMode.DETERMINISTIC) {
                ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "denali-disk-io");
                    t.setDaemon(true);
                    return t;
                });
                resources.add(() -> {
                    pool.shutdown();
                    pool.awaitTermination(10, TimeUnit.SECONDS); // VMs' disks detach on these threads
                });
                io = pool;
            }
            return new VirtualDisks(store, io, grants);
        }
    }

    private interface Listener<T> {
        T start() throws IOException;
    }

    /** Starts a server on a port the user chose; a failure to bind names the flag and the port. */
    private static <T> T listen(String flag, int port, Listener<T> server) throws IOException {
        try {
            return server.start();
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String reason = root.getMessage() == null ? root.toString() : root.getMessage();
            if (reason.contains(": ")) {
                reason = reason.substring(reason.lastIndexOf(": ") + 2);
            }
            throw new IOException(flag + " " + port + ": cannot listen on localhost:" + port + " (" + reason
                + "); choose another port, or 0 for any free one", e);
        }
    }
}
