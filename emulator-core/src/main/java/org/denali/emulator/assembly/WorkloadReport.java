package org.denali.emulator.assembly;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a load generator reports about its workload, read from its console: one line
 * {@code workload: requests=N errors=N elapsed_us=N p50_us=N p90_us=N p99_us=N max_us=N per_server=N,N,…}
 * ({@code examples/loadgen} prints it when it is done). Unknown keys are kept, missing ones are -1, so a generator
 * may report less; a generator that never prints the line has no report.
 */
public final class WorkloadReport {
    /** The prefix of the report line on the generator's console. */
    public static final String PREFIX = "workload: ";

    private final Map<String, String> values;

    private WorkloadReport(Map<String, String> values) {
        this.values = values;
    }

    /** The report in {@code line}, or null if it is not one. */
    public static WorkloadReport parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String word : line.substring(PREFIX.length()).trim().split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                values.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return new WorkloadReport(values);
    }

    public long requests() {
        return number("requests");
    }

    public long errors() {
        return number("errors");
    }

    public long elapsedMicros() {
        return number("elapsed_us");
    }

    /** The latency percentile {@code p} (50, 90, 99) in µs, or -1. */
    public long latencyMicros(int p) {
        return number("p" + p + "_us");
    }

    public long maxLatencyMicros() {
        return number("max_us");
    }

    /** Requests served by each target, in the targets' order (the generator's server 0, 1, …). */
    public List<Long> perServer() {
        List<Long> counts = new ArrayList<>();
        String text = values.get("per_server");
        if (text != null && !text.isEmpty()) {
            for (String count : text.split(",")) {
                counts.add(parseNumber(count));
            }
        }
        return counts;
    }

    /** Requests per second over the generator's elapsed time (its own clock: virtual under a deterministic clock). */
    public double throughput() {
        return elapsedMicros() <= 0 ? 0 : requests() * 1e6 / elapsedMicros();
    }

    private long number(String key) {
        String text = values.get(key);
        return text == null ? -1 : parseNumber(text);
    }

    private static long parseNumber(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
