package org.denali.emulator.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an ELF32 little-endian i386 ET_EXEC file into an {@link ElfImage}, checking its structure: every table
 * and range the image model exposes is verified to lie inside the file, so later code never needs bounds checks.
 * Whether the image fits a particular VM is {@link DenaliImageRules}' job.
 */
public final class ElfParser {
    static final int ELF32_HEADER_SIZE = 52;
    static final int PROGRAM_HEADER_SIZE = 32;
    static final int SECTION_HEADER_SIZE = 40;
    static final int SYMBOL_SIZE = 16;
    static final int EM_386 = 3;
    static final int ET_REL = 1;
    static final int ET_EXEC = 2;
    static final int ET_DYN = 3;
    static final int ET_CORE = 4;

    private ElfParser() {
    }

    public static ElfImage parse(Path file) throws IOException, ElfFormatException {
        return parse(Files.readAllBytes(file));
    }

    public static ElfImage parse(byte[] fileBytes) throws ElfFormatException {
        byte[] file = fileBytes.clone();
        FileBytes in = new FileBytes(file);
        checkIdentification(in);
        checkHeader(in);
        List<ProgramSegment> segments = readProgramHeaders(in);
        List<Section> sections = readSectionHeaders(in);
        SymbolTable symbols = readSymbols(in, sections);
        return new ElfImage(file, in.u32(24), segments, sections, symbols);
    }

    private static void checkIdentification(FileBytes in) throws ElfFormatException {
        if (in.length() < 4 || in.u8(0) != 0x7F || in.u8(1) != 'E' || in.u8(2) != 'L' || in.u8(3) != 'F') {
            throw new ElfFormatException("not an ELF file: it does not start with the bytes 7f 45 4c 46 (\"\\x7fELF\")");
        }
        if (in.length() < 16) {
            throw new ElfFormatException("truncated ELF header: the file is " + in.length()
                    + " bytes, the identification alone needs 16");
        }
        int elfClass = in.u8(4);
        if (elfClass == 2) {
            throw new ElfFormatException("ELF64 file; Denali guests are 32-bit (ELFCLASS32): build with -m32 / as --32");
        }
        if (elfClass != 1) {
            throw new ElfFormatException("invalid ELF class " + elfClass + " (expected 1, ELFCLASS32)");
        }
        int data = in.u8(5);
        if (data == 2) {
            throw new ElfFormatException("big-endian ELF file; Denali guests are little-endian i386 (ELFDATA2LSB)");
        }
        if (data != 1) {
            throw new ElfFormatException("invalid ELF data encoding " + data + " (expected 1, little-endian)");
        }
        if (in.u8(6) != 1) {
            throw new ElfFormatException("unsupported ELF identification version " + in.u8(6) + " (expected 1)");
        }
        if (in.length() < ELF32_HEADER_SIZE) {
            throw new ElfFormatException("truncated ELF header: the file is " + in.length()
                    + " bytes, an ELF32 header needs " + ELF32_HEADER_SIZE);
        }
    }

    private static void checkHeader(FileBytes in) throws ElfFormatException {
        int machine = in.u16(18);
        if (machine != EM_386) {
            throw new ElfFormatException("wrong machine " + machineName(machine)
                    + "; Denali guests are i386 (EM_386, 3)");
        }
        int type = in.u16(16);
        switch (type) {
            case ET_EXEC -> {
            }
            case ET_REL -> throw new ElfFormatException("relocatable object (ET_REL), link it first: "
                    + "ld -m elf_i386 -Ttext=0x100000 -o guest.elf file.o");
            case ET_DYN -> throw new ElfFormatException("position-independent executable or shared object (ET_DYN); "
                    + "Denali guests are linked at fixed addresses (ET_EXEC): build with -fno-pie -no-pie");
            case ET_CORE -> throw new ElfFormatException("core dump (ET_CORE), not an executable");
            default -> throw new ElfFormatException("unknown ELF file type " + type + "; expected ET_EXEC (2)");
        }
        if (in.u32(20) != 1) {
            throw new ElfFormatException("unsupported ELF version " + in.u32(20) + " (expected 1)");
        }
        if (in.u16(40) < ELF32_HEADER_SIZE) {
            throw new ElfFormatException("ELF header size field e_ehsize is " + in.u16(40) + ", expected "
                    + ELF32_HEADER_SIZE);
        }
    }

