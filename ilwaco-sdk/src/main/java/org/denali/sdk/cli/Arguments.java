package org.denali.sdk.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line: {@code --flag value} / {@code --flag=value} options (each allowed at most once),
 * boolean switches, and positional arguments. Anything unknown is a {@link UsageException}, never ignored.
 */
public final class Arguments {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> switches = new ArrayList<>();
    private final List<String> positional = new ArrayList<>();

    private Arguments() {
    }

    /**
     * @param valued   option names that take a value, without the leading dashes
     * @param booleans switch names that take none
     */
    public static Arguments parse(List<String> args, Set<String> valued, Set<String> booleans)
            throws UsageException {
        Arguments parsed = new Arguments();
        boolean onlyPositional = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPositional || !arg.startsWith("--") || arg.equals("--")) {
                if (arg.equals("--") && !onlyPositional) {
                    onlyPositional = true;
                } else {
                    parsed.positional.add(arg);
                }
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (booleans.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                parsed.switches.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (parsed.options.put(name, value) != null) {
                    throw new UsageException("--" + name + " given twice");
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return parsed;
    }

    public boolean has(String switchName) {
        return switches.contains(switchName);
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** An option's value as an integer (decimal, or hex with 0x), with the option named in any error. */
    public long longOption(String name, long fallback) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return value.startsWith("0x") || value.startsWith("0X")
                    ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " expects a number, not '" + value + "'");
        }
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }

    /** Exactly {@code count} positional arguments, or a usage error naming what was expected. */
    public List<String> positional(int count, String what) throws UsageException {
        if (positional.size() != count) {
            throw new UsageException("expected " + what + (positional.isEmpty() ? "" : ", got " + positional));
        }
        return positional();
    }
}
