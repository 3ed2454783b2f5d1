package org.denali.lang.deploy.kernel;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.monitor.MonitorServer;
import org.denali.emulator.debug.rsp.GdbLaunch;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.InHeapMemoryManager;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelStatistics;
import org.denali.emulator.kernel.LocalNetwork;
import org.denali.emulator.kernel.MemoryManager;
import org.denali.emulator.kernel.SwapMemoryManager;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.kernel.VmDeviceFactory;
import org.denali.emulator.kernel.VmExit;
import org.denali.emulator.kernel.memory.LeastRecentlyRunPolicy;
import org.denali.emulator.kernel.memory.PhysicalMemory;
import org.denali.emulator.kernel.memory.SwapSpace;
import org.denali.emulator.net.PcapWriter;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.deploy.VmGroup;
import org.denali.lang.deploy.deploy.Workload;

/**
 * Runs a deployment on the emulated isolation kernel: the kernel from {@link KernelConfigurations#kernelConfig},
 * physical memory from {@code kernel { memory }} (paging whole VMs to the {@code swap} file when there is one),
 * every instance of every VM group with its {@link KernelConfigurations#vmConfig} on one virtual LAN (recorded
 * to {@code pcap}), consoles prefixed {@code [group#i] }, host ports forwarded through passt to their VMs
 * ({@link PasstForwards}), each workload's parameters typed into its VMs' keyboards as boot arguments
 * ({@link WorkloadArguments}). Paths are relative to the .denali file's directory.
 */
public final class DeploymentRun {

    /** The outcome: each instance's exit in start order, the kernel's statistics. */
    public record Result(List<Instance> instances, KernelStatistics statistics) {
        /**
         * The first non-zero status, in start order, with {@code denali run}'s codes: the terminate code, 128 +
         * vector for a fault, 124 for an instruction limit, 125 for idling forever, 1 for a kernel shutdown. A
         * server VM left idling once its clients have terminated is how a deployment ends (loadgen finishes, the
         * httpd VMs wait for requests that cannot come), so idling forever is a failure only when no VM of the
         * deployment terminated.
         */
        public int exitStatus() {
            boolean someTerminated = instances.stream().anyMatch(i -> i.exit().kind() == VmExit.Kind.TERMINATED);
            for (Instance instance : instances) {
                VmExit exit = instance.exit();
                int code = switch (exit.kind()) {
                    case TERMINATED -> exit.code();
                    case FAULTED -> 128 + exit.fault().vector();
                    case INSTRUCTION_LIMIT -> 124;
                    case IDLE_FOREVER -> someTerminated ? 0 : 125;
                    case SHUTDOWN -> 1;
                };
                if (code != 0) {
                    return code;
                }
            }
            return 0;
        }
    }

    /** One VM of a group. */
    public record Instance(String name, VmExit exit) {
    }

    private DeploymentRun() {
    }

    public static Result run(Deployment deployment, Path baseDirectory, OutputStream console)
            throws IOException, ElfFormatException {
        return run(deployment, baseDirectory, console, KernelServices.NONE);
    }

