package org.denali.sdk.cli;

import java.util.List;

/** One {@code denali} subcommand. Implementations print results to {@code out} and diagnostics to {@code err}. */
public interface Command {
    /** The word after {@code denali}, e.g. "new". */
    String name();

    /** One line for {@code denali help}. */
    String summary();

    /** Full usage text, printed for {@code denali help NAME} and after a {@link UsageException}. */
    String usage();

    /**
     * Runs the command.
     *
     * @return the process exit code (0 success, 1 failure of the work itself)
     * @throws UsageException for bad flags or arguments (exit code 2, usage printed)
     */
    int run(List<String> args, CommandContext context) throws UsageException;
}
