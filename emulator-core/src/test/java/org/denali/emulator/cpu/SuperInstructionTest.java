package org.denali.emulator.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.cpu.diff.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The run loop fuses a flag-setting instruction with the jcc after it (cmp/test/dec/inc + jcc) and executes
 * straight-line traces as a whole. The same programs stepped one instruction at a time (which never uses
 * super-instructions) and run in odd-sized quanta (which split fused pairs) must end in the same state, with
 * the same branch outcomes for all 16 conditions and the same instruction counts.
 */
class SuperInstructionTest {
    private static final String TERMINATE = ".byte 0x0f, 0x0c";
    private static final String[] SETTERS = {
        "cmp %ebx, %eax", "cmp $0x7fffffff, %eax", "cmp $-5, %eax", "cmp -16(%esp), %eax", "cmp %eax, -16(%esp)",
        "cmpl $100, -16(%esp)", "test %ebx, %eax", "test $0x80000001, %eax", "dec %eax", "inc %eax",
    };
    private static final String[] CONDITIONS = {
        "jo", "jno", "jb", "jae", "je", "jne", "jbe", "ja", "js", "jns", "jp", "jnp", "jl", "jge", "jle", "jg",
    };
    private static final int[] VALUES = {
        0, 1, -1, 2, 100, 101, 99, -5, -6, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0x7FFF_FFFE, 0xFF, 0x1234_5678,
        0x9ABC_DEF0,
    };

    @ParameterizedTest
    @EnumSource(Engine.class)
    void fusedPairsBranchExactlyLikeSingleSteps(Engine engine) throws Exception {
        for (String setter : SETTERS) {
            StringBuilder program = new StringBuilder("xor %edi, %edi\n");
            for (int k = 0; k < CONDITIONS.length; k++) {
                // restore the inputs (mov leaves flags alone), set CF for inc/dec to keep, then the fused pair
                program.append("mov %esi, %eax\n").append(k % 2 == 0 ? "stc\n" : "clc\n")
                    .append(setter).append('\n').append(CONDITIONS[k]).append(" 1f\njmp 2f\n1: or $")
                    .append(1 << k).append(", %edi\n2:\n");
            }
            program.append("pushf\npop %edx\n").append(TERMINATE);
            java.nio.file.Path source = GuestProgram.build(program.toString());
            for (int a : VALUES) {
                for (int b : VALUES) {
                    Cpu whole = start(source, a, b, engine);
                    RunResult r = whole.run(1_000_000);
                    assertEquals(StopReason.TERMINATED, r.reason(), setter);
                    Cpu stepped = start(source, a, b, engine);
                    long steps = 0;
                    RunResult s;
                    do {
                        s = stepped.step();
                        steps += s.instructions();
                    } while (s.reason() == StopReason.STEPPED);
                    assertEquals(StopReason.TERMINATED, s.reason());
                    Cpu quanta = start(source, a, b, engine);
                    long counted = 0;
                    RunResult q;
                    do {
                        q = quanta.run(3);
                        counted += q.instructions();
                    } while (q.reason() == StopReason.BUDGET_EXHAUSTED);
                    String what = setter + " with eax=" + Integer.toHexString(a) + " other=" + Integer.toHexString(b);
                    assertEquals(r.instructions(), steps, what);
                    assertEquals(r.instructions(), counted, what);
                    assertEquals(stepped.instructionsRetired(), whole.instructionsRetired(), what);
                    for (Cpu other : new Cpu[] {stepped, quanta}) {
                        assertEquals(Integer.toBinaryString(other.register(Registers.EDI)),
                            Integer.toBinaryString(whole.register(Registers.EDI)), what + ": branch outcomes");
                        for (int reg = 0; reg < 8; reg++) {
                            assertEquals(other.register(reg), whole.register(reg), what + ": register " + reg);
                        }
                        assertEquals(other.eflags(), whole.eflags(), what + ": eflags");
                        assertEquals(other.eip(), whole.eip(), what);
                    }
                    if (setter.startsWith("cmp %ebx")) {
                        int expected = expectedCompare(a, b);
                        assertEquals(Integer.toBinaryString(expected),
                            Integer.toBinaryString(whole.register(Registers.EDI)), what);
                    }
                }
            }
        }
    }

    private static Cpu start(java.nio.file.Path exe, int a, int b, Engine engine) throws Exception {
        org.denali.emulator.memory.PagedMemory memory = new org.denali.emulator.memory.PagedMemory(16 << 20,
            org.denali.emulator.memory.PageProvider.ZERO_FILL);
        Cpu cpu = engine.apply(new Cpu(memory, CpuHost.NONE));
        cpu.setEip(org.denali.emulator.cpu.diff.TestElfLoader.load(exe, memory));
        cpu.setRegister(Registers.ESP, 0x0080_0000);
        cpu.setRegister(Registers.ESI, a);
        cpu.setRegister(Registers.EBX, b);
        cpu.memory().write32(cpu.register(Registers.ESP) - 16, b);
        return cpu;
    }

    /** The 16 conditions after cmp b, a (a - b), from the definition of each. */
    private static int expectedCompare(int a, int b) {
        int res = a - b;
        boolean of = ((a ^ b) & (a ^ res)) < 0;
        boolean cf = Integer.compareUnsigned(a, b) < 0;
        boolean zf = a == b;
        boolean sf = res < 0;
        boolean pf = Integer.bitCount(res & 0xFF) % 2 == 0;
        boolean[] taken = {of, cf, zf, cf || zf, sf, pf, a < b, a <= b};
        int bits = 0;
        for (int k = 0; k < 16; k++) {
            if (taken[k >>> 1] ^ (k & 1) != 0) {
                bits |= 1 << k;
            }
        }
        return bits;
    }
}