    /** A run that also serves the monitor and/or the GDB stub ({@code denali run FILE.denali --monitor --gdb}). */
    public static Result run(Deployment deployment, Path baseDirectory, OutputStream console, KernelServices services)
            throws IOException, ElfFormatException {
        List<Closeable> resources = new ArrayList<>();
        try {
            KernelConfig kernelConfig = KernelConfigurations.kernelConfig(deployment);
            MemoryManager memory = memory(deployment, baseDirectory, resources);
            // the debugger builds the kernel when anything is served: it wraps the scheduling policies to see VMs
            KernelDebugger debugger = services.any() ? KernelDebugger.newKernel(kernelConfig, memory) : null;
            Kernel kernel = debugger != null ? debugger.kernel() : new Kernel(kernelConfig, memory);
            if (services.monitorPort() >= 0) {
                MonitorServer monitor = MonitorServer.start(debugger, memory, services.monitorPort());
                resources.add(monitor::close);
                monitor.announce(services.announce());
            }
            GdbLaunch gdb = services.gdbPort() >= 0 ? GdbLaunch.start(debugger, services.gdbPort()) : null;
            if (gdb != null) {
                resources.add(gdb::close);
            }
            LocalNetwork network = new LocalNetwork();
            if (deployment.getNetwork() != null && deployment.getNetwork().getPcap() != null) {
                Path pcapFile = baseDirectory.resolve(deployment.getNetwork().getPcap());
                Files.createDirectories(pcapFile.toAbsolutePath().getParent());
                PcapWriter pcap = PcapWriter.create(pcapFile);
                resources.add(pcap);
                network.lan().addTap(pcap);
            }
            List<VmDeviceFactory> devices = List.of(network);
            boolean swapping = swapFile(deployment) != null;
            List<VirtualMachine> vms = new ArrayList<>();
            Map<VmGroup, List<VirtualMachine>> byGroup = new HashMap<>();
            List<String> names = new ArrayList<>();
            List<PrefixedLines> consoles = new ArrayList<>();
            for (VmGroup group : deployment.getGroups()) {
                GuestImage image = GuestImage.parse(Files.readAllBytes(baseDirectory.resolve(group.getImage())));
                for (int i = 0; i < KernelConfigurations.count(group); i++) {
                    VmConfig config = KernelConfigurations.vmConfig(group, i);
                    if (swapping && config.swapBytes() == 0) {
                        config = config.withSwapBytes(config.memorySize()); // room to page the whole VM out
                    }
                    String name = group.getName() + "#" + i;
                    PrefixedLines out = new PrefixedLines(console, "[" + name + "] ");
                    consoles.add(out);
                    VirtualMachine vm = kernel.instantiate(image, config, out, devices);
                    vms.add(vm);
                    byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(vm);
                    names.add(name);
                }
            }
            for (Workload workload : deployment.getWorkloads()) {
                WorkloadArguments.Lines lines = WorkloadArguments.of(workload);
                type(byGroup.get(workload.getSource()), lines.generator());
                for (VmGroup target : workload.getTargets()) {
                    type(byGroup.get(target), lines.target());
                }
            }
            if (deployment.getNetwork() != null && !deployment.getNetwork().getForwards().isEmpty()) {
                resources.add(PasstForwards.start(deployment.getNetwork().getForwards(), forward -> {
                    VirtualMachine vm = byGroup.get(forward.getGroup()).get(forward.getInstance());
                    return new PasstForwards.Target(forward.getGroup().getName() + "#" + forward.getInstance(),
                        vm.config());
                }, network.lan(), kernel));
            }
            if (gdb != null) {
                gdb.beforeRun(services.waitForGdb(), services.announce());
            }
            KernelStatistics statistics = kernel.run();
            for (PrefixedLines out : consoles) {
                out.flushPartialLine();
            }
            List<Instance> instances = new ArrayList<>();
            for (int i = 0; i < vms.size(); i++) {
                instances.add(new Instance(names.get(i), vms.get(i).exit()));
            }
            return new Result(instances, statistics);
        } finally {
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close(); // passt before the pcap it feeds, the swap file last
            }
        }
    }

    /** Boot arguments: typed before the kernel runs, so each VM finds the whole line queued at start. */
    private static void type(List<VirtualMachine> vms, String line) {
        byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (VirtualMachine vm : vms == null ? List.<VirtualMachine>of() : vms) {
            vm.keyboard().type(bytes, 0, bytes.length);
        }
    }

    private static String swapFile(Deployment deployment) {
        return deployment.getKernel() == null ? null : deployment.getKernel().getSwapFile();
    }

    private static MemoryManager memory(Deployment deployment, Path baseDirectory, List<Closeable> resources)
            throws IOException {
        if (deployment.getKernel() == null || deployment.getKernel().getMemory() == null) {
            return InHeapMemoryManager.unlimited();
        }
        long budget = Units.bytes(deployment.getKernel().getMemory());
        String swap = swapFile(deployment);
        if (swap == null) {
            return InHeapMemoryManager.ofBytes(budget);
        }
        long capacity = 0;
        for (VmGroup group : deployment.getGroups()) {
            VmConfig config = KernelConfigurations.vmConfig(group, 0);
            long perVm = config.swapBytes() == 0 ? config.memorySize() : config.swapBytes();
            capacity += KernelConfigurations.count(group) * (perVm + 64 * 1024L); // + each region's header
        }
        Path file = baseDirectory.resolve(swap);
        Files.createDirectories(file.toAbsolutePath().getParent());
        SwapSpace space = SwapSpace.create(file, capacity);
        resources.add(space);
        return new SwapMemoryManager(new PhysicalMemory((int) (budget / 4096), space, new LeastRecentlyRunPolicy()));
    }
}
