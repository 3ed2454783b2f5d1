package org.denali.ide.core.gdb;

/**
 * One location of a gdb breakpoint ({@code -break-insert}): where gdb puts it.
 *
 * @param function null when gdb names none
 * @param line     the line gdb resolved to (it may slide to the next line with code), -1 when unknown
 */
public record GdbLocation(long address, String function, int line) {
    static GdbLocation of(MiValue.Tuple location) {
        String line = location.text("line");
        return new GdbLocation(Long.decode(location.text("addr")), location.text("func"),
                line == null ? -1 : Integer.parseInt(line));
    }
}
