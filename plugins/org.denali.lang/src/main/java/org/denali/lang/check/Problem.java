package org.denali.lang.check;

/**
 * One diagnostic, as the editors show it and {@code denali check} prints it.
 *
 * @param line 1-based
 * @param column 1-based
 * @param offset 0-based character offset of the start, length its length (for editor markers)
 */
public record Problem(String file, int line, int column, int offset, int length, Severity severity,
        String message) {

    public enum Severity {
        ERROR, WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** gcc style: {@code file:line:col: error: message}. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + severity.label() + ": " + message;
    }
}
