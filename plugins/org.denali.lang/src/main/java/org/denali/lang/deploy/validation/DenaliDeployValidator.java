package org.denali.lang.deploy.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.net.VxlanConfig;
import org.denali.lang.deploy.deploy.ClockKind;
import org.denali.lang.deploy.deploy.DeployPackage;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.deploy.Forward;
import org.denali.lang.deploy.deploy.Kernel;
import org.denali.lang.deploy.deploy.Nic;
import org.denali.lang.deploy.deploy.VmGroup;
import org.denali.lang.deploy.deploy.Workload;
import org.denali.lang.deploy.kernel.Addresses;
import org.denali.lang.deploy.kernel.KernelConfigurations;
import org.denali.lang.deploy.kernel.Kernels;
import org.denali.lang.deploy.kernel.Units;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.validation.Check;

/**
 * Deployment rules: each VM group must translate into the kernel's VmConfig (its own size and disk rules), the
 * VMs must fit the kernel's physical memory budget (or the kernel must have a swap file to page to), no two VM
 * instances may share a MAC or IP address, images must exist, passt host ports may be forwarded once, and
 * workloads must name sensible load. Messages name the group and the numbers involved.
 */
public class DenaliDeployValidator extends AbstractDenaliDeployValidator {

    @Check
    public void checkGroupTranslatesToKernelConfig(VmGroup group) {
        if (group.eIsSet(DeployPackage.Literals.VM_GROUP__COUNT) && group.getCount() < 1) {
            error("vm " + group.getName() + ": count must be at least 1", group, DeployPackage.Literals.VM_GROUP__COUNT);
            return;
        }
        try {
            KernelConfigurations.vmConfig(group, 0);
        } catch (IllegalArgumentException e) {
            error("vm " + group.getName() + ": " + e.getMessage(), group, DeployPackage.Literals.VM_GROUP__MEMORY);
        }
    }

    @Check
    public void checkMemoryBudget(Deployment deployment) {
        for (Kernel kernel : deployment.getKernels()) {
            if (kernel.getMemory() != null) {
                checkMemoryBudget(kernel, Kernels.groupsOn(deployment, kernel));
            }
        }
    }

    private void checkMemoryBudget(Kernel kernel, List<VmGroup> groups) {
        long budget = Units.bytes(kernel.getMemory());
        String which = kernel.getName() == null ? "the kernel" : "kernel " + kernel.getName();
        long total = 0;
        for (VmGroup group : groups) {
            if (group.getMemory() == null) {
                continue;
            }
            long each = Units.bytes(group.getMemory());
            if (each > budget) {
                error("vm " + group.getName() + ": one VM needs " + Units.describe(each) + " but " + which + "'s "
                    + "physical memory is " + Units.describe(budget), group, DeployPackage.Literals.VM_GROUP__MEMORY);
            }
            total += each * KernelConfigurations.count(group);
        }
        if (total > budget && kernel.getSwapFile() == null) {
            error("the VMs need " + Units.describe(total) + " but " + which + " has " + Units.describe(budget)
                + " of physical memory and no swap file to page the rest to", kernel,
                DeployPackage.Literals.KERNEL__MEMORY);
        }
    }

