package org.denali.emulator.disasm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.elf.HostToolchain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The objdump sweep: binaries built here from hand-written assembly covering every instruction form and from C at
 * several optimisation levels and -march settings, disassembled by us and by objdump, compared instruction by
 * instruction (text and length; only whitespace is normalised).
 */
class ObjdumpSweepTest {
    @TempDir
    static Path dir;
    static HostToolchain tools;

    @BeforeAll
    static void setUp() {
        tools = new HostToolchain(dir);
    }

    @Test
    void everyInstructionFormMatchesObjdump() throws Exception {
        Path elf = tools.assembleAndLink("all-forms", resource("/disasm/all-forms.s"));
        int compared = ObjdumpComparison.assertSameAsObjdump(tools, elf);
        assertTrue(compared > 900, "all-forms.s should yield about a thousand instructions, got " + compared);
    }

    @ParameterizedTest(name = "gcc {0} {1}")
    @CsvSource({"-O0,-march=i386", "-O1,-march=i686", "-O2,-march=i686", "-O3,-march=i386", "-Os,-march=i686",
            "-O2,-march=pentium4 -mgeneral-regs-only", "-O3,-march=i686 -funroll-loops"})
    void compiledCMatchesObjdump(String optimisation, String march) throws Exception {
        List<String> flags = new ArrayList<>(List.of(optimisation, "-mgeneral-regs-only", "-fno-builtin"));
        flags.addAll(List.of(march.split(" ")));
        String name = "corpus" + (optimisation + march).replaceAll("[^A-Za-z0-9]", "");
        Path elf = tools.compileAndLink(name, resource("/disasm/corpus.c"), flags.toArray(String[]::new));
        int compared = ObjdumpComparison.assertSameAsObjdump(tools, elf);
        assertTrue(compared > 200, "too few instructions: " + compared);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ObjdumpSweepTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
