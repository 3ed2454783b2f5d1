package org.denali.ide.core.launch;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which lines the kernel ({@code denali run}) writes to stderr only to inform: where its monitor and gdb server
 * listen, and the statistics summary at the end. The command line keeps them on stderr, because stdout is the
 * guests' console; the IDE shows them as ordinary output ({@link ClassifiedKernelProcess}) so that red in the
 * console always means something went wrong (a fault, a VM that did not terminate cleanly, a bad option).
 */
public final class KernelMessages {
    private static final List<Pattern> INFORMATIONAL = List.of(
            Pattern.compile("denali run: monitor on \\S+:\\d+"),
            Pattern.compile("denali run: waiting for gdb on \\S+:\\d+"),
            Pattern.compile("denali run: gdb server on \\S+:\\d+"),
            Pattern.compile("denali run: [\\d,]+ instructions in .*"));

    private KernelMessages() {
    }

    /** Whether a stderr line of the kernel (without its line terminator) is information rather than an error. */
    public static boolean isInformational(String line) {
        String text = line.strip();
        return INFORMATIONAL.stream().anyMatch(p -> p.matcher(text).matches());
    }
}
