package org.denali.emulator.assembly;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.KernelStatistics;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.kernel.VmExit;
import org.denali.emulator.kernel.memory.SwapSpace;
import org.denali.emulator.net.VxlanStats;

/**
 * Runs a {@link DeploymentPlan} on a kernel from {@link KernelAssembly}: every instance of every group on one LAN,
 * consoles prefixed {@code [group#i] }, each forward through a passt of its own, each workload's boot arguments typed
 * into its VMs' keyboards. A deployment with workloads ends when its generators end: the servers still waiting are
 * stopped ({@link VmExit.Kind#WORKLOAD_ENDED}) even though a host port forward holds the kernel open.
 */
public final class DeploymentRun {

    /** One VM of a group. */
    public record Instance(String name, VmExit exit) {
    }

    /** A workload's outcome: its generator's report (null if it printed none) and its targets' names in order. */
    public record WorkloadOutcome(DeploymentPlan.Workload workload, WorkloadReport report, List<String> targets) {
    }

    /**
     * The outcome: each instance's exit in start order, the workloads, the kernel's statistics, and its VXLAN link's
     * counters (null without a link).
     */
    public record Result(List<Instance> instances, List<WorkloadOutcome> workloads, KernelStatistics statistics,
            VxlanStats vxlan) {
        public Result(List<Instance> instances, List<WorkloadOutcome> workloads, KernelStatistics statistics) {
            this(instances, workloads, statistics, null);
        }

        public Result(List<Instance> instances, KernelStatistics statistics) {
            this(instances, List.of(), statistics);
        }

        /**
         * 0 if the deployment succeeded, else the first failure in start order with {@code denali run}'s codes: the
         * terminate code, 128 + vector for a fault, 124 for an instruction limit, 125 for idling forever, 1 for a
         * kernel shutdown. A server left idling once its clients terminated, or stopped when its workload ended, is
         * how a deployment ends, so idling forever is a failure only when no VM terminated. A workload whose
         * generator reports errors fails (1) even if the generator's own status said nothing.
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
                    case WORKLOAD_ENDED -> 0;
                };
                if (code != 0) {
                    return code;
                }
            }
            for (WorkloadOutcome outcome : workloads) {
                if (outcome.report() != null && outcome.report().errors() != 0) {
                    return 1;
                }
            }
            return 0;
        }
    }

    private DeploymentRun() {
    }

    public static Result run(DeploymentPlan plan, OutputStream console) throws IOException, ElfFormatException {
        return run(plan, console, KernelServices.NONE);
    }

    /** A run that also serves the monitor and/or the GDB stub ({@code denali run FILE.denali --monitor --gdb}). */
    public static Result run(DeploymentPlan plan, OutputStream console, KernelServices services)
            throws IOException, ElfFormatException {
        return run(plan, console, services, null);
    }

    /**
     * A run of one kernel of a linked deployment ({@link DeploymentPlan#link()}). A kernel running no workload's
     * generator cannot see the workload end (the generators are in another process), and its VXLAN link holds it
     * open: it ends its workload when {@code endSignal} reaches end of file — {@code denali run FILE.denali}, which
     * starts every kernel, closes their standard input once the generators' kernels have ended (by hand: Ctrl-D).
     */
    public static Result run(DeploymentPlan plan, OutputStream console, KernelServices services,
            java.io.InputStream endSignal) throws IOException, ElfFormatException {
        boolean swapping = plan.swapFile() != null && plan.memoryBytes() > 0;
        Map<String, GuestImage> images = new LinkedHashMap<>();
        for (DeploymentPlan.Group group : plan.groups()) {
            images.put(group.name(), GuestImage.parse(Files.readAllBytes(group.image())));
        }
        KernelAssembly.Builder builder = services.applyTo(KernelAssembly.builder(plan.kernel())).pcap(plan.pcap());
        if (plan.link() != null) {
            builder.vxlan(plan.link().vxlan());
        }
        if (swapping) {
            long capacity = 0;
            for (DeploymentPlan.Group group : plan.groups()) {
                for (VmConfig config : group.instances()) {
                    capacity += SwapSpace.regionBytes(swapBytes(config));
                }
            }
            builder.physicalMemory(plan.memoryBytes() / 4096, plan.swapFile(), capacity);
        } else {
            builder.memoryBudget(plan.memoryBytes()); // 0: none given, unlimited as the language defines it
        }
        Map<String, String> generatorOf = new ConcurrentHashMap<>();
        for (DeploymentPlan.Workload workload : plan.workloads()) {
            generatorOf.putIfAbsent(workload.generator(), workload.name());
        }
        Map<String, WorkloadReport> reports = new ConcurrentHashMap<>();
        try (KernelAssembly assembly = builder.build()) {
            List<VirtualMachine> vms = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Map<String, List<VirtualMachine>> byGroup = new LinkedHashMap<>();
            Map<String, List<String>> namesByGroup = new LinkedHashMap<>();
            for (DeploymentPlan.Group group : plan.groups()) {
                for (int i = 0; i < group.instances().size(); i++) {
                    VmConfig config = group.instances().get(i);
                    if (swapping && config.swapBytes() == 0) {
                        config = config.withSwapBytes(config.memorySize()); // room to page the whole VM out
                    }
                    String name = group.name() + "#" + i;
                    String workload = generatorOf.get(group.name());
                    VirtualMachine vm = assembly.instantiate(images.get(group.name()), config, console, name,
                        workload == null ? line -> { } : line -> {
                            WorkloadReport report = WorkloadReport.parse(line);
                            if (report != null) {
                                reports.put(workload, report);
                            }
                        });
                    vms.add(vm);
                    names.add(name);
                    byGroup.computeIfAbsent(group.name(), g -> new ArrayList<>()).add(vm);
                    namesByGroup.computeIfAbsent(group.name(), g -> new ArrayList<>()).add(name);
                }
            }
            List<VirtualMachine> generators = new ArrayList<>();
            List<DeploymentPlan.Workload> local = new ArrayList<>();
            for (DeploymentPlan.Workload workload : plan.workloads()) {
                List<VirtualMachine> generatorVms = byGroup.getOrDefault(workload.generator(), List.of());
                type(generatorVms, workload.generatorLine());
                generators.addAll(generatorVms);
                if (byGroup.containsKey(workload.generator())) {
                    local.add(workload);
                }
                for (String target : workload.targets()) {
                    type(byGroup.getOrDefault(target, List.of()), workload.targetLine());
                }
            }
            if (!local.isEmpty()) {
                assembly.kernel().endWhenEnded(generators);
            } else if (plan.link() != null && endSignal != null) {
                endAtEndOfFile(endSignal, assembly.kernel());
            }
            for (DeploymentPlan.Forward forward : plan.forwards()) {
                VirtualMachine vm = byGroup.get(forward.group()).get(forward.instance());
                assembly.forwardTo(forward.group() + "#" + forward.instance(), vm.config(), forward.ports());
            }
            KernelStatistics statistics = assembly.run();
            List<Instance> instances = new ArrayList<>();
            for (int i = 0; i < vms.size(); i++) {
                instances.add(new Instance(names.get(i), vms.get(i).exit()));
            }
            List<WorkloadOutcome> outcomes = new ArrayList<>();
            for (DeploymentPlan.Workload workload : local) {
                List<String> targets = new ArrayList<>();
                workload.targets().forEach(t ->
                    targets.addAll(namesByGroup.getOrDefault(t, remoteNames(plan, t))));
                outcomes.add(new WorkloadOutcome(workload, reports.get(workload.name()), targets));
            }
            return new Result(instances, outcomes, statistics,
                assembly.vxlan() == null ? null : assembly.vxlan().stats());
        }
    }

    /** {@code group#0 …} of a group another kernel of a linked deployment runs. */
    private static List<String> remoteNames(DeploymentPlan plan, String group) {
        int count = plan.link() == null ? 0 : plan.link().remoteGroups().getOrDefault(group, 0);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(group + "#" + i);
        }
        return names;
    }

