package org.denali.sdk.debug;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real gdb in batch mode against a {@link StubKernelRun}, and the helpers its tests read gdb's output with. */
final class GdbBatch {
    private GdbBatch() {
    }

    /** gdb in batch mode: {@code beforeConnect} commands, {@code target remote}, then the script. */
    static String gdb(int port, Path elf, List<String> beforeConnect, String script) throws Exception {
        Path file = Files.createTempFile("denali", ".gdb");
        Files.writeString(file, script);
        List<String> command = new ArrayList<>(List.of("gdb", "-batch", "-nx", "-ex", "set architecture i386",
            "-ex", "set pagination off"));
        for (String c : beforeConnect) {
            command.addAll(List.of("-ex", c));
        }
        command.addAll(List.of("-ex", "target remote :" + port, "-x", file.toString(), elf.toString()));
        Process gdb = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = gdb.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            gdb.destroyForcibly();
        }
        String out = new String(gdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "gdb did not finish:\n" + out);
        return out;
    }

    /** The 1-based number of the first line containing {@code text} after the line containing {@code after}. */
    static int lineOf(List<String> lines, String after, String text) {
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (from < 0 && lines.get(i).contains(after)) {
                from = i;
            } else if (from >= 0 && lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no '" + text + "' after '" + after + "'");
    }

    /** The output between the marker lines {@code from} and {@code to} (null: the start / the end). */
    static String part(String out, String from, String to) {
        int start = from == null ? 0 : out.indexOf(from + "\n");
        assertTrue(start >= 0, "no " + from + " in\n" + out);
        start += from == null ? 0 : from.length() + 1;
        int end = to == null ? out.length() : out.indexOf(to, start);
        assertTrue(end >= 0, "no " + to + " after " + from + " in\n" + out);
        return out.substring(start, end);
    }
}
