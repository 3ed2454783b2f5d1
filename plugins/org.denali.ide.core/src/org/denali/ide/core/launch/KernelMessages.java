package org.denali.ide.core.launch;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which lines of the kernel's standard error are information, not errors: {@code denali run} reports where its
 * monitor and gdb stub listen and its closing statistics on stderr (stdout is the guests' consoles), and a
 * console shows stderr in red. Only these known messages are moved to the output stream; anything else, and
 * every message about a failure, stays red.
 */
public final class KernelMessages {
    private static final List<Pattern> INFORMATIONAL = List.of(
            Pattern.compile("denali run: monitor on localhost:\\d+"),
            Pattern.compile("denali run: gdb server on localhost:\\d+"),
            Pattern.compile("denali run: waiting for gdb on localhost:\\d+"),
            Pattern.compile("denali run: [\\d,]+ instructions in .*"),
            Pattern.compile("denali run: \\S+ terminated with code 0"),
            // in a deployment (instances are named group#i) servers left idling after their clients ended are done
            Pattern.compile("denali run: \\S+#\\d+ stopped: idle forever with nothing left to wake it"));

    private KernelMessages() {
    }

    /** True if {@code line} (without its line end) is one of the kernel's informational messages. */
    public static boolean isInformational(String line) {
        return INFORMATIONAL.stream().anyMatch(p -> p.matcher(line).matches());
    }
}
