package org.denali.emulator.elf;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

import org.denali.emulator.arch.MemoryMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of corrupted images, each made by mutating a real guest built with as/ld, each asserting the specific
 * message a developer would see.
 */
class MalformedElfTest {
    private static final long MEMORY = MemoryMap.DEFAULT_MEMORY_SIZE;

    @TempDir
    static Path dir;
    static HostToolchain tools;
    static byte[] good;
    static ElfImage goodImage;
    /** Program header index of the executable (.text) segment and of the writable one. */
    static int textSegment;
    static int dataSegment;

    @BeforeAll
    static void build() throws Exception {
        tools = new HostToolchain(dir);
        good = Files.readAllBytes(tools.assembleAndLink("good", GuestSamples.SMALL_GUEST));
        goodImage = DenaliImageRules.parseAndCheck(good, MEMORY);
        textSegment = goodImage.loadSegments().stream().filter(ProgramSegment::isExecutable).findFirst()
                .orElseThrow().index();
        dataSegment = goodImage.loadSegments().stream().filter(ProgramSegment::isWritable).findFirst()
                .orElseThrow().index();
    }

    // ---- identification and header ----

    @Test
    void badMagic() {
        expect("not an ELF file", f -> f.put(1, (byte) 'X'));
    }

    @Test
    void textFileIsNotElf() {
        expectBytes("not an ELF file", "#!/bin/sh\necho hello\n".getBytes());
    }

    @Test
    void elf64() {
        expect("ELF64 file", f -> f.put(4, (byte) 2));
    }

    @Test
    void bigEndian() {
        expect("big-endian ELF file", f -> f.put(5, (byte) 2));
    }

    @Test
    void wrongMachine() {
        expect("wrong machine EM_X86_64 (62); Denali guests are i386", f -> f.putShort(18, (short) 62));
    }

    @Test
    void relocatableObject() {
        expect("relocatable object (ET_REL), link it first", f -> f.putShort(16, (short) 1));
    }

    @Test
    void positionIndependentExecutable() {
        expect("position-independent executable or shared object (ET_DYN); Denali guests are linked at fixed "
                + "addresses (ET_EXEC)", f -> f.putShort(16, (short) 3));
    }

    @Test
    void truncatedHeader() {
        expectBytes("truncated ELF header: the file is 40 bytes, an ELF32 header needs 52", Arrays.copyOf(good, 40));
    }

    @Test
    void truncatedIdentification() {
        expectBytes("truncated ELF header: the file is 8 bytes", Arrays.copyOf(good, 8));
    }

    @Test
    void programHeaderTableOutsideTheFile() {
        expect("program header table (offset 0xfffff0", f -> f.putInt(28, 0xFFFFF0));
    }

    @Test
    void programHeaderTableCutOffByTruncation() {
        byte[] cut = Arrays.copyOf(good, 60);
        expectBytes("program header table (offset 0x34, ", cut);
    }

    @Test
    void noProgramHeaders() {
        expect("no program headers", f -> f.putShort(44, (short) 0));
    }

    @Test
    void sectionHeaderTableOutsideTheFile() {
        expect("section header table (offset 0x7ffffff0", f -> f.putInt(32, 0x7FFFFFF0));
    }

    @Test
    void sectionNameTableIndexOutOfRange() {
        expect("section name table index e_shstrndx 999", f -> f.putShort(50, (short) 999));
    }

    // ---- segments ----

    @Test
    void segmentFileRangeOutsideTheFile() {
        expect("segment " + textSegment + ": file range [0x7fff0000", f -> f.putInt(phdr(textSegment) + 4, 0x7FFF0000));
    }

    @Test
    void memorySizeSmallerThanFileSize() {
        expect("segment " + dataSegment + ": memory size 0x1 is smaller than its file size",
                f -> f.putInt(phdr(dataSegment) + 20, 1));
    }

    @Test
    void segmentOverlappingPageZero() {
        expect("overlaps page 0, which holds the virtual registers", f -> f.putInt(phdr(dataSegment) + 8, 0x10));
    }

    @Test
    void segmentInTheKernelRegion() {
        expect("reaches into the kernel region", f -> f.putInt(phdr(dataSegment) + 8, 0xC0000000));
    }

    @Test
    void segmentBeyondTheVmMemory() {
        expect("lies outside the VM's accessible memory [0, 0x1000000)",
                f -> f.putInt(phdr(dataSegment) + 8, 0x01000000));
    }

    @Test
    void absurdMemorySize() {
        expect("memory size 0x7fffffff exceeds the VM's whole memory",
                f -> f.putInt(phdr(dataSegment) + 20, 0x7FFFFFFF));
    }