    /** Ends the kernel's workload (its servers stopped, exit 0) once {@code signal} is at end of file. */
    private static void endAtEndOfFile(java.io.InputStream signal, org.denali.emulator.kernel.Kernel kernel) {
        Thread reader = new Thread(() -> {
            try {
                signal.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // a broken stdin ends the workload as its end does
            }
            kernel.endWhenEnded(List.of());
        }, "denali-workload-end");
        reader.setDaemon(true);
        reader.start();
    }

    private static long swapBytes(VmConfig config) {
        return config.swapBytes() == 0 ? Integer.toUnsignedLong(config.memorySize()) : config.swapBytes();
    }

    /** Boot arguments: typed before the kernel runs, so each VM finds the whole line queued at start. */
    private static void type(List<VirtualMachine> vms, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        for (VirtualMachine vm : vms) {
            vm.keyboard().type(bytes, 0, bytes.length);
        }
    }

    /**
     * The run's summary for a person, one line each: every VM's end (the servers stopped when the workload ended
     * counted in one line), each workload's requests, errors, throughput, latency percentiles and share per server,
     * the kernel's page-ins and page-outs and its statistics. Each line starts with {@code prefix}.
     */
    public static void summarize(Result result, PrintStream out, String prefix) {
        int stopped = 0;
        for (Instance instance : result.instances()) {
            if (instance.exit().kind() == VmExit.Kind.WORKLOAD_ENDED) {
                stopped++;
            } else {
                out.println(prefix + instance.name() + " " + instance.exit());
            }
        }
        if (stopped > 0) {
            out.println(prefix + stopped + " VM(s) still serving were stopped: the workload ended");
        }
        for (WorkloadOutcome outcome : result.workloads()) {
            String name = prefix + "workload " + outcome.workload().name() + ": ";
            WorkloadReport report = outcome.report();
            if (report == null) {
                out.println(name + "its generator " + outcome.workload().generator() + " reported no result (no '"
                    + WorkloadReport.PREFIX.trim() + "' line on its console)");
                continue;
            }
            out.println(String.format("%s%,d requests, %,d errors, %.1f requests/s over %.3f s of guest time; "
                    + "latency p50 %,d µs, p90 %,d µs, p99 %,d µs, max %,d µs", name, report.requests(),
                report.errors(), report.throughput(), report.elapsedMicros() / 1e6, report.latencyMicros(50),
                report.latencyMicros(90), report.latencyMicros(99), report.maxLatencyMicros()));
            List<Long> perServer = report.perServer();
            long total = perServer.stream().mapToLong(Long::longValue).sum();
            if (total > 0) {
                StringBuilder share = new StringBuilder(name + "share per server:");
                for (int s = 0; s < perServer.size(); s++) {
                    String server = s < outcome.targets().size() ? outcome.targets().get(s) : "server " + s;
                    share.append(String.format(" %s %.1f%%", server, 100.0 * perServer.get(s) / total));
                }
                out.println(share);
            }
        }
        KernelStatistics statistics = result.statistics();
        if (statistics != null) {
            out.println(String.format("%smemory: %,d page-ins, %,d page-outs", prefix, statistics.pageIns(),
                statistics.pageOuts()));
            out.println(prefix + statistics.summary());
        }
    }
}
