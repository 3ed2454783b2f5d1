package org.denali.emulator.dwarf;

import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.elf.ElfImage;

/** Runs every line-number program in {@code .debug_line} and collects the rows into a {@link LineTable}. */
public final class DebugLineReader {
    private static final int DW_LNS_COPY = 1;
    private static final int DW_LNS_ADVANCE_PC = 2;
    private static final int DW_LNS_ADVANCE_LINE = 3;
    private static final int DW_LNS_SET_FILE = 4;
    private static final int DW_LNS_SET_COLUMN = 5;
    private static final int DW_LNS_NEGATE_STMT = 6;
    private static final int DW_LNS_SET_BASIC_BLOCK = 7;
    private static final int DW_LNS_CONST_ADD_PC = 8;
    private static final int DW_LNS_FIXED_ADVANCE_PC = 9;
    private static final int DW_LNE_END_SEQUENCE = 1;
    private static final int DW_LNE_SET_ADDRESS = 2;
    private static final int DW_LNE_DEFINE_FILE = 3;

    private DebugLineReader() {
    }

    /** The image's line table; empty if it was built without -g. */
    public static LineTable read(ElfImage image) throws DwarfFormatException {
        byte[] lines = image.sectionData(".debug_line").orElse(null);
        if (lines == null) {
            return new LineTable(List.of());
        }
        return read(lines, image.sectionData(".debug_line_str").orElse(null),
                image.sectionData(".debug_str").orElse(null));
    }

    /**
     * @param lineStrings contents of .debug_line_str, or null if absent (DWARF 5 file tables refer to it)
     * @param strings contents of .debug_str, or null if absent
     */
    public static LineTable read(byte[] debugLine, byte[] lineStrings, byte[] strings) throws DwarfFormatException {
        DwarfInput in = new DwarfInput(debugLine, ".debug_line");
        List<LineRow> rows = new ArrayList<>();
        int next = 0;
        while (next < debugLine.length) {
            in.limit(debugLine.length);
            in.seek(next);
            LineProgramHeader header = LineProgramHeader.read(in, lineStrings, strings);
            runProgram(in, header, rows);
            next = header.unitEnd;
        }
        return new LineTable(rows);
    }

    /** The DWARF line-number state machine (DWARF 5 §6.2.2), for max_ops_per_instruction = 1. */
    private static void runProgram(DwarfInput in, LineProgramHeader h, List<LineRow> rows) throws DwarfFormatException {
        State s = new State(h);
        while (in.hasMore()) {
            int opcode = in.u8();
            if (opcode >= h.opcodeBase) {
                int adjusted = opcode - h.opcodeBase;
                s.address += (long) (adjusted / h.lineRange) * h.minimumInstructionLength;
                s.line += h.lineBase + adjusted % h.lineRange;
                s.emit(in, rows, false);
                continue;
            }
            switch (opcode) {
                case 0 -> extended(in, h, s, rows);
                case DW_LNS_COPY -> s.emit(in, rows, false);
                case DW_LNS_ADVANCE_PC -> s.address += in.uleb() * h.minimumInstructionLength;
                case DW_LNS_ADVANCE_LINE -> s.line += in.sleb();
                case DW_LNS_SET_FILE -> s.file = in.uleb();
                case DW_LNS_SET_COLUMN -> s.column = in.uleb();
                case DW_LNS_NEGATE_STMT -> s.isStmt = !s.isStmt;
                case DW_LNS_SET_BASIC_BLOCK -> {
                }
                case DW_LNS_CONST_ADD_PC ->
                    s.address += (long) ((255 - h.opcodeBase) / h.lineRange) * h.minimumInstructionLength;
                case DW_LNS_FIXED_ADVANCE_PC -> s.address += in.u16();
                default -> {
                    // prologue_end, epilogue_begin, set_isa and opcodes from the future: skip their operands.
                    for (int i = 0; i < h.standardOpcodeLengths[opcode]; i++) {
                        in.uleb();
                    }
                }
            }
        }
    }

    private static void extended(DwarfInput in, LineProgramHeader h, State s, List<LineRow> rows)
            throws DwarfFormatException {
        long length = in.uleb();
        if (length == 0 || length > in.limit() - in.position()) {
            throw in.error("extended opcode length " + length + " at offset " + in.position() + " is invalid");
        }
        int end = (int) (in.position() + length);
        int sub = in.u8();
        switch (sub) {
            case DW_LNE_END_SEQUENCE -> {
                s.emit(in, rows, true);
                s.reset();
            }
            case DW_LNE_SET_ADDRESS -> s.address = in.unsigned((int) length - 1);
            case DW_LNE_DEFINE_FILE -> {
                String name = in.cstring();
                long dir = in.uleb();
                h.defineFile(in, name, dir);
            }
            default -> {
                // set_discriminator and vendor extensions carry nothing the table needs.
            }
        }
        in.seek(end);
    }

    /** The state machine registers that the table records. */
    private static final class State {
        private final LineProgramHeader header;
        long address;
        long file;
        long line;
        long column;
        boolean isStmt;

        State(LineProgramHeader header) {
            this.header = header;
            reset();
        }

        void reset() {
            address = 0;
            file = 1;
            line = 1;
            column = 0;
            isStmt = header.defaultIsStmt;
        }

        void emit(DwarfInput in, List<LineRow> rows, boolean endSequence) throws DwarfFormatException {
            String path = header.file(in, file);
            rows.add(new LineRow(address & 0xFFFF_FFFFL, path, (int) line, (int) column, isStmt, endSequence));
        }
    }
}
