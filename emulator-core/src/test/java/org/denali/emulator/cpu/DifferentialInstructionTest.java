package org.denali.emulator.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.denali.emulator.cpu.diff.CaseGenerator;
import org.denali.emulator.cpu.diff.CaseProgram;
import org.denali.emulator.cpu.diff.Engine;
import org.denali.emulator.cpu.diff.InstructionCase;
import org.denali.emulator.cpu.diff.LinuxShim;
import org.denali.emulator.cpu.diff.Toolchain;
import org.denali.emulator.cpu.diff.UndefinedFlagMasks;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The real CPU is the oracle: every instruction family of the Denali ISA is exercised with thousands of seeded
 * random cases, assembled into a few programs, run natively and in the emulator, and the register, flag and
 * memory records compared. Flags are compared only where the SDM defines them: {@link UndefinedFlagMasks} decodes
 * each case and masks what {@link UndefinedFlags} lists, so the same cases pass on Intel and AMD hosts. Each family
 * runs in the interpreter and with every trace compiled.
 */
class DifferentialInstructionTest {
    private static final long SEED = Long.getLong("cpu.diff.seed", 0x0D0E_2002L);
    private static final int SCALE = Integer.getInteger("cpu.diff.scale", 6);
    private static final String[] REGS = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};

    @TestFactory
    Stream<DynamicTest> everyFamilyMatchesTheRealCpu() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "cpu-diff").toAbsolutePath());
        List<List<InstructionCase>> families = new CaseGenerator(SEED).allFamilies(SCALE);
        List<DynamicTest> tests = new ArrayList<>();
        for (Engine engine : Engine.values()) {
            for (int f = 0; f < families.size(); f++) {
                List<InstructionCase> cases = families.get(f);
                String name = "family" + f + "-" + cases.get(0).family().replaceAll("[^a-z0-9]", "");
                int index = f;
                tests.add(DynamicTest.dynamicTest(name + " (" + cases.size() + " cases) " + engine,
                    () -> compare(dir, name, cases, SEED + index, engine)));
            }
        }
        return tests.stream();
    }

    private static void compare(Path dir, String name, List<InstructionCase> cases, long seed, Engine engine)
            throws Exception {
        Path exe = Toolchain.assemble(dir, name, CaseProgram.source(cases, seed));
        Toolchain.Execution expected = Toolchain.runNative(exe);
        assertEquals(0, expected.exitCode(), "native run failed");
        Toolchain.Execution actual = LinuxShim.run(exe, 50_000_000L, engine);
        int[][] want = CaseProgram.records(expected.stdout(), cases.size());
        assertEquals(expected.stdout().length, actual.stdout().length, "emulated output length");
        int[][] got = CaseProgram.records(actual.stdout(), cases.size());
        int[] compared = UndefinedFlagMasks.comparedFlags(exe, cases);
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < cases.size(); n++) {
            String diff = difference(compared[n], want[n], got[n]);
            if (diff != null) {
                failures.add("case " + n + " " + cases.get(n) + "\n    " + diff);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " cases differ from the real CPU:\n"
                + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
        }
    }

    private static String difference(int mask, int[] want, int[] got) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 8; r++) {
            if (want[r] != got[r]) {
                sb.append(String.format("%s native %08x emulated %08x; ", REGS[r], want[r], got[r]));
            }
        }
        if ((want[8] & mask) != (got[8] & mask)) {
            sb.append(String.format("eflags native %03x emulated %03x (compared %03x); ", want[8] & mask,
                got[8] & mask, mask));
        }
        for (int i = 9; i < want.length; i++) {
            if (want[i] != got[i]) {
                boolean inBuf = i < 9 + CaseProgram.WINDOW_DWORDS;
                int offset = inBuf ? (i - 9) * 4 : (i - 9 - CaseProgram.WINDOW_DWORDS) * 4 - 64;
                sb.append(String.format("%s%+d native %08x emulated %08x; ", inBuf ? "buf" : "stack_top", offset,
                    want[i], got[i]));
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
