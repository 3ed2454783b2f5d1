package org.denali.lang.deploy.kernel;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.net.VxlanConfig;
import org.denali.lang.deploy.deploy.DeployPackage;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.deploy.Kernel;
import org.denali.lang.deploy.deploy.VmGroup;
import org.denali.lang.deploy.deploy.VxlanEndpoint;

/**
 * Which kernel runs what in a deployment of several kernels: each named {@code kernel NAME { … vxlan HOST:PORT }}
 * is its own process, each {@code vm GROUP on NAME} runs on one, and their LANs are linked into one by VXLAN — each
 * kernel's endpoint has every other kernel's endpoints as its peers, all on the network's {@code vni} (default 1).
 * A deployment with one kernel (named or not) runs as before, on one LAN.
 */
public final class Kernels {
    /** The VNI when the network names none. */
    public static final int DEFAULT_VNI = 1;

    private Kernels() {
    }

    /** Whether the deployment is spread over several kernel processes. */
    public static boolean linked(Deployment deployment) {
        return deployment.getKernels().size() > 1;
    }

    /** The one kernel of a single-kernel deployment, or null when it has no {@code kernel} section. */
    public static Kernel single(Deployment deployment) {
        return deployment.getKernels().isEmpty() ? null : deployment.getKernels().get(0);
    }

    /** The kernel named {@code name}, or null. */
    public static Kernel named(Deployment deployment, String name) {
        for (Kernel kernel : deployment.getKernels()) {
            if (name.equals(kernel.getName())) {
                return kernel;
            }
        }
        return null;
    }

    /** The kernel a group runs on: the one it names, else the deployment's only kernel (null if none). */
    public static Kernel of(VmGroup group) {
        if (group.getKernel() != null && !group.getKernel().eIsProxy()) {
            return group.getKernel();
        }
        Deployment deployment = (Deployment) group.eContainer();
        return deployment.getKernels().size() == 1 ? deployment.getKernels().get(0) : null;
    }

    /** The groups that run on {@code kernel}. */
    public static List<VmGroup> groupsOn(Deployment deployment, Kernel kernel) {
        List<VmGroup> groups = new ArrayList<>();
        for (VmGroup group : deployment.getGroups()) {
            if (of(group) == kernel) {
                groups.add(group);
            }
        }
        return groups;
    }

    /** The VNI the kernels share. */
    public static int vni(Deployment deployment) {
        return deployment.getNetwork() != null && deployment.getNetwork().eIsSet(DeployPackage.Literals.NETWORK__VNI)
            ? deployment.getNetwork().getVni() : DEFAULT_VNI;
    }

    /** A kernel's VXLAN endpoint (the emulator's own parsing: port range, host name resolution). */
    public static InetSocketAddress endpoint(Kernel kernel) {
        VxlanEndpoint endpoint = kernel.getVxlan();
        String text = endpoint.getAddress() + (endpoint.eIsSet(DeployPackage.Literals.VXLAN_ENDPOINT__PORT)
            ? ":" + endpoint.getPort() : "");
        return VxlanConfig.endpoint(text, kernel.getName() == null ? "vxlan"
            : "kernel " + kernel.getName() + ": vxlan", false);
    }

    /**
     * {@code kernel}'s link to the others: its endpoint, theirs as peers, the deployment's VNI — built by the
     * emulator's {@link VxlanConfig}, whose checks (VNI range, an endpoint named twice) the validator reports.
     */
    public static VxlanConfig vxlan(Deployment deployment, Kernel kernel) {
        List<InetSocketAddress> peers = new ArrayList<>();
        for (Kernel other : deployment.getKernels()) {
            if (other != kernel) {
                peers.add(endpoint(other));
            }
        }
        return new VxlanConfig(endpoint(kernel), peers, vni(deployment));
    }

    /** {@code build/farm.pcap} for kernel {@code servers} of a linked deployment: {@code build/farm-servers.pcap}. */
    public static String perKernel(String file, Kernel kernel, Deployment deployment) {
        if (file == null || !linked(deployment)) {
            return file;
        }
        int dot = file.lastIndexOf('.');
        int slash = file.lastIndexOf('/');
        return dot > slash + 1 ? file.substring(0, dot) + "-" + kernel.getName() + file.substring(dot)
            : file + "-" + kernel.getName();
    }
}
