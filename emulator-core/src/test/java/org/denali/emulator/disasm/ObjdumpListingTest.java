package org.denali.emulator.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.HostToolchain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole listing, headers, raw-byte columns, continuation lines and "..." included, against objdump -d. */
class ObjdumpListingTest {
    private static final Pattern VIRTUAL = Pattern.compile("^(\\s*[0-9a-f]+:\\t0f (0a|0c) \\s*\\t)\\(bad\\)$");

    @TempDir
    static Path dir;
    static HostToolchain tools;

    @BeforeAll
    static void setUp() {
        tools = new HostToolchain(dir);
    }

    @Test
    void compiledProgramListsLikeObjdump() throws Exception {
        Path elf = tools.compileAndLink("listing", ObjdumpSweepTest.resource("/disasm/corpus.c"), "-O2",
                "-mgeneral-regs-only", "-fno-builtin");
        assertSameListing(elf);
    }

    @Test
    void zeroRunsSymbolBoundariesAndLongInstructions() throws Exception {
        Path elf = tools.assembleAndLink("zeroes", """
                .text
                nop
                .globl _start
                _start: nop
                .byte 0x66,0x2e,0x0f,0x1f,0x84,0,0,0,0,0
                words: .long 0,0,0,0
                ret
                .long 0
                .byte 0xc3
                alias: another: .byte 0,0,0
                .byte 0x0f,0x0a,0x0f,0x0c
                tail: .byte 0,0
                """);
        assertSameListing(elf);
    }

    @Test
    void sectionWithoutSymbols() throws Exception {
        tools.write("bare.s", ".text\nnop\nret\n");
        tools.run("as", "--32", "-o", "bare.o", "bare.s");
        tools.run("ld", "-m", "elf_i386", "-Ttext=0x100000", "-e", "0x100000", "-s", "-o", "bare.elf", "bare.o");
        assertSameListing(dir.resolve("bare.elf"));
    }

    private static void assertSameListing(Path elf) throws Exception {
        String ours = new ObjdumpListing(ElfParser.parse(Files.readAllBytes(elf))).render(elf.toString());
        String theirs = tools.run("objdump", "-d", elf.toString());
        List<String> expected = new ArrayList<>();
        for (String line : theirs.split("\n", -1)) {
            Matcher m = VIRTUAL.matcher(line);
            expected.add(m.matches() ? m.group(1) + (m.group(2).equals("0a") ? "idle" : "terminate") : line);
        }
        assertListingsEqual(normalise(expected), normalise(List.of(ours.split("\n", -1))));
        assertTrue(ours.contains("Disassembly of section .text:"));
    }

    /** Reports the first differing line with a little context rather than two thousand-line strings. */
    private static void assertListingsEqual(String expected, String actual) {
        String[] want = expected.split("\n");
        String[] got = actual.split("\n");
        for (int i = 0; i < Math.max(want.length, got.length); i++) {
            String w = i < want.length ? want[i] : "<end>";
            String g = i < got.length ? got[i] : "<end>";
            if (!w.equals(g)) {
                int from = Math.max(0, i - 3);
                String context = String.join("\n", java.util.Arrays.copyOfRange(want, from, i));
                assertEquals(w, g, "listing line " + (i + 1) + " differs after:\n" + context);
            }
        }
    }

    /** Whitespace differences inside a line are forgiven; line structure is not. */
    private static String normalise(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.trim().replaceAll("\\s+", " ")).append('\n');
        }
        return out.toString().strip();
    }
}
