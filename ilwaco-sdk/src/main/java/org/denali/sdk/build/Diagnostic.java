package org.denali.sdk.build;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One message from the toolchain, located where the tool said: the IDE turns it into a problem marker, the
 * command line prints it as gcc would.
 *
 * @param file   the file the message is about, absolute when the tool printed a path; null when the tool named none
 *               (e.g. "ld: cannot find ...")
 * @param line   1-based line, 0 when unknown
 * @param column 1-based byte column, 0 when unknown
 */
public record Diagnostic(Path file, int line, int column, Severity severity, String message) {

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
