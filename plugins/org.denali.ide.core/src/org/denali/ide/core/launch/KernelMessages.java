package org.denali.ide.core.launch;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which lines the kernel ({@code denali run}) writes to stderr only to inform: where its monitor and gdb server
 * listen, the statistics summary at the end and, for a deployment, the summary of a run that went well (a VM that
 * terminated with code 0, the servers stopped because the workload ended, a workload with 0 errors and its share per
 * server, the page-ins and page-outs, a linked kernel's VXLAN counters). The command line keeps them on stderr,
 * because stdout is the guests' console; the IDE shows them as ordinary output ({@link ClassifiedKernelProcess}) so
 * that red in the console always means something went wrong (a fault, a VM that did not terminate cleanly, a
 * workload with errors, a bad option).
 */
public final class KernelMessages {
    /** "denali run: ", or "denali run: kernel NAME: " for one kernel of a linked deployment. */
    private static final String RUN = "denali run: (?:kernel \\S+: )?";
    private static final List<Pattern> INFORMATIONAL = List.of(
            Pattern.compile("denali run: monitor on \\S+:\\d+"),
            Pattern.compile("denali run: waiting for gdb on \\S+:\\d+"),
            Pattern.compile("denali run: gdb server on \\S+:\\d+"),
            Pattern.compile(RUN + "[\\d,]+ instructions in .*"),
            Pattern.compile(RUN + "[A-Za-z_][A-Za-z0-9_]*#\\d+ terminated with code 0"),
            Pattern.compile(RUN + "\\d+ VM\\(s\\) still serving were stopped: the workload ended"),
            Pattern.compile(RUN + "workload \\S+: [\\d,]+ requests, 0 errors, .*"),
            Pattern.compile(RUN + "workload \\S+: share per server:.*"),
            Pattern.compile(RUN + "memory: [\\d,]+ page-ins, [\\d,]+ page-outs"),
            Pattern.compile("denali run: kernel \\S+: VXLAN .*"));

    private KernelMessages() {
    }

    /** Whether a stderr line of the kernel (without its line terminator) is information rather than an error. */
    public static boolean isInformational(String line) {
        String text = line.strip();
        return INFORMATIONAL.stream().anyMatch(p -> p.matcher(text).matches());
    }
}