    /**
     * Several kernels are one LAN over VXLAN, each its own process: each needs a name, an endpoint the emulator
     * accepts (its own {@code VxlanConfig} checks: ports, VNI, an endpoint named twice), real time (frames from
     * peers arrive in real time, which a deterministic clock that skips idle time cannot wait for) and a swap file of
     * its own; each group names its kernel.
     */
    @Check
    public void checkKernels(Deployment deployment) {
        List<Kernel> kernels = deployment.getKernels();
        if (kernels.size() == 1 && kernels.get(0).getVxlan() != null) {
            error("vxlan links the LANs of several kernels; this deployment has one", kernels.get(0),
                DeployPackage.Literals.KERNEL__VXLAN);
        }
        if (kernels.size() < 2) {
            return;
        }
        Set<String> names = new HashSet<>();
        Map<String, Kernel> swaps = new HashMap<>();
        for (Kernel kernel : kernels) {
            if (kernel.getName() == null) {
                error("with several kernels each needs a name: kernel NAME { … }", kernel, null);
                continue;
            }
            if (!names.add(kernel.getName())) {
                error("kernel " + kernel.getName() + " is defined twice", kernel, DeployPackage.Literals.KERNEL__NAME);
            }
            if (kernel.getVxlan() == null) {
                error("kernel " + kernel.getName() + ": several kernels are one LAN over VXLAN; give it the "
                    + "endpoint it listens on: vxlan ADDRESS[:PORT]", kernel, DeployPackage.Literals.KERNEL__NAME);
            }
            if (kernel.getClock() == ClockKind.DETERMINISTIC) {
                error("kernel " + kernel.getName() + ": a kernel linked to others runs in real time (frames from "
                    + "its peers arrive in real time; a deterministic clock skips idle time)", kernel,
                    DeployPackage.Literals.KERNEL__CLOCK);
            }
            if (kernel.getSwapFile() != null) {
                Kernel other = swaps.putIfAbsent(kernel.getSwapFile(), kernel);
                if (other != null) {
                    error("kernel " + kernel.getName() + ": swap file " + kernel.getSwapFile() + " is kernel "
                        + other.getName() + "'s already", kernel, DeployPackage.Literals.KERNEL__SWAP_FILE);
                }
            }
        }
        for (VmGroup group : deployment.getGroups()) {
            if (group.getKernel() == null) {
                error("vm " + group.getName() + ": say which kernel runs it: vm " + group.getName() + " on "
                    + kernels.get(0).getName(), group, DeployPackage.Literals.VM_GROUP__NAME);
            }
        }
        boolean endpointsValid = true;
        Map<java.net.InetSocketAddress, Kernel> endpoints = new HashMap<>();
        if (deployment.getNetwork() != null && deployment.getNetwork().eIsSet(DeployPackage.Literals.NETWORK__VNI)) {
            try {
                VxlanConfig.vni(Integer.toString(deployment.getNetwork().getVni()), "vni");
            } catch (IllegalArgumentException e) {
                error(e.getMessage(), deployment.getNetwork(), DeployPackage.Literals.NETWORK__VNI);
                endpointsValid = false;
            }
        }
        for (Kernel kernel : kernels) {
            if (kernel.getVxlan() == null) {
                endpointsValid = false;
                continue;
            }
            try {
                Kernel other = endpoints.putIfAbsent(Kernels.endpoint(kernel), kernel);
                if (other != null) {
                    error("kernel " + kernel.getName() + ": VXLAN endpoint " + VxlanConfig.format(Kernels.endpoint(
                        kernel)) + " is kernel " + other.getName() + "'s already", kernel,
                        DeployPackage.Literals.KERNEL__VXLAN);
                    endpointsValid = false;
                }
            } catch (IllegalArgumentException e) {
                error(e.getMessage(), kernel, DeployPackage.Literals.KERNEL__VXLAN);
                endpointsValid = false;
            }
        }
        if (!endpointsValid || kernels.stream().anyMatch(k -> k.getName() == null)) {
            return;
        }
        for (Kernel kernel : kernels) {
            try {
                Kernels.vxlan(deployment, kernel); // the link exactly as the kernel will make it
            } catch (IllegalArgumentException e) {
                error("kernel " + kernel.getName() + ": " + e.getMessage(), kernel,
                    DeployPackage.Literals.KERNEL__VXLAN);
            }
        }
    }

    @Check
    public void checkAddressesAreUnique(Deployment deployment) {
        Map<Long, String> macs = new HashMap<>();
        Map<Integer, String> ips = new HashMap<>();
        for (VmGroup group : deployment.getGroups()) {
            Nic nic = group.getNic();
            if (nic == null) {
                continue;
            }
            int count = KernelConfigurations.count(group);
            try {
                if (nic.getMac() != null) {
                    long first = Addresses.mac(nic.getMac());
                    if ((first >>> 40 & 1) != 0) {
                        error("vm " + group.getName() + ": " + nic.getMac() + " is a multicast MAC address", nic,
                            DeployPackage.Literals.NIC__MAC);
                    }
                    for (int i = 0; i < count; i++) {
                        String previous = macs.putIfAbsent(first + i, group.getName() + "[" + i + "]");
                        if (previous != null) {
                            error("vm " + group.getName() + "[" + i + "]: MAC " + Addresses.mac(first + i)
                                + " is already used by " + previous, nic, DeployPackage.Literals.NIC__MAC);
                            break;
                        }
                    }
                }
                if (nic.getIp() != null && !nic.isDhcp()) {
                    int first = Addresses.ipv4(nic.getIp());
                    for (int i = 0; i < count; i++) {
                        String previous = ips.putIfAbsent(first + i, group.getName() + "[" + i + "]");
                        if (previous != null) {
                            error("vm " + group.getName() + "[" + i + "]: IP " + Addresses.ipv4(first + i)
                                + " is already used by " + previous, nic, DeployPackage.Literals.NIC__IP);
                            break;
                        }
                    }
                    int prefix = nic.getPrefixLength() == 0 ? 24 : nic.getPrefixLength();
                    int mask = Addresses.netmask(prefix);
                    if (((first + count - 1) & mask) != (first & mask)) {
                        error("vm " + group.getName() + ": " + count + " addresses from " + nic.getIp()
                            + " do not fit in the /" + prefix + " subnet", nic, DeployPackage.Literals.NIC__IP);
                    }
                }
            } catch (IllegalArgumentException e) {
                error("vm " + group.getName() + ": " + e.getMessage(), nic, null);
            }
        }
    }

