package org.denali.ide.core.gdb;

/**
 * One line of gdb's MI output: a result ({@code ^done}, {@code ^error}...), an async record ({@code *stopped},
 * {@code =thread-created}), a stream ({@code ~"text"}) or the {@code (gdb)} prompt.
 *
 * @param token   the command's token for a result record, -1 when the line has none
 * @param kind    the line's first character: {@code ^ * + = ~ @ &}, or {@code (} for the prompt
 * @param name    the result or async class ({@code done}, {@code error}, {@code stopped}); the text for streams
 * @param results the record's {@code name=value} pairs
 */
public record MiRecord(long token, char kind, String name, MiValue.Tuple results) {
    public boolean isResult() {
        return kind == '^';
    }

    public boolean isError() {
        return isResult() && name.equals("error");
    }
}
