package org.denali.emulator.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * The header of one line-number program (one compilation unit): the parameters of its state machine and its
 * directory and file tables, with DWARF 5's self-describing entry formats and the older fixed layout unified.
 */
final class LineProgramHeader {
    private static final int DW_LNCT_PATH = 1;
    private static final int DW_LNCT_DIRECTORY_INDEX = 2;

    private static final int DW_FORM_BLOCK = 0x09;
    private static final int DW_FORM_BLOCK1 = 0x0a;
    private static final int DW_FORM_DATA1 = 0x0b;
    private static final int DW_FORM_DATA2 = 0x05;
    private static final int DW_FORM_DATA4 = 0x06;
    private static final int DW_FORM_DATA8 = 0x07;
    private static final int DW_FORM_DATA16 = 0x1e;
    private static final int DW_FORM_STRING = 0x08;
    private static final int DW_FORM_STRP = 0x0e;
    private static final int DW_FORM_UDATA = 0x0f;
    private static final int DW_FORM_LINE_STRP = 0x1f;

    int version;
    int offsetSize;
    int addressSize;
    int minimumInstructionLength;
    boolean defaultIsStmt;
    int lineBase;
    int lineRange;
    int opcodeBase;
    int[] standardOpcodeLengths;
    /** First byte of the line-number program and first byte after the unit. */
    int programStart;
    int unitEnd;
    final List<String> directories = new ArrayList<>();
    /** File paths indexed as the program's DW_LNS_set_file operands index them (1-based before DWARF 5). */
    final List<String> files = new ArrayList<>();

    /** Reads the header of the unit at the cursor and sets the cursor's limit to the end of the unit. */
    static LineProgramHeader read(DwarfInput in, byte[] lineStrings, byte[] strings) throws DwarfFormatException {
        LineProgramHeader h = new LineProgramHeader();
        long unitLength = in.u32();
        h.offsetSize = 4;
        if (unitLength == 0xFFFF_FFFFL) {
            unitLength = in.u64();
            h.offsetSize = 8;
        } else if (unitLength >= 0xFFFF_FFF0L) {
            throw in.error("reserved unit length " + Long.toHexString(unitLength));
        }
        long end = in.position() + unitLength;
        if (unitLength < 0 || end > in.limit()) {
            throw in.error("unit at offset " + (in.position() - h.offsetSize) + " claims " + unitLength
                    + " bytes, past the end of the section");
        }
        in.limit(end);
        h.unitEnd = (int) end;
        h.version = in.u16();
        if (h.version < 2 || h.version > 5) {
            throw in.error("unsupported line table version " + h.version + " (supported: 2 to 5)");
        }
        h.addressSize = 4;
        if (h.version >= 5) {
            h.addressSize = in.u8();
            in.u8(); // segment selector size: always 0 on i386
        }
        long headerLength = in.unsigned(h.offsetSize);
        long programStart = in.position() + headerLength;
        if (programStart > end) {
            throw in.error("header length " + headerLength + " runs past the end of its unit");
        }
        h.programStart = (int) programStart;
        h.minimumInstructionLength = in.u8();
        if (h.version >= 4) {
            int maxOps = in.u8();
            if (maxOps != 1) {
                throw in.error("maximum_operations_per_instruction " + maxOps + " (VLIW) is not supported");
            }
        }
        h.defaultIsStmt = in.u8() != 0;
        h.lineBase = in.s8();
        h.lineRange = in.u8();
        if (h.lineRange == 0) {
            throw in.error("line_range is 0");
        }
        h.opcodeBase = in.u8();
        if (h.opcodeBase == 0) {
            throw in.error("opcode_base is 0");
        }
        h.standardOpcodeLengths = new int[h.opcodeBase];
        for (int i = 1; i < h.opcodeBase; i++) {
            h.standardOpcodeLengths[i] = in.u8();
        }
        if (h.version >= 5) {
            h.readVersion5Tables(in, lineStrings, strings);
        } else {
            h.readLegacyTables(in);
        }
        in.seek(programStart);
        return h;
    }

    /** DWARF 2-4: NUL-terminated lists; directory 0 and file 0 are implicit (the compilation directory/unit). */
    private void readLegacyTables(DwarfInput in) throws DwarfFormatException {
        directories.add("");
        for (String dir = in.cstring(); !dir.isEmpty(); dir = in.cstring()) {
            directories.add(dir);
        }
        files.add(""); // index 0 is unused before DWARF 5
        for (String name = in.cstring(); !name.isEmpty(); name = in.cstring()) {
            long dirIndex = in.uleb();
            in.uleb(); // modification time
            in.uleb(); // length
            files.add(join(directory(in, dirIndex), name));
        }
    }

