package org.denali.lang.deploy.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.denali.emulator.assembly.DeploymentPlan;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.net.PortForward;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.deploy.Forward;
import org.denali.lang.deploy.deploy.Kernel;
import org.denali.lang.deploy.deploy.Protocol;
import org.denali.lang.deploy.deploy.VmGroup;
import org.denali.lang.deploy.deploy.Workload;

/**
 * What a {@code .denali} deployment means to the kernel: the model translated into emulator-core's
 * {@link DeploymentPlan}, which {@code org.denali.emulator.assembly.DeploymentRun} runs. The kernel from
 * {@link KernelConfigurations#kernelConfig}, each instance's {@link KernelConfigurations#vmConfig}, the forwards
 * grouped by the instance they reach, each workload's boot arguments ({@link WorkloadArguments}). Paths in the file
 * are relative to its directory.
 */
public final class DeploymentPlans {
    private DeploymentPlans() {
    }

    /** The plan of a deployment on one kernel. */
    public static DeploymentPlan of(Deployment deployment, Path baseDirectory) {
        if (Kernels.linked(deployment)) {
            throw new IllegalArgumentException("the deployment names " + deployment.getKernels().size()
                + " kernels; each runs as its own process (--kernel NAME)");
        }
        return of(deployment, baseDirectory, Kernels.single(deployment), null);
    }

    /**
     * The plan of kernel {@code kernelName} of a deployment spread over several: the groups placed on it, their
     * forwards, the workloads it generates or serves, its swap file, its own capture file ({@code farm.pcap} becomes
     * {@code farm-NAME.pcap}) and its VXLAN link to the other kernels.
     */
    public static DeploymentPlan of(Deployment deployment, Path baseDirectory, String kernelName) {
        Kernel kernel = Kernels.named(deployment, kernelName);
        if (kernel == null) {
            throw new IllegalArgumentException("no kernel " + kernelName + " in deployment " + deployment.getName()
                + "; its kernels are " + deployment.getKernels().stream().map(k -> String.valueOf(k.getName()))
                    .collect(Collectors.joining(", ")));
        }
        if (!Kernels.linked(deployment)) {
            return of(deployment, baseDirectory, kernel, null);
        }
        Map<String, Integer> remote = new LinkedHashMap<>();
        for (VmGroup group : deployment.getGroups()) {
            if (Kernels.of(group) != kernel) {
                remote.put(group.getName(), KernelConfigurations.count(group));
            }
        }
        return of(deployment, baseDirectory, kernel, new DeploymentPlan.Link(kernelName,
            Kernels.vxlan(deployment, kernel), remote));
    }

    private static DeploymentPlan of(Deployment deployment, Path baseDirectory, Kernel kernel,
            DeploymentPlan.Link link) {
        long memory = kernel == null || kernel.getMemory() == null ? 0 : Units.bytes(kernel.getMemory());
        String swap = kernel == null ? null : kernel.getSwapFile();
        String pcap = deployment.getNetwork() == null ? null
            : Kernels.perKernel(deployment.getNetwork().getPcap(), kernel, deployment);
        List<VmGroup> placed = kernel == null ? deployment.getGroups() : Kernels.groupsOn(deployment, kernel);
        List<DeploymentPlan.Group> groups = new ArrayList<>();
        for (VmGroup group : placed) {
            List<VmConfig> instances = new ArrayList<>();
            for (int i = 0; i < KernelConfigurations.count(group); i++) {
                instances.add(KernelConfigurations.vmConfig(group, i));
            }
            groups.add(new DeploymentPlan.Group(group.getName(), baseDirectory.resolve(group.getImage()), instances));
        }
        Map<String, List<PortForward>> forwardsByInstance = new LinkedHashMap<>();
        Map<String, Forward> firstOf = new LinkedHashMap<>();
        if (deployment.getNetwork() != null) {
            for (Forward forward : deployment.getNetwork().getForwards()) {
                if (!placed.contains(forward.getGroup())) {
                    continue; // the kernel running that group serves it
                }
                String key = forward.getGroup().getName() + "#" + forward.getInstance();
                firstOf.putIfAbsent(key, forward);
                PortForward.Protocol protocol = forward.getProtocol() == Protocol.UDP ? PortForward.Protocol.UDP
                    : PortForward.Protocol.TCP;
                forwardsByInstance.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new PortForward(protocol, forward.getHostPort(), forward.getGuestPort()));
            }
        }
        List<DeploymentPlan.Forward> forwards = new ArrayList<>();
        forwardsByInstance.forEach((key, ports) -> forwards.add(new DeploymentPlan.Forward(
            firstOf.get(key).getGroup().getName(), firstOf.get(key).getInstance(), ports)));
        List<DeploymentPlan.Workload> workloads = new ArrayList<>();
        for (Workload workload : deployment.getWorkloads()) {
            if (!placed.contains(workload.getSource()) && workload.getTargets().stream().noneMatch(placed::contains)) {
                continue; // nothing of it runs here
            }
            WorkloadArguments.Lines lines = WorkloadArguments.of(workload);
            workloads.add(new DeploymentPlan.Workload(workload.getName(), workload.getSource().getName(),
                workload.getTargets().stream().map(VmGroup::getName).toList(), lines.generator(), lines.target()));
        }
        return new DeploymentPlan(deployment.getName(), KernelConfigurations.kernelConfig(kernel), memory,
            swap == null ? null : baseDirectory.resolve(swap), pcap == null ? null : baseDirectory.resolve(pcap),
            groups, forwards, workloads, link);
    }
}
