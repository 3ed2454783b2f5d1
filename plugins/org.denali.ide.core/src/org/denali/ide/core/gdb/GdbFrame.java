package org.denali.ide.core.gdb;

/**
 * One frame of gdb's backtrace ({@code -stack-list-frames}): unwound by gdb with the image's DWARF CFI, so it
 * works at -O2 and across the SDK.
 *
 * @param pc       the frame's pc: the stopped instruction (level 0) or the return address (callers)
 * @param function null when gdb knows no symbol
 * @param fullName the source file's absolute path, null without line information
 * @param line     the frame's line (for callers: of the call), -1 without line information
 */
public record GdbFrame(int level, int pc, String function, String fullName, int line) {
    static GdbFrame of(MiValue.Tuple frame) {
        String line = frame.text("line");
        return new GdbFrame(Integer.parseInt(frame.text("level")), (int) Long.decode(frame.text("addr")).longValue(),
                frame.text("func"), frame.text("fullname"), line == null ? -1 : Integer.parseInt(line));
    }
}
