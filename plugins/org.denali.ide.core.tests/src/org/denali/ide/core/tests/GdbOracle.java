package org.denali.ide.core.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.denali.ide.core.launch.GuestLaunchSettings;
import org.denali.ide.core.launch.KernelCommandLine;

/**
 * Real gdb in batch mode as the oracle: a second kernel of the same image with {@code --gdb PORT --wait}, gdb
 * stopped at the first hit of an address, and what gdb prints there ({@code info args}, {@code info locals},
 * {@code bt}, {@code print EXPR}).
 */
final class GdbOracle {
    private GdbOracle() {
    }

    /** gdb's output of {@code commands} at the first hit of {@code address}. */
    static String at(Path image, String projectName, int address, String... commands) throws Exception {
        return at(image, projectName, String.format("*0x%x", address), commands);
    }

    /** gdb's output of {@code commands} where the guest first stops without a breakpoint (its fault). */
    static String atFault(Path image, String projectName, String... commands) throws Exception {
        return at(image, projectName, (String) null, commands);
    }

    private static String at(Path image, String projectName, String breakAt, String... commands) throws Exception {
        int port = KernelCommandLine.freeLoopbackPort();
        GuestLaunchSettings settings = new GuestLaunchSettings(projectName, image.getFileName().toString(), 1, "", "",
                "", false, false);
        List<String> kernel = KernelCommandLine.forRun(image, settings,
                List.of("--gdb", Integer.toString(port), "--wait"));
        Process process = new ProcessBuilder(kernel).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.contains("waiting for gdb")) {
                // the kernel's banner
            }
            List<String> gdb = new ArrayList<>(List.of("gdb", "-nx", "-batch", "-ex", "set pagination off",
                    "-ex", "target remote localhost:" + port));
            if (breakAt != null) {
                gdb.addAll(List.of("-ex", "break " + breakAt));
            }
            gdb.addAll(List.of("-ex", "continue"));
            for (String c : commands) {
                gdb.add("-ex");
                gdb.add("echo <<" + c + ">>\\n");
                gdb.add("-ex");
                gdb.add(c);
            }
            gdb.add("-ex");
            gdb.add("kill");
            gdb.add(image.toString());
            Process g = new ProcessBuilder(gdb).redirectErrorStream(true).start();
            String text = new String(g.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            g.waitFor(60, TimeUnit.SECONDS);
            return text;
        } finally {
            process.destroyForcibly();
        }
    }

    /** The addresses of gdb's locations for {@code break FILE:LINE} in {@code image} (symbols only, no target). */
    static List<Long> lineLocations(Path image, String file, int line) throws Exception {
        Process g = new ProcessBuilder("gdb", "-nx", "-batch", "-ex", "break " + file + ":" + line, "-ex",
                "info breakpoints", image.toString()).redirectErrorStream(true).start();
        String text = new String(g.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        g.waitFor(60, TimeUnit.SECONDS);
        List<Long> addresses = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)\\s(0x[0-9a-f]+)\\s+in\\s").matcher(text);
        while (m.find()) {
            addresses.add(Long.decode(m.group(1)));
        }
        if (addresses.isEmpty()) {
            throw new AssertionError("gdb found no location for " + file + ":" + line + "\n" + text);
        }
        return addresses;
    }

    /** gdb's output of {@code commands} on {@code image} with the core file {@code core} (gdb IMAGE CORE). */
    static String onCore(Path image, Path core, String... commands) throws Exception {
        List<String> gdb = new ArrayList<>(List.of("gdb", "-nx", "-batch", "-ex", "set pagination off"));
        for (String c : commands) {
            gdb.addAll(List.of("-ex", "echo <<" + c + ">>\\n", "-ex", c));
        }
        gdb.add(image.toString());
        gdb.add(core.toString());
        Process g = new ProcessBuilder(gdb).redirectErrorStream(true).start();
        String text = new String(g.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        g.waitFor(60, TimeUnit.SECONDS);
        return text;
    }

    /** The lines gdb printed for {@code command} in the output of {@link #at}. */
    static List<String> section(String output, String command) {
        int start = output.indexOf("<<" + command + ">>\n");
        if (start < 0) {
            throw new AssertionError("no output of " + command + " in:\n" + output);
        }
        start += command.length() + 5;
        int end = output.indexOf("<<", start);
        return List.of(output.substring(start, end < 0 ? output.length() : end).split("\n")).stream()
                .filter(s -> !s.isBlank()).toList();
    }

    /** {@code name = value} lines (info args / info locals) as a map. */
    static Map<String, String> assignments(List<String> lines) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf(" = ");
            if (eq > 0) {
                map.put(line.substring(0, eq), line.substring(eq + 3));
            }
        }
        return map;
    }

    /** The function names of a {@code bt}: {@code #1  0x... in producer (arg=...) at ...} gives producer. */
    static List<String> functions(List<String> backtrace) {
        List<String> names = new ArrayList<>();
        for (String line : backtrace) {
            if (!line.startsWith("#")) {
                continue;
            }
            String rest = line.replaceFirst("^#\\d+\\s+", "").replaceFirst("^0x[0-9a-f]+ in ", "");
            names.add(rest.substring(0, rest.indexOf(' ')));
        }
        return names;
    }

    static void readAll(Process p) throws IOException {
        p.getInputStream().readAllBytes();
    }
}