    /** Adds a DW_LNE_define_file entry (DWARF 2-4 only). */
    void defineFile(DwarfInput in, String name, long dirIndex) throws DwarfFormatException {
        files.add(join(directory(in, dirIndex), name));
    }

    /** DWARF 5: each table is described by (content type, form) pairs; entry 0 is the compilation dir/unit. */
    private void readVersion5Tables(DwarfInput in, byte[] lineStrings, byte[] strings) throws DwarfFormatException {
        int[][] dirFormat = readEntryFormat(in);
        long dirCount = entryCount(in, dirFormat);
        for (long i = 0; i < dirCount; i++) {
            Object[] entry = readEntry(in, dirFormat, lineStrings, strings);
            directories.add(entry[0] instanceof String path ? path : "");
        }
        int[][] fileFormat = readEntryFormat(in);
        long fileCount = entryCount(in, fileFormat);
        for (long i = 0; i < fileCount; i++) {
            Object[] entry = readEntry(in, fileFormat, lineStrings, strings);
            String name = entry[0] instanceof String path ? path : "";
            long dirIndex = entry[1] instanceof Long index ? index : 0;
            files.add(join(directory(in, dirIndex), name));
        }
    }

    /** Every entry takes at least one byte, so a count larger than the bytes left is corrupt (and would loop). */
    private static long entryCount(DwarfInput in, int[][] format) throws DwarfFormatException {
        long count = in.uleb();
        if (count > 0 && (format.length == 0 || count > in.limit() - in.position())) {
            throw in.error("file table claims " + count + " entries of " + format.length
                    + " fields, more than its unit holds");
        }
        return count;
    }

    private static int[][] readEntryFormat(DwarfInput in) throws DwarfFormatException {
        int count = in.u8();
        int[][] format = new int[count][2];
        for (int i = 0; i < count; i++) {
            format[i][0] = (int) in.uleb();
            format[i][1] = (int) in.uleb();
        }
        return format;
    }

    /**
     * Returns {path, directory index}; other content (timestamps, sizes, MD5) is read and dropped. A path given
     * with a numeric form, or an index given with a string form, is an error.
     */
    private Object[] readEntry(DwarfInput in, int[][] format, byte[] lineStrings, byte[] strings)
            throws DwarfFormatException {
        Object[] result = new Object[2];
        for (int[] field : format) {
            int contentType = field[0];
            Object value = readForm(in, field[1], lineStrings, strings);
            if (contentType == DW_LNCT_PATH) {
                if (!(value instanceof String)) {
                    throw in.error("a file table path uses the non-string form 0x" + Integer.toHexString(field[1]));
                }
                result[0] = value;
            } else if (contentType == DW_LNCT_DIRECTORY_INDEX) {
                if (!(value instanceof Long)) {
                    throw in.error("a directory index uses the non-numeric form 0x" + Integer.toHexString(field[1]));
                }
                result[1] = value;
            }
        }
        return result;
    }

    /** Reads one attribute value: a String, a Long, or null for blocks and MD5 digests. */
    private Object readForm(DwarfInput in, int form, byte[] lineStrings, byte[] strings) throws DwarfFormatException {
        return switch (form) {
            case DW_FORM_STRING -> in.cstring();
            case DW_FORM_LINE_STRP -> DwarfInput.stringAt(lineStrings, in.unsigned(offsetSize), ".debug_line_str");
            case DW_FORM_STRP -> DwarfInput.stringAt(strings, in.unsigned(offsetSize), ".debug_str");
            case DW_FORM_UDATA -> in.uleb();
            case DW_FORM_DATA1 -> (long) in.u8();
            case DW_FORM_DATA2 -> (long) in.u16();
            case DW_FORM_DATA4 -> in.u32();
            case DW_FORM_DATA8 -> in.u64();
            case DW_FORM_DATA16 -> {
                in.skip(16);
                yield null;
            }
            case DW_FORM_BLOCK -> {
                in.skip(in.uleb());
                yield null;
            }
            case DW_FORM_BLOCK1 -> {
                in.skip(in.u8());
                yield null;
            }
            default -> throw in.error("unsupported form 0x" + Integer.toHexString(form) + " in a file table");
        };
    }

    private String directory(DwarfInput in, long index) throws DwarfFormatException {
        if (index < 0 || index >= directories.size()) {
            throw in.error("file entry refers to directory " + index + " of " + directories.size());
        }
        return directories.get((int) index);
    }

    private static String join(String directory, String name) {
        if (directory.isEmpty() || name.startsWith("/")) {
            return name;
        }
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    String file(DwarfInput in, long index) throws DwarfFormatException {
        if (index < 0 || index >= files.size() || (version < 5 && index == 0)) {
            throw in.error("line program refers to file " + index + ", which its header does not define");
        }
        return files.get((int) index);
    }
}
