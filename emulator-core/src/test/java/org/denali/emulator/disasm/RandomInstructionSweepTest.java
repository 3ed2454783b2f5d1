package org.denali.emulator.disasm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.denali.emulator.elf.HostToolchain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Thousands of random valid instructions per seed, assembled by GNU as, compared with objdump line by line. */
class RandomInstructionSweepTest {
    private static final int INSTRUCTIONS_PER_SEED = 3000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2002, 0xDE0A11})
    void randomInstructionsMatchObjdump(long seed, @TempDir Path dir) throws Exception {
        HostToolchain tools = new HostToolchain(dir);
        String program = new RandomInstructionGenerator(seed, 40).program(INSTRUCTIONS_PER_SEED);
        Path elf = tools.assembleAndLink("random" + seed, program);
        int compared = ObjdumpComparison.assertSameAsObjdump(tools, elf);
        assertTrue(compared >= INSTRUCTIONS_PER_SEED, "compared " + compared);
    }
}
