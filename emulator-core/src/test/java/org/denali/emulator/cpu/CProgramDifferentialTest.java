package org.denali.emulator.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.denali.emulator.cpu.diff.LinuxShim;
import org.denali.emulator.cpu.diff.Toolchain;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole C programs (sorting, hashing, strings, 64-bit arithmetic with our own __udivdi3 and friends, recursion,
 * switch jump tables, function pointers) compiled by gcc -m32 at several optimization levels: the emulated
 * output and exit code must equal the native ones.
 */
class CProgramDifferentialTest {
    private static final long INSTRUCTION_LIMIT = 400_000_000L;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "sort, -O0", "sort, -O2", "sort, -Os", "sort, -O3 -march=i686",
        "hash, -O0", "hash, -O2", "hash, -Os", "hash, -O3 -march=i686",
        "strings, -O0", "strings, -O2", "strings, -Os", "strings, -O3 -march=i686",
        "arith64, -O0", "arith64, -O2", "arith64, -Os", "arith64, -O3 -march=i686",
        "control, -O0", "control, -O2", "control, -Os", "control, -O3 -march=i686",
    })
    void emulatedOutputEqualsNative(String program, String options) throws Exception {
        Path sources = Path.of(getClass().getResource("/cpu/programs/rt.c").toURI()).getParent();
        String tag = program + options.replaceAll("[^A-Za-z0-9]", "");
        Path dir = Files.createDirectories(Path.of("target", "cpu-diff", "c", tag).toAbsolutePath());
        String[] flags = options.split(" ");
        Path runtime = Toolchain.compileC(dir, sources.resolve("rt.c"), flags, "rt");
        Path main = Toolchain.compileC(dir, sources.resolve(program + ".c"), flags, program);
        Path start = Toolchain.assembleObject(dir, "start", Files.readString(sources.resolve("start.s")));
        Path exe = Toolchain.link(dir, tag, List.of(start, runtime, main));

        Toolchain.Execution expected = Toolchain.runNative(exe);
        Toolchain.Execution actual = LinuxShim.run(exe, INSTRUCTION_LIMIT);

        assertTrue(expected.stdout().length > 20, "native program printed too little: " + expected.text());
        assertEquals(expected.text(), actual.text());
        assertEquals(expected.exitCode(), actual.exitCode());
    }
}
