package org.denali.emulator.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.denali.emulator.cpu.diff.Engine;
import org.denali.emulator.cpu.diff.LinuxShim;
import org.denali.emulator.cpu.diff.Toolchain;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole C programs (sorting, hashing, strings, 64-bit arithmetic with our own __udivdi3 and friends, recursion,
 * switch jump tables, function pointers) compiled by gcc -m32 at several optimization levels: the emulated
 * output and exit code must equal the native ones, in the interpreter and with every trace compiled.
 */
class CProgramDifferentialTest {
    private static final long INSTRUCTION_LIMIT = 400_000_000L;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "sort, -O0, INTERPRETER", "sort, -O2, INTERPRETER", "sort, -Os, INTERPRETER",
        "sort, -O3 -march=i686, INTERPRETER",
        "hash, -O0, INTERPRETER", "hash, -O2, INTERPRETER", "hash, -Os, INTERPRETER",
        "hash, -O3 -march=i686, INTERPRETER",
        "strings, -O0, INTERPRETER", "strings, -O2, INTERPRETER", "strings, -Os, INTERPRETER",
        "strings, -O3 -march=i686, INTERPRETER",
        "arith64, -O0, INTERPRETER", "arith64, -O2, INTERPRETER", "arith64, -Os, INTERPRETER",
        "arith64, -O3 -march=i686, INTERPRETER",
        "control, -O0, INTERPRETER", "control, -O2, INTERPRETER", "control, -Os, INTERPRETER",
        "control, -O3 -march=i686, INTERPRETER",
        "sort, -O0, COMPILER", "sort, -O2, COMPILER", "sort, -Os, COMPILER", "sort, -O3 -march=i686, COMPILER",
        "hash, -O0, COMPILER", "hash, -O2, COMPILER", "hash, -Os, COMPILER", "hash, -O3 -march=i686, COMPILER",
        "strings, -O0, COMPILER", "strings, -O2, COMPILER", "strings, -Os, COMPILER",
        "strings, -O3 -march=i686, COMPILER",
        "arith64, -O0, COMPILER", "arith64, -O2, COMPILER", "arith64, -Os, COMPILER",
        "arith64, -O3 -march=i686, COMPILER",
        "control, -O0, COMPILER", "control, -O2, COMPILER", "control, -Os, COMPILER",
        "control, -O3 -march=i686, COMPILER",
    })
    void emulatedOutputEqualsNative(String program, String options, Engine engine) throws Exception {
        Path sources = Path.of(getClass().getResource("/cpu/programs/rt.c").toURI()).getParent();
        String tag = program + options.replaceAll("[^A-Za-z0-9]", "");
        Path dir = Files.createDirectories(Path.of("target", "cpu-diff", "c", tag).toAbsolutePath());
        String[] flags = options.split(" ");
        Path runtime = Toolchain.compileC(dir, sources.resolve("rt.c"), flags, "rt");
        Path main = Toolchain.compileC(dir, sources.resolve(program + ".c"), flags, program);
        Path start = Toolchain.assembleObject(dir, "start", Files.readString(sources.resolve("start.s")));
        Path exe = Toolchain.link(dir, tag, List.of(start, runtime, main));

        Toolchain.Execution expected = Toolchain.runNative(exe);
        Toolchain.Execution actual = LinuxShim.run(exe, INSTRUCTION_LIMIT, engine);

        assertTrue(expected.stdout().length > 20, "native program printed too little: " + expected.text());
        assertEquals(expected.text(), actual.text());
        assertEquals(expected.exitCode(), actual.exitCode());
    }
}
