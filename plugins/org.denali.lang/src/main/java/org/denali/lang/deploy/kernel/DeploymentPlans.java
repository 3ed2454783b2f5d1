package org.denali.lang.deploy.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.denali.emulator.assembly.DeploymentPlan;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.net.PortForward;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.deploy.Forward;
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

    public static DeploymentPlan of(Deployment deployment, Path baseDirectory) {
        long memory = deployment.getKernel() == null || deployment.getKernel().getMemory() == null ? 0
            : Units.bytes(deployment.getKernel().getMemory());
        String swap = deployment.getKernel() == null ? null : deployment.getKernel().getSwapFile();
        String pcap = deployment.getNetwork() == null ? null : deployment.getNetwork().getPcap();
        List<DeploymentPlan.Group> groups = new ArrayList<>();
        for (VmGroup group : deployment.getGroups()) {
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
            WorkloadArguments.Lines lines = WorkloadArguments.of(workload);
            workloads.add(new DeploymentPlan.Workload(workload.getName(), workload.getSource().getName(),
                workload.getTargets().stream().map(VmGroup::getName).toList(), lines.generator(), lines.target()));
        }
        return new DeploymentPlan(deployment.getName(), KernelConfigurations.kernelConfig(deployment), memory,
            swap == null ? null : baseDirectory.resolve(swap), pcap == null ? null : baseDirectory.resolve(pcap),
            groups, forwards, workloads);
    }
}