    @Test
    void segmentWrappingTheAddressSpace() {
        expect("wraps past the end of the 32-bit address space", f -> {
            f.putInt(phdr(dataSegment) + 8, 0xFFFFF000);
            f.putInt(phdr(dataSegment) + 20, 0x2000);
        });
    }

    @Test
    void overlappingSegments() {
        int textAddress = (int) goodImage.segments().get(textSegment).virtualAddress();
        expect("overlaps segment", f -> f.putInt(phdr(dataSegment) + 8, textAddress));
    }

    @Test
    void dynamicallyLinked() {
        expect("PT_INTERP: the image is dynamically linked", f -> f.putInt(phdr(dataSegment), 3));
    }

    @Test
    void entryPointOutsideCode() {
        int data = (int) goodImage.segments().get(dataSegment).virtualAddress();
        expect("entry point 0x" + Integer.toHexString(data) + " is not inside an executable segment",
                f -> f.putInt(24, data));
    }

    // ---- sections and symbols ----

    @Test
    void sectionDataOutsideTheFile() {
        int text = goodImage.section(".text").orElseThrow().index();
        expect("section " + text + " (.text): file range", f -> f.putInt(shdr(text) + 16, 0x7FFFFF00));
    }

    @Test
    void sectionNameOutsideItsStringTable() {
        expect("section 1: name offset 1048576 is outside its string table", f -> f.putInt(shdr(1), 0x100000));
    }

    @Test
    void symbolNameOutsideItsStringTable() {
        Section symtab = goodImage.section(".symtab").orElseThrow();
        int second = (int) symtab.fileOffset() + ElfParser.SYMBOL_SIZE;
        expect("symbol table .symtab entry 1: name offset 16777216 is outside its string table",
                f -> f.putInt(second, 0x1000000));
    }

    @Test
    void symbolTableWithoutStringTable() {
        int symtab = goodImage.section(".symtab").orElseThrow().index();
        expect("does not name a string table section", f -> f.putInt(shdr(symtab) + 24, 0));
    }

    @Test
    void symbolTableWithWrongEntrySize() {
        int symtab = goodImage.section(".symtab").orElseThrow().index();
        expect("symbol table .symtab: entry size 12, expected 16", f -> f.putInt(shdr(symtab) + 36, 12));
    }

    // ---- real files of the wrong kind, straight from the toolchain ----

    @Test
    void unlinkedObjectFromTheAssembler() throws Exception {
        tools.write("obj.s", GuestSamples.SMALL_GUEST);
        tools.run("as", "--32", "-o", "obj.o", "obj.s");
        expectBytes("relocatable object (ET_REL), link it first", Files.readAllBytes(dir.resolve("obj.o")));
    }

    @Test
    void sixtyFourBitExecutable() throws Exception {
        tools.write("x64.s", ".text\n.globl _start\n_start: nop\n");
        tools.run("as", "--64", "-o", "x64.o", "x64.s");
        tools.run("ld", "-m", "elf_x86_64", "-Ttext=0x100000", "-o", "x64.elf", "x64.o");
        expectBytes("ELF64 file", Files.readAllBytes(dir.resolve("x64.elf")));
    }

    @Test
    void pieFromTheLinker() throws Exception {
        tools.write("pie.s", ".text\n.globl _start\n_start: nop\n");
        tools.run("as", "--32", "-o", "pie.o", "pie.s");
        tools.run("ld", "-m", "elf_i386", "-pie", "--no-dynamic-linker", "-o", "pie.elf", "pie.o");
        expectBytes("position-independent executable", Files.readAllBytes(dir.resolve("pie.elf")));
    }

    private static int phdr(int index) {
        return ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getInt(28) + index * ElfParser.PROGRAM_HEADER_SIZE;
    }

    private static int shdr(int index) {
        return ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getInt(32) + index * ElfParser.SECTION_HEADER_SIZE;
    }

    private static void expect(String messagePart, Consumer<ByteBuffer> mutation) {
        byte[] bad = good.clone();
        mutation.accept(ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN));
        expectBytes(messagePart, bad);
    }

    private static void expectBytes(String messagePart, byte[] bad) {
        ElfFormatException e = assertThrows(ElfFormatException.class,
                () -> DenaliImageRules.parseAndCheck(bad, MEMORY));
        assertTrue(e.getMessage().contains(messagePart),
                () -> "expected a message containing \"" + messagePart + "\" but got \"" + e.getMessage() + "\"");
    }
}
