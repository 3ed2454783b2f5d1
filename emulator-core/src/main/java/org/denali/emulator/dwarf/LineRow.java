package org.denali.emulator.dwarf;

/**
 * One row of the line-number matrix. {@code address} is an unsigned 32-bit value held in a long.
 * {@code endSequence} rows mark the first address after a contiguous run of code; their position is meaningless.
 *
 * @param file the source file's path as recorded (directory joined with the name when the name is relative)
 * @param column 0 when the compiler did not record one
 */
public record LineRow(long address, String file, int line, int column, boolean isStmt, boolean endSequence) {

    /** True if {@code fileQuery} names this row's file: the same path, a path suffix at a '/' boundary, or the base name. */
    public boolean isInFile(String fileQuery) {
        return file.equals(fileQuery) || file.endsWith("/" + fileQuery);
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(address) + " " + (endSequence ? "end" : file + ":" + line + ":" + column)
                + (isStmt ? " stmt" : "");
    }
}
