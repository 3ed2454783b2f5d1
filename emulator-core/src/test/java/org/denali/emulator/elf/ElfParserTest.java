package org.denali.emulator.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.denali.emulator.arch.MemoryMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parses a guest built by the host's as/ld and compares what we read with what readelf reports. */
class ElfParserTest {
    @TempDir
    static Path dir;
    static HostToolchain tools;
    static byte[] file;
    static ElfImage image;

    @BeforeAll
    static void build() throws Exception {
        tools = new HostToolchain(dir);
        Path elf = tools.assembleAndLink("small", GuestSamples.SMALL_GUEST);
        file = Files.readAllBytes(elf);
        image = DenaliImageRules.parseAndCheck(file, MemoryMap.DEFAULT_MEMORY_SIZE);
    }

    @Test
    void entryPointIsStart() {
        assertEquals(0x100000, image.entryPoint());
        assertEquals(0x100000, image.symbols().byName("_start").orElseThrow().value());
    }

    @Test
    void loadSegmentsMatchReadelf() {
        String readelf = tools.run("readelf", "-lW", dir.resolve("small.elf").toString());
        StringBuilder expected = new StringBuilder();
        for (String line : readelf.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 0 && f[0].equals("LOAD")) {
                expected.append(Long.decode(f[2])).append(' ').append(Long.decode(f[4])).append(' ')
                        .append(Long.decode(f[5])).append(' ').append(line.contains(" E ") ? "x" : "-").append('\n');
            }
        }
        StringBuilder actual = new StringBuilder();
        for (ProgramSegment s : image.loadSegments()) {
            actual.append(s.virtualAddress()).append(' ').append(s.fileSize()).append(' ').append(s.memorySize())
                    .append(' ').append(s.isExecutable() ? "x" : "-").append('\n');
        }
        assertEquals(expected.toString(), actual.toString());
    }

    @Test
    void symbolsMatchNm() {
        String nm = tools.run("nm", dir.resolve("small.elf").toString());
        Map<String, Long> expected = new HashMap<>();
        for (String line : nm.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) {
                expected.put(f[2], Long.parseLong(f[0], 16));
            }
        }
        assertTrue(expected.containsKey("helper"), nm);
        expected.forEach((name, value) ->
                assertEquals(value, image.symbols().byName(name).orElseThrow().value(), name));
        ElfSymbol buffer = image.symbols().byName("buffer").orElseThrow();
        assertEquals(ElfSymbol.Type.OBJECT, buffer.type());
        assertEquals(ElfSymbol.Binding.GLOBAL, buffer.binding());
        assertEquals(8192, buffer.size());
        assertEquals(ElfSymbol.Binding.LOCAL, image.symbols().byName("helper").orElseThrow().binding());
    }

    @Test
    void functionContainingAnAddressInsideHelper() {
        ElfSymbol helper = image.symbols().byName("helper").orElseThrow();
        assertEquals(ElfSymbol.Type.FUNC, helper.type());
        assertEquals("helper", image.symbols().functionContaining(helper.value() + 3).orElseThrow().name());
        assertEquals("_start", image.symbols().functionContaining(0x100001).orElseThrow().name());
        assertTrue(image.symbols().functionContaining(0x1000).isEmpty());
    }

    @Test
    void sectionsAreNamedAndHoldTheirBytes() {
        Section text = image.section(".text").orElseThrow();
        assertEquals(0x100000, text.address());
        assertTrue(text.isExecutable());
        byte[] bytes = image.sectionData(text);
        assertEquals(0xB8, bytes[0] & 0xFF, "movl $message, %eax");
        assertEquals(0, image.sectionData(image.section(".bss").orElseThrow()).length);
    }

    @Test
    void loadIntoCopiesSegmentsAndZeroesBss() {
        byte[] memory = new byte[MemoryMap.DEFAULT_MEMORY_SIZE];
        java.util.Arrays.fill(memory, (byte) 0x5A);
        image.loadInto(new SegmentSink() {
            @Override
            public void write(int addr, byte[] data, int off, int len) {
                System.arraycopy(data, off, memory, addr, len);
            }

            @Override
            public void zero(int addr, int len) {
                java.util.Arrays.fill(memory, addr, addr + len, (byte) 0);
            }
        });
        Section text = image.section(".text").orElseThrow();
        byte[] loaded = java.util.Arrays.copyOfRange(memory, (int) text.address(), (int) (text.address() + text.size()));
        assertArrayEquals(image.sectionData(text), loaded);
        int counter = (int) image.symbols().byName("counter").orElseThrow().value();
        assertEquals(41, memory[counter]);
        int buffer = (int) image.symbols().byName("buffer").orElseThrow().value();
        for (int i = 0; i < 8192; i++) {
            assertEquals(0, memory[buffer + i], "bss byte " + i);
        }
        Section bss = image.section(".bss").orElseThrow();
        assertEquals(bss.address() + bss.size(), image.imageEnd());
    }

    @Test
    void theImageDoesNotShareTheCallersArray() throws ElfFormatException, IOException {
        byte[] copy = file.clone();
        ElfImage parsed = ElfParser.parse(copy);
        java.util.Arrays.fill(copy, (byte) 0);
        assertEquals(0xB8, parsed.sectionData(".text").orElseThrow()[0] & 0xFF);
    }
}
