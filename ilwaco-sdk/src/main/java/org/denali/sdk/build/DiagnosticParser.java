package org.denali.sdk.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns gcc, GNU as and GNU ld output into {@link Diagnostic}s. Context lines ("In file included from",
 * "In function", source excerpts, "ld: x.o: in function") carry no problem of their own and are skipped.
 */
public final class DiagnosticParser {
    /** gcc: {@code file:line:col: error: message} (also without the column, and "fatal error"). */
    private static final Pattern LOCATED = Pattern.compile(
            "^(.+?):(\\d+):(?:(\\d+):)? (fatal error|error|warning|note|Error|Warning|Fatal error): (.*)$");
    /** ld with debug info: {@code file.c:12: undefined reference to `f'} or {@code file.o:(.text+0x5): ...}. */
    private static final Pattern LINKER_LOCATED = Pattern.compile("^(.+?):(?:(\\d+)|\\(.*\\)): (.*)$");
    /** A tool speaking for itself: {@code ld: cannot find ...}, {@code gcc: error: ...}, {@code cc1: warning: ...}. */
    private static final Pattern TOOL = Pattern.compile(
            "^(?:\\S*/)?(ld|ld\\.bfd|gcc|cc1|as|ar|collect2)(?:\\.exe)?: (?:(fatal error|error|warning): )?(.*)$");
    private static final Pattern CONTEXT = Pattern.compile(
            "^(In file included from |\\s+from |.*: In function |.*: At top level:|.*: in function |\\s*\\d* \\|).*");

    private DiagnosticParser() {
    }

    /** Every diagnostic in {@code output}; relative paths are resolved against {@code workingDirectory}. */
    public static List<Diagnostic> parse(String output, Path workingDirectory) {
        List<Diagnostic> found = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.isBlank() || CONTEXT.matcher(line).matches()) {
                continue;
            }
            Diagnostic d = parseLine(line, workingDirectory);
            if (d != null) {
                found.add(d);
            }
        }
        return found;
    }

    private static Diagnostic parseLine(String line, Path workingDirectory) {
        Matcher m = TOOL.matcher(line);
        if (m.matches()) {
            Severity severity = "warning".equals(m.group(2)) ? Severity.WARNING : Severity.ERROR;
            String message = m.group(3);
            if (m.group(2) == null && message.startsWith("warning: ")) {
                severity = Severity.WARNING;
                message = message.substring("warning: ".length());
            }
            return new Diagnostic(null, 0, 0, severity, message);
        }
        m = LOCATED.matcher(line);
        if (m.matches()) {
            return new Diagnostic(resolve(workingDirectory, m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), severity(m.group(4)), m.group(5));
        }
        m = LINKER_LOCATED.matcher(line);
        if (m.matches() && isLinkerProblem(m.group(3))) {
            int lineNumber = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            return new Diagnostic(resolve(workingDirectory, m.group(1)), lineNumber, 0, Severity.ERROR, m.group(3));
        }
        return null;
    }

    private static boolean isLinkerProblem(String message) {
        return message.startsWith("undefined reference to") || message.startsWith("multiple definition of")
                || message.startsWith("relocation truncated") || message.contains("first defined here");
    }

    private static Severity severity(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "warning" -> Severity.WARNING;
            case "note" -> Severity.NOTE;
            default -> Severity.ERROR;
        };
    }

    private static Path resolve(Path workingDirectory, String file) {
        Path path = Path.of(file);
        return workingDirectory == null ? path : workingDirectory.resolve(path).normalize();
    }
}
