package org.denali.emulator.assembly;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.net.PortForward;
import org.denali.emulator.net.VxlanConfig;

/**
 * A deployment as the kernel needs it, free of the language it was written in (the {@code .denali} file's model is
 * translated into this by {@code org.denali.lang}): the kernel's configuration and memory, the VM groups with one
 * config per instance, host port forwards, the LAN capture and the workloads. Paths are absolute or relative to the
 * working directory.
 *
 * @param memoryBytes physical memory ({@code kernel { memory }}), 0 for none given
 * @param swapFile where whole VMs are paged out when memory is short, or null (then {@code memoryBytes} is a budget
 *                 of guest pages held in the heap)
 * @param pcap the LAN's capture file, or null
 * @param link when the deployment spans several kernels: this one's name and VXLAN link, null otherwise
 */
public record DeploymentPlan(String name, KernelConfig kernel, long memoryBytes, Path swapFile, Path pcap,
        List<Group> groups, List<Forward> forwards, List<Workload> workloads, Link link) {

    public DeploymentPlan {
        groups = List.copyOf(groups);
        forwards = List.copyOf(forwards);
        workloads = List.copyOf(workloads);
    }

    /** A deployment on one kernel. */
    public DeploymentPlan(String name, KernelConfig kernel, long memoryBytes, Path swapFile, Path pcap,
            List<Group> groups, List<Forward> forwards, List<Workload> workloads) {
        this(name, kernel, memoryBytes, swapFile, pcap, groups, forwards, workloads, null);
    }

    /**
     * One kernel of a deployment spread over several, each its own process: its name, its VXLAN link to the others
     * (which makes their LANs one), and the instance counts of the groups the others run (to name a workload's
     * remote targets). Workloads whose generator runs elsewhere only have their targets here.
     */
    public record Link(String kernel, VxlanConfig vxlan, Map<String, Integer> remoteGroups) {
        public Link {
            remoteGroups = Map.copyOf(remoteGroups);
        }
    }

    /** A VM group: its image and one config per instance; instance {@code i} is named {@code name#i}. */
    public record Group(String name, Path image, List<VmConfig> instances) {
        public Group {
            instances = List.copyOf(instances);
        }
    }

    /** Host ports forwarded to one instance through its own passt. */
    public record Forward(String group, int instance, List<PortForward> ports) {
        public Forward {
            ports = List.copyOf(ports);
        }
    }

    /**
     * A workload: {@code generatorLine} is typed into every generator VM's keyboard and {@code targetLine} into
     * every target VM's before the kernel runs (boot arguments, ilwaco/bootargs.h). The deployment ends when every
     * generator VM has ended.
     */
    public record Workload(String name, String generator, List<String> targets, String generatorLine,
            String targetLine) {
        public Workload {
            targets = List.copyOf(targets);
        }
    }
}
