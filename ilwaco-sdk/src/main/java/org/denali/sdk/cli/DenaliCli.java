package org.denali.sdk.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code denali} command line: {@code denali COMMAND [ARGS]}. The repository's {@code ./denali} script
 * builds what is missing and runs this class. Commands are registered in {@link #commands()}.
 */
public final class DenaliCli {
    private final List<Command> commands;

    public DenaliCli(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    /** Every subcommand, in the order {@code denali help} lists them. */
    public static List<Command> commands() {
        List<Command> all = new ArrayList<>();
        all.add(new NewCommand());
        all.add(new DisasmCommand());
        all.add(new RunCommand());
        all.add(new ReplayCommand());
        all.add(new BenchCommand());
        all.add(new BuildCommand());
        all.add(new CheckCommand());
        return all;
    }

    public static void main(String[] args) {
        CommandContext context = new CommandContext(System.in, System.out, System.err, Path.of("").toAbsolutePath());
        int code = new DenaliCli(commands()).run(Arrays.asList(args), context);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. Never throws for bad input. */
    public int run(List<String> args, CommandContext context) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            return help(args.size() > 1 ? args.get(1) : null, context);
        }
        Optional<Command> command = find(args.get(0));
        if (command.isEmpty()) {
            context.err().println("denali: unknown command '" + args.get(0) + "'. Run 'denali help' for the list.");
            return 2;
        }
        if (asksForHelp(args.subList(1, args.size()))) {
            context.out().println(command.get().usage());
            return 0;
        }
        try {
            return command.get().run(args.subList(1, args.size()), context);
        } catch (UsageException e) {
            context.err().println("denali " + command.get().name() + ": " + e.getMessage());
            context.err().println(command.get().usage());
            return 2;
        }
    }

    /**
     * {@code --help} or {@code -h} among a command's own arguments, for every command alike. Arguments after
     * {@code --} belong to the guest ({@code denali run IMAGE -- ARGS}), so a guest may take its own -h.
     */
    static boolean asksForHelp(List<String> commandArgs) {
        for (String arg : commandArgs) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    private Optional<Command> find(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private int help(String topic, CommandContext context) {
        if (topic != null) {
            Optional<Command> command = find(topic);
            if (command.isEmpty()) {
                context.err().println("denali: no command '" + topic + "'");
                return 2;
            }
            context.out().println(command.get().usage());
            return 0;
        }
        context.out().println("usage: denali COMMAND [ARGS]\n\nCommands:");
        for (Command c : commands) {
            context.out().printf("  %-8s %s%n", c.name(), c.summary());
        }
        context.out().println("\nRun 'denali help COMMAND' for a command's options.");
        return 0;
    }
}