    @Check
    public void checkImageExists(VmGroup group) {
        if (group.getImage() == null) {
            error("vm " + group.getName() + ": no image (image \"path/to/guest.elf\")", group,
                DeployPackage.Literals.VM_GROUP__NAME);
            return;
        }
        URI uri = group.eResource() == null ? null : group.eResource().getURI();
        if (uri == null || !uri.isFile()) {
            return;
        }
        Path image = Path.of(uri.toFileString()).getParent().resolve(group.getImage()).normalize();
        if (!Files.isRegularFile(image)) {
            // a warning: images are build outputs, a fresh checkout has none until `denali build`
            warning("vm " + group.getName() + ": image " + group.getImage() + " does not exist (build it with "
                + "denali build)", group, DeployPackage.Literals.VM_GROUP__IMAGE);
            return;
        }
        try {
            // the kernel's own loader rules: ELF32 i386 ET_EXEC whose segments fit the VM's memory
            GuestImage.parse(Files.readAllBytes(image)).checkFits(KernelConfigurations.vmConfig(group, 0).memorySize());
        } catch (ElfFormatException e) {
            error("vm " + group.getName() + ": image " + group.getImage() + ": " + e.getMessage(), group,
                DeployPackage.Literals.VM_GROUP__IMAGE);
        } catch (IOException | IllegalArgumentException e) {
            // unreadable, or a memory size the group check already reports
        }
    }

    @Check
    public void checkForwards(Deployment deployment) {
        if (deployment.getNetwork() == null) {
            return;
        }
        Map<String, Forward> byPort = new HashMap<>();
        for (Forward forward : deployment.getNetwork().getForwards()) {
            if (forward.getHostPort() < 1 || forward.getHostPort() > 65535 || forward.getGuestPort() < 1
                    || forward.getGuestPort() > 65535) {
                error("ports are 1..65535", forward, DeployPackage.Literals.FORWARD__HOST_PORT);
            }
            String key = forward.getProtocol().getLiteral() + " " + forward.getHostPort();
            Forward previous = byPort.putIfAbsent(key, forward);
            if (previous != null) {
                error("host port " + key + " is already forwarded to " + previous.getGroup().getName(), forward,
                    DeployPackage.Literals.FORWARD__HOST_PORT);
            }
            VmGroup group = forward.getGroup();
            if (group != null && !group.eIsProxy() && forward.getInstance() >= KernelConfigurations.count(group)) {
                error("vm " + group.getName() + " has " + KernelConfigurations.count(group) + " instance(s), no ["
                    + forward.getInstance() + "]", forward, DeployPackage.Literals.FORWARD__INSTANCE);
            }
        }
    }

    @Check
    public void checkWorkload(Workload workload) {
        if (workload.getTargets().contains(workload.getSource())) {
            error("workload " + workload.getName() + ": the load generators cannot target their own group", workload,
                DeployPackage.Literals.WORKLOAD__TARGETS);
        }
        for (VmGroup target : workload.getTargets()) {
            if (!target.eIsProxy() && target.getNic() == null) {
                error("workload " + workload.getName() + ": vm " + target.getName() + " has no nic to send requests to",
                    workload, DeployPackage.Literals.WORKLOAD__TARGETS);
            }
        }
        if (workload.getAlpha() != null && workload.getAlpha().signum() <= 0) {
            error("workload " + workload.getName() + ": the Zipf exponent must be positive", workload,
                DeployPackage.Literals.WORKLOAD__ALPHA);
        }
        if (workload.getRequestSize() != null && workload.getMaxRequestSize() != null
                && Units.bytes(workload.getRequestSize()) > Units.bytes(workload.getMaxRequestSize())) {
            error("workload " + workload.getName() + ": request size range is empty", workload,
                DeployPackage.Literals.WORKLOAD__MAX_REQUEST_SIZE);
        }
        if (workload.getDuration() != null && workload.getDuration().getValue() <= 0) {
            error("workload " + workload.getName() + ": duration must be positive", workload,
                DeployPackage.Literals.WORKLOAD__DURATION);
        }
    }
}
