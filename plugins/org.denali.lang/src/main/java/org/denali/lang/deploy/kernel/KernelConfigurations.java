package org.denali.lang.deploy.kernel;

import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.Quantum;
import org.denali.emulator.kernel.VmConfig;
import org.denali.lang.deploy.deploy.ClockKind;
import org.denali.lang.deploy.deploy.Disk;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.deploy.DeployPackage;
import org.denali.lang.deploy.deploy.InterruptDelivery;
import org.denali.lang.deploy.deploy.Kernel;
import org.denali.lang.deploy.deploy.Nic;
import org.denali.lang.deploy.deploy.TimeUnit;
import org.denali.lang.deploy.deploy.VmGroup;

/**
 * Translates a deployment model into the emulator kernel's configuration records. The records' constructors are
 * the kernel's own rules (memory size bounds, disk count, MAC width...): the validator calls this translation
 * and reports what they reject, so the editor, `denali check` and the kernel cannot disagree.
 */
public final class KernelConfigurations {
    private KernelConfigurations() {
    }

    /** The configuration of a single-kernel deployment's kernel. */
    public static KernelConfig kernelConfig(Deployment deployment) {
        return kernelConfig(Kernels.single(deployment));
    }

    /** The configuration of {@code kernel} (null: the defaults). */
    public static KernelConfig kernelConfig(Kernel kernel) {
        KernelConfig config = KernelConfig.defaults();
        if (kernel == null) {
            return config;
        }
        if (kernel.getQuantum() != null) {
            config = config.withQuantum(kernel.getQuantum().getUnit() == TimeUnit.INSTRUCTIONS
                ? Quantum.ofInstructions(kernel.getQuantum().getValue())
                : Quantum.ofMicros(Units.micros(kernel.getQuantum())));
        }
        if (kernel.getClock() == ClockKind.DETERMINISTIC) {
            config = config.deterministic();
        }
        if (kernel.getInterrupts() == InterruptDelivery.SYNCHRONOUS) {
            config = config.withSynchronousInterrupts(true);
        }
        return config;
    }

    /** Instances in a group: `count` if given, else one. */
    public static int count(VmGroup group) {
        return group.eIsSet(DeployPackage.Literals.VM_GROUP__COUNT) ? group.getCount() : 1;
    }

    /** The VmConfig of instance {@code index} of a group: instance i gets MAC + i and IP + i. */
    public static VmConfig vmConfig(VmGroup group, int index) {
        VmConfig config = VmConfig.defaults();
        if (group.getMemory() != null) {
            long bytes = Units.bytes(group.getMemory());
            if (bytes > Integer.toUnsignedLong(MemoryMap.MAX_MEMORY_SIZE)) {
                throw new IllegalArgumentException("memory size must be a multiple of 4 KiB in (4 KiB, 3 GiB]: "
                    + bytes);
            }
            config = config.withMemorySize((int) bytes);
        }
        if (group.getSwap() != null) {
            config = config.withSwapBytes(Units.bytes(group.getSwap()));
        }
        List<Integer> disks = new ArrayList<>();
        for (Disk disk : group.getDisks()) {
            disks.add(disk.getSize() == null ? 0 : (int) (Units.bytes(disk.getSize()) / 4096));
        }
        config = config.withDisks(disks);
        Nic nic = group.getNic();
        if (nic != null) {
            long mac = nic.getMac() == null ? config.nicMac() : Addresses.mac(nic.getMac()) + index;
            int ip = nic.getIp() == null || nic.isDhcp() ? 0 : Addresses.ipv4(nic.getIp()) + index;
            int prefix = nic.getPrefixLength() == 0 ? 24 : nic.getPrefixLength();
            int gateway = nic.getGateway() == null ? 0 : Addresses.ipv4(nic.getGateway());
            config = config.withNic(mac, ip, ip == 0 ? 0 : Addresses.netmask(prefix), gateway);
        }
        return config;
    }
}
