package org.denali.sdk.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One message from the toolchain, located where the tool said: the IDE turns it into a problem marker, the
 * command line prints it as gcc would.
 *
 * @param file   the file the message is about, absolute when the tool printed a path; null when the tool named none
 *               (e.g. "ld: cannot find ...")
 * @param line   1-based line, 0 when unknown
 * @param column 1-based byte column, 0 when unknown
 * @param endLine   where the range gcc underlines ends (with {@code endColumn}, exclusive); 0 when only the
 *                  column is known
 * @param notes     gcc's notes about this message (e.g. "each undeclared identifier is reported only once")
 * @param fixIts    the replacements gcc proposes, for quick fixes
 */
public record Diagnostic(Path file, int line, int column, Severity severity, String message,
                         int endLine, int endColumn, List<Diagnostic> notes, List<FixIt> fixIts) {

    /** One replacement gcc proposes: {@code replacement} for line:column up to endLine:endColumn (exclusive). */
    public record FixIt(int line, int column, int endLine, int endColumn, String replacement) {
    }

    public Diagnostic {
        notes = List.copyOf(notes);
        fixIts = List.copyOf(fixIts);
    }

    /** A message located at one point (what the text parsers and the driver itself report). */
    public Diagnostic(Path file, int line, int column, Severity severity, String message) {
        this(file, line, column, severity, message, 0, 0, List.of(), List.of());
    }

    public boolean hasRange() {
        return endLine > 0;
    }

    /** {@link #format} of this message followed by one line per note, as gcc prints them. */
    public String formatWithNotes(Path base) {
        StringBuilder out = new StringBuilder(format(base));
        notes.forEach(note -> out.append(System.lineSeparator()).append(note.format(base)));
        return out.toString();
    }

    public Optional<Path> fileIfKnown() {
        return Optional.ofNullable(file);
    }

    /** {@code file:line:col: severity: message}, leaving out the parts that are unknown, with paths shown relative to {@code base}. */
    public String format(Path base) {
        StringBuilder out = new StringBuilder();
        if (file != null) {
            out.append(relativize(base, file));
            if (line > 0) {
                out.append(':').append(line);
                if (column > 0) {
                    out.append(':').append(column);
                }
            }
            out.append(": ");
        }
        return out.append(severity.word()).append(": ").append(message).toString();
    }

    private static String relativize(Path base, Path file) {
        if (base != null && file.isAbsolute() && file.startsWith(base)) {
            return base.relativize(file).toString();
        }
        return file.toString();
    }
}
