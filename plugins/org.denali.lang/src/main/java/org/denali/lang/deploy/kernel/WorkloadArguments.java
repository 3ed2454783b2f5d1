package org.denali.lang.deploy.kernel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.kernel.VmConfig;
import org.denali.lang.deploy.deploy.VmGroup;
import org.denali.lang.deploy.deploy.Workload;

/**
 * A workload's parameters as the boot-argument lines its VMs read from their keyboards (ilwaco/bootargs.h): Denali
 * has no command line, so the deployment runner types one {@code key=value} line into each VM before it starts.
 * The load generators (the workload's {@code from} group) get where the servers are and how to load them; the
 * target VMs get the document set they must serve, so both sides agree on the documents' sizes.
 *
 * <p>The generator's servers are its targets' instances at consecutive addresses ({@code first=}, {@code servers=}),
 * which is how {@code examples/loadgen} finds them; targets that are not consecutive are refused with a message.
 */
public final class WorkloadArguments {
    /** The lines: one for the generator VMs, one for the target VMs. */
    public record Lines(String generator, String target) {
    }

    private WorkloadArguments() {
    }

    /** @throws IllegalArgumentException if the targets' addresses are not one consecutive run */
    public static Lines of(Workload workload) {
        List<Integer> addresses = new ArrayList<>();
        for (VmGroup target : workload.getTargets()) {
            for (int i = 0; i < KernelConfigurations.count(target); i++) {
                VmConfig config = KernelConfigurations.vmConfig(target, i);
                addresses.add(config.nicIpv4());
            }
        }
        for (int i = 1; i < addresses.size(); i++) {
            if (addresses.get(i) != addresses.get(0) + i) {
                throw new IllegalArgumentException("workload " + workload.getName() + ": the load generator finds its "
                    + "servers at consecutive addresses, but the targets' instance " + i + " has "
                    + Addresses.ipv4(addresses.get(i)) + " after " + Addresses.ipv4(addresses.get(i - 1)));
            }
        }
        StringBuilder documents = new StringBuilder();
        if (workload.getDocuments() > 0) {
            documents.append(" documents=").append(workload.getDocuments());
        }
        if (workload.getRequestSize() != null) {
            long min = Units.bytes(workload.getRequestSize());
            long max = workload.getMaxRequestSize() != null ? Units.bytes(workload.getMaxRequestSize()) : min;
            documents.append(" min=").append(min).append(" max=").append(max);
        }
        StringBuilder generator = new StringBuilder();
        if (!addresses.isEmpty() && addresses.get(0) != 0) {
            generator.append(" first=").append(Addresses.ipv4(addresses.get(0))).append(" servers=")
                .append(addresses.size());
        }
        if (workload.getPort() > 0) {
            generator.append(" port=").append(workload.getPort());
        }
        if (workload.getAlpha() != null) {
            generator.append(" alpha=").append(workload.getAlpha().multiply(BigDecimal.valueOf(1000)).intValue());
        }
        if (workload.getDuration() != null) {
            generator.append(" duration=").append(Math.max(1, Units.micros(workload.getDuration()) / 1_000_000));
        }
        generator.append(documents);
        return new Lines(line(generator), line(documents));
    }

    private static String line(StringBuilder words) {
        return words.length() == 0 ? "" : words.substring(1) + "\n";
    }
}