    private static String machineName(int machine) {
        return switch (machine) {
            case 0 -> "EM_NONE (0)";
            case 40 -> "EM_ARM (40)";
            case 62 -> "EM_X86_64 (62)";
            case 183 -> "EM_AARCH64 (183)";
            case 243 -> "EM_RISCV (243)";
            default -> String.valueOf(machine);
        };
    }

    private static List<ProgramSegment> readProgramHeaders(FileBytes in) throws ElfFormatException {
        long offset = in.u32(28);
        int entrySize = in.u16(42);
        int count = in.u16(44);
        if (count == 0) {
            throw new ElfFormatException("no program headers: the file has nothing to load");
        }
        if (entrySize != PROGRAM_HEADER_SIZE) {
            throw new ElfFormatException("program header entry size e_phentsize is " + entrySize + ", expected "
                    + PROGRAM_HEADER_SIZE);
        }
        checkTableInFile(in, "program header table", offset, count, entrySize);
        List<ProgramSegment> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long at = offset + (long) i * entrySize;
            ProgramSegment segment = new ProgramSegment(i, in.u32(at), in.u32(at + 4), in.u32(at + 8),
                    in.u32(at + 16), in.u32(at + 20), in.u32(at + 24), in.u32(at + 28));
            checkSegment(in, segment);
            segments.add(segment);
        }
        checkNoOverlap(segments);
        return segments;
    }

    private static void checkSegment(FileBytes in, ProgramSegment segment) throws ElfFormatException {
        if (segment.type() == ProgramSegment.PT_INTERP || segment.type() == ProgramSegment.PT_DYNAMIC) {
            throw new ElfFormatException("segment " + segment.index() + " is " + (segment.type() == ProgramSegment.PT_INTERP
                    ? "PT_INTERP" : "PT_DYNAMIC") + ": the image is dynamically linked; Denali guests are static");
        }
        if (!segment.isLoad()) {
            return;
        }
        if (!in.contains(segment.fileOffset(), segment.fileSize())) {
            throw new ElfFormatException("segment " + segment.index() + ": file range [" + Hex.of(segment.fileOffset())
                    + ", " + Hex.of(segment.fileOffset() + segment.fileSize()) + ") lies outside the file ("
                    + in.length() + " bytes)");
        }
        if (segment.memorySize() < segment.fileSize()) {
            throw new ElfFormatException("segment " + segment.index() + ": memory size " + Hex.of(segment.memorySize())
                    + " is smaller than its file size " + Hex.of(segment.fileSize()));
        }
        if (segment.endAddress() > 0x1_0000_0000L) {
            throw new ElfFormatException(segment.describe() + " wraps past the end of the 32-bit address space");
        }
    }

    private static void checkNoOverlap(List<ProgramSegment> segments) throws ElfFormatException {
        List<ProgramSegment> loads = segments.stream().filter(ProgramSegment::isLoad)
                .filter(s -> s.memorySize() > 0).toList();
        for (int i = 0; i < loads.size(); i++) {
            for (int j = i + 1; j < loads.size(); j++) {
                ProgramSegment a = loads.get(i);
                ProgramSegment b = loads.get(j);
                if (a.virtualAddress() < b.endAddress() && b.virtualAddress() < a.endAddress()) {
                    throw new ElfFormatException(a.describe() + " overlaps " + b.describe());
                }
            }
        }
    }

    private static List<Section> readSectionHeaders(FileBytes in) throws ElfFormatException {
        long offset = in.u32(32);
        int entrySize = in.u16(46);
        int count = in.u16(48);
        int namesIndex = in.u16(50);
        if (count == 0) {
            return List.of(); // stripped of section headers: loadable, just without symbols
        }
        if (entrySize != SECTION_HEADER_SIZE) {
            throw new ElfFormatException("section header entry size e_shentsize is " + entrySize + ", expected "
                    + SECTION_HEADER_SIZE);
        }
        checkTableInFile(in, "section header table", offset, count, entrySize);
        if (namesIndex >= count) {
            throw new ElfFormatException("section name table index e_shstrndx " + namesIndex
                    + " is outside the section header table (" + count + " entries)");
        }
        long namesAt = offset + (long) namesIndex * entrySize;
        long namesOffset = in.u32(namesAt + 16);
        long namesSize = in.u32(namesAt + 20);
        if (in.u32(namesAt + 4) != Section.SHT_STRTAB) {
            throw new ElfFormatException("section name table (section " + namesIndex + ") is not a string table");
        }
        if (!in.contains(namesOffset, namesSize)) {
            throw new ElfFormatException("section name table (section " + namesIndex + ") lies outside the file");
        }
        List<Section> sections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long at = offset + (long) i * entrySize;
            String name = in.string(namesOffset, namesSize, in.u32(at), "section " + i);
            Section section = new Section(i, name, in.u32(at + 4), in.u32(at + 8), in.u32(at + 12), in.u32(at + 16),
                    in.u32(at + 20), in.u32(at + 24), in.u32(at + 28), in.u32(at + 36));
            if (section.hasFileData() && !in.contains(section.fileOffset(), section.size())) {
                throw new ElfFormatException("section " + i + " (" + name + "): file range ["
                        + Hex.of(section.fileOffset()) + ", " + Hex.of(section.fileOffset() + section.size())
                        + ") lies outside the file (" + in.length() + " bytes)");
            }
            sections.add(section);
        }
        return sections;
    }

    private static SymbolTable readSymbols(FileBytes in, List<Section> sections) throws ElfFormatException {
        Section symtab = sections.stream().filter(s -> s.type() == Section.SHT_SYMTAB).findFirst().orElse(null);
        if (symtab == null) {
            return SymbolTable.empty();
        }
        String what = "symbol table " + symtab.name();
        if (symtab.entrySize() != SYMBOL_SIZE) {
            throw new ElfFormatException(what + ": entry size " + symtab.entrySize() + ", expected " + SYMBOL_SIZE);
        }
        if (symtab.size() % SYMBOL_SIZE != 0) {
            throw new ElfFormatException(what + ": size " + symtab.size() + " is not a multiple of " + SYMBOL_SIZE);
        }
        if (symtab.link() >= sections.size() || sections.get((int) symtab.link()).type() != Section.SHT_STRTAB) {
            throw new ElfFormatException(what + ": its string table link " + symtab.link()
                    + " does not name a string table section");
        }
        Section strings = sections.get((int) symtab.link());
        int count = (int) (symtab.size() / SYMBOL_SIZE);
        List<ElfSymbol> symbols = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long at = symtab.fileOffset() + (long) i * SYMBOL_SIZE;
            String name = in.string(strings.fileOffset(), strings.size(), in.u32(at), what + " entry " + i);
            int info = in.u8(at + 12);
            symbols.add(new ElfSymbol(name, in.u32(at + 4), in.u32(at + 8), ElfSymbol.Type.of(info & 0xF),
                    ElfSymbol.Binding.of(info >>> 4), in.u16(at + 14)));
        }
        return new SymbolTable(symbols);
    }

    private static void checkTableInFile(FileBytes in, String table, long offset, int count, int entrySize)
            throws ElfFormatException {
        long size = (long) count * entrySize;
        if (!in.contains(offset, size)) {
            throw new ElfFormatException(table + " (offset " + Hex.of(offset) + ", " + count + " entries of "
                    + entrySize + " bytes) lies outside the file (" + in.length() + " bytes)");
        }
    }
}
