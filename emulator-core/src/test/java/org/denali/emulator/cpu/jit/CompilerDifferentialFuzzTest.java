package org.denali.emulator.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.CpuHost;
import org.denali.emulator.cpu.RunResult;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.memory.PageProvider;
import org.denali.emulator.memory.PagedMemory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interpreter is the compiler's oracle: random instruction streams built from the forms compiled C uses (ALU
 * ops in every operand shape and size, adc/sbb, shifts and rotates of every size, inc/dec/neg/not on memory,
 * multiplies, extensions, push/pop, setcc, jcc forward and back, calls) mixed with forms the compiler leaves to
 * the interpreter (bswap, xchg), with memory
 * operands that hit the data page, fault outside memory, cross a page end or store into the code itself. One CPU
 * interprets, one compiles (threshold 0: every trace, as a region of mostly itself; threshold 3: regions of several
 * traces with internal jumps, calls and returns); both run the same sequence of random budgets (1 to 60
 * instructions, so runs end inside blocks and loops), and after every run the stop reason, instruction count,
 * EIP, registers, EFLAGS and (at the end) memory must be identical.
 */
class CompilerDifferentialFuzzTest {
    private static final int CODE = 0x10000;
    private static final int DATA = 0x20000;
    private static final int MEMORY = 1 << 20;
    private static final int[] WRITABLE = {0, 1, 2, 3, 5, 6, 7};

    /** Threshold 0 compiles each trace on its first run (regions of one trace, mostly); 3 lets regions grow. */
    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void compiledCodeMatchesTheInterpreterAtEveryRunEnd(int threshold) {
        SplittableRandom random = new SplittableRandom(0x1717 + threshold);
        int compiledRuns = 0;
        long compiledInstructions = 0;
        for (int program = 0; program < 1500; program++) {
            byte[] code = program(random);
            long seed = random.nextLong();
            Cpu interpreted = cpu(code, seed, -1);
            Cpu compiled = cpu(code, seed, threshold);
            SplittableRandom budgets = new SplittableRandom(seed);
            for (int run = 0; run < 60; run++) {
                int budget = budgets.nextInt(4) == 0 ? 1 : 1 + budgets.nextInt(60);
                RunResult a = interpreted.run(budget);
                RunResult b = compiled.run(budget);
                String where = "program " + program + " run " + run + " budget " + budget + " at "
                    + Integer.toHexString(interpreted.eip()) + ": " + a;
                assertEquals(a.reason(), b.reason(), where);
                assertEquals(a.instructions(), b.instructions(), where);
                assertEquals(a.value(), b.value(), where);
                assertEquals(interpreted.eip(), compiled.eip(), where);
                for (int r = 0; r < 8; r++) {
                    assertEquals(interpreted.register(r), compiled.register(r), where + " register " + r);
                }
                assertEquals(Integer.toHexString(interpreted.eflags()), Integer.toHexString(compiled.eflags()),
                    where + " eflags");
                assertEquals(interpreted.instructionsRetired(), compiled.instructionsRetired(), where);
                if (a.reason() == StopReason.FAULT) {
                    assertEquals(a.fault().vector(), b.fault().vector(), where);
                    assertEquals(a.fault().address(), b.fault().address(), where);
                    break;
                }
                if (a.reason() == StopReason.TERMINATED) {
                    break;
                }
            }
            assertArrayEquals(bytes(interpreted.memory(), DATA, 4096), bytes(compiled.memory(), DATA, 4096),
                "data page, program " + program);
            assertArrayEquals(bytes(interpreted.memory(), CODE, code.length),
                bytes(compiled.memory(), CODE, code.length), "code, program " + program);
            compiledInstructions += compiled.instructionsCompiled();
            compiledRuns += compiled.instructionsCompiled() > 0 ? 1 : 0;
        }
        // the comparison means something only if compiled code actually ran, in most programs
        assertTrue(compiledRuns > (threshold == 0 ? 1000 : 300), "programs that ran compiled code: " + compiledRuns);
        assertTrue(compiledInstructions > 30_000, "instructions run compiled: " + compiledInstructions);
    }

    /**
     * {@code run(slice, limit)} (the kernel's slices in real-time mode) may end past the slice at the next exit of
     * compiled code or a trace, never past the limit, and never before the slice unless the guest stopped; the
     * interpreter run for exactly the count it reported must reach the same state. The interpreter-only CPU
     * checks the same contract on its own traces.
     */
    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 3})
    void slicedRunsEndAtAnExitPastTheSliceAndNeverPastTheLimit(int threshold) {
        SplittableRandom random = new SplittableRandom(0x5117 + threshold);
        long overshoot = 0;
        for (int program = 0; program < 800; program++) {
            byte[] code = program(random);
            long seed = random.nextLong();
            Cpu oracle = cpu(code, seed, -1);
            Cpu sliced = cpu(code, seed, threshold);
            SplittableRandom budgets = new SplittableRandom(seed);
            for (int run = 0; run < 60; run++) {
                int slice = 1 + budgets.nextInt(40);
                int limit = slice + (budgets.nextInt(3) == 0 ? 0 : budgets.nextInt(80));
                RunResult b = sliced.run(slice, limit);
                // a run that stopped (a fault, terminate) must stop at the same place within the limit
                RunResult a = oracle.run(b.reason() == StopReason.BUDGET_EXHAUSTED ? b.instructions() : limit);
                String where = "program " + program + " run " + run + " slice " + slice + " limit " + limit
                    + " at " + Integer.toHexString(oracle.eip()) + ": " + a + " / " + b;
                assertTrue(b.instructions() <= limit, where);
                if (b.reason() == StopReason.BUDGET_EXHAUSTED) {
                    assertTrue(b.instructions() >= slice, where);
                    overshoot += b.instructions() - slice;
                }
                assertEquals(a.reason(), b.reason(), where);
                assertEquals(a.instructions(), b.instructions(), where);
                assertEquals(a.value(), b.value(), where);
                assertEquals(oracle.eip(), sliced.eip(), where);
                for (int r = 0; r < 8; r++) {
                    assertEquals(oracle.register(r), sliced.register(r), where + " register " + r);
                }
                assertEquals(Integer.toHexString(oracle.eflags()), Integer.toHexString(sliced.eflags()),
                    where + " eflags");
                if (a.reason() == StopReason.FAULT || a.reason() == StopReason.TERMINATED) {
                    break;
                }
            }
            assertArrayEquals(bytes(oracle.memory(), DATA, 4096), bytes(sliced.memory(), DATA, 4096),
                "data page, program " + program);
        }
        // the contract is tested only if runs did go past their slices
        assertTrue(overshoot > 1000, "instructions run past a slice: " + overshoot);
    }

    private static Cpu cpu(byte[] code, long seed, int threshold) {
        PagedMemory memory = new PagedMemory(MEMORY, PageProvider.ZERO_FILL);
        memory.writeBytes(CODE, code, 0, code.length);
        SplittableRandom values = new SplittableRandom(seed);
        for (int i = 0; i < 4096; i += 4) {
            memory.write32(DATA + i, values.nextInt(3) == 0 ? values.nextInt(256) : values.nextInt());
        }
        Cpu cpu = new Cpu(memory, CpuHost.NONE);
        if (threshold >= 0) {
            cpu.setCompiler(new TraceJit(threshold));
        }
        cpu.setEip(CODE);
        for (int r = 0; r < 8; r++) {
            int[] edges = {0, 1, -1, 2, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFF};
            int pick = values.nextInt(3);
            cpu.setRegister(r, pick == 0 ? edges[values.nextInt(edges.length)] : pick == 1 ? values.nextInt(64)
                : values.nextInt());
        }
        cpu.setRegister(Registers.ESP, 0x80000);
        cpu.setEflags(values.nextInt());
        return cpu;
    }

    private static byte[] bytes(PagedMemory memory, int address, int length) {
        byte[] b = new byte[length];
        memory.readBytes(address, b, 0, length);
        return b;
    }

    // ------------------------------------------------------------------ random programs

    /** 20-60 random instructions, jcc/jmp fixed up to instruction boundaries, then terminate. */
    private static byte[] program(SplittableRandom random) {
        int n = 20 + random.nextInt(40);
        List<byte[]> insns = new ArrayList<>();
        List<Integer> jumpTargets = new ArrayList<>(); // per instruction: target index for short jumps, or -1
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(100);
            if (kind < 12) { // a flag setter right before a jcc: the compiler's direct conditions
                byte[] setter = setter(random);
                byte[] jcc = {(byte) (0x70 + random.nextInt(16)), 0};
                insns.add(setter);
                jumpTargets.add(-1);
                insns.add(jcc);
                jumpTargets.add(random.nextInt(n + 1));
                i++;
            } else if (kind < 18) {
                insns.add(new byte[] {(byte) (0x70 + random.nextInt(16)), 0});
                jumpTargets.add(random.nextInt(n + 1));
            } else if (kind < 23) {
                // a CF setter, inc/dec (keeps CF), a memory access that may leave for the interpreter, and an
                // instruction that overwrites CF: the compiler folds CF only at the exits in between
                insns.add(setter(random));
                insns.add(new byte[] {(byte) ((random.nextBoolean() ? 0x40 : 0x48) + WRITABLE[random.nextInt(7)])});
                ByteArrayOutputStream access = new ByteArrayOutputStream();
                access.write(random.nextBoolean() ? 0x8B : 0x89);
                access.write(0x05 | WRITABLE[random.nextInt(7)] << 3);
                int pick = random.nextInt(4);
                imm32(access, pick == 0 ? MEMORY + 16 : pick == 1 ? DATA - 2 : pick == 2 ? CODE + 8 : address(random));
                insns.add(access.toByteArray());
                insns.add(new byte[] {0x01, (byte) (0xC0 | WRITABLE[random.nextInt(7)] << 3 | WRITABLE[random.nextInt(7)])});
                for (int k = 0; k < 4; k++) {
                    jumpTargets.add(-1);
                }
                i += 3;
            } else if (kind < 9) {
                insns.add(new byte[] {(byte) 0xEB, 0});
                jumpTargets.add(Math.min(n, i + 1 + random.nextInt(4)));
            } else {
                insns.add(instruction(random));
                jumpTargets.add(-1);
            }
        }
        insns.add(new byte[] {0x0F, 0x0C}); // terminate
        jumpTargets.add(-1);
        int[] offsets = new int[insns.size() + 1];
        for (int i = 0; i < insns.size(); i++) {
            offsets[i + 1] = offsets[i] + insns.get(i).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < insns.size(); i++) {
            byte[] insn = insns.get(i);
            int target = jumpTargets.get(i);
            if (target >= 0) {
                int rel = offsets[target] - offsets[i + 1];
                insn[1] = (byte) (rel >= -128 && rel <= 127 ? rel : 0);
            }
            out.write(insn, 0, insn.length);
        }
        return out.toByteArray();
    }

    /** cmp/sub/test/and/add/inc/dec on registers, often the same one or a small immediate. */
    private static byte[] setter(SplittableRandom random) {
        int a = WRITABLE[random.nextInt(WRITABLE.length)];
        int b = random.nextInt(3) == 0 ? a : WRITABLE[random.nextInt(WRITABLE.length)];
        return switch (random.nextInt(7)) {
            case 0 -> new byte[] {0x39, (byte) (0xC0 | b << 3 | a)};
            case 1 -> new byte[] {(byte) 0x83, (byte) (0xF8 | a), (byte) (random.nextInt(5) - 2)};
            case 2 -> new byte[] {0x29, (byte) (0xC0 | b << 3 | a)};
            case 3 -> new byte[] {(byte) 0x85, (byte) (0xC0 | b << 3 | a)};
            case 4 -> new byte[] {0x01, (byte) (0xC0 | b << 3 | a)};
            case 5 -> new byte[] {(byte) (0x40 + a)};
            default -> new byte[] {(byte) (0x48 + a)};
        };
    }

    private static byte[] instruction(SplittableRandom random) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int w = WRITABLE[random.nextInt(WRITABLE.length)];
        int any = random.nextInt(8);
        switch (random.nextInt(29)) {
            case 0 -> { // alu r/m32, r32 (add or adc sbb and sub xor cmp, test, mov)
                int[] ops = {0x01, 0x09, 0x11, 0x19, 0x21, 0x29, 0x31, 0x39, 0x85, 0x89};
                b.write(ops[random.nextInt(ops.length)]);
                rm(b, random, any, w);
            }
            case 1 -> { // alu r32, r/m32
                int[] ops = {0x03, 0x0B, 0x13, 0x1B, 0x23, 0x2B, 0x33, 0x3B, 0x8B};
                b.write(ops[random.nextInt(ops.length)]);
                rm(b, random, w, any);
            }
            case 2 -> { // alu r/m32, imm32 / imm8
                boolean small = random.nextBoolean();
                b.write(small ? 0x83 : 0x81);
                rm(b, random, random.nextInt(8), w);
                imm(b, random, small ? 1 : 4);
            }
            case 3 -> b.write((random.nextBoolean() ? 0x40 : 0x48) + w); // inc/dec
            case 4 -> { // neg, not, mul, imul (one operand: interpreter), div is left out (faults by design)
                int[] regs = {2, 3, 4, 5};
                b.write(0xF7);
                b.write(0xC0 | regs[random.nextInt(regs.length)] << 3 | w);
            }
            case 5 -> { // shifts and rotates by imm8 (0..40), by 1, by CL
                int[] groups = {4, 5, 7, 0, 1};
                int form = random.nextInt(3);
                b.write(form == 0 ? 0xC1 : form == 1 ? 0xD1 : 0xD3);
                b.write(0xC0 | groups[random.nextInt(groups.length)] << 3 | w);
                if (form == 0) {
                    b.write(random.nextInt(41));
                }
            }
            case 6 -> { // imul r32, r/m32 [, imm]
                int form = random.nextInt(3);
                if (form == 0) {
                    b.write(0x0F);
                    b.write(0xAF);
                } else {
                    b.write(form == 1 ? 0x69 : 0x6B);
                }
                rm(b, random, w, any);
                if (form != 0) {
                    imm(b, random, form == 1 ? 4 : 1);
                }
            }
            case 7 -> { // movzx/movsx r32, r/m8 or r/m16
                int[] ops = {0xB6, 0xB7, 0xBE, 0xBF};
                b.write(0x0F);
                b.write(ops[random.nextInt(ops.length)]);
                rm(b, random, w, any);
            }
            case 8 -> { // lea with base + disp8 or SIB
                b.write(0x8D);
                if (random.nextBoolean()) {
                    b.write(0x40 | w << 3 | WRITABLE[random.nextInt(WRITABLE.length)]);
                    b.write(random.nextInt(256));
                } else {
                    b.write(0x04 | w << 3);
                    b.write(random.nextInt(4) << 6 | random.nextInt(8) << 3 | WRITABLE[random.nextInt(4)]);
                }
            }
            case 9 -> b.write(random.nextBoolean() ? 0x99 : 0x90); // cdq, nop
            case 10 -> b.write(0x50 + any); // push r32
            case 11 -> b.write(0x58 + w); // pop r32
            case 12 -> { // push imm8 / imm32
                boolean small = random.nextBoolean();
                b.write(small ? 0x6A : 0x68);
                imm(b, random, small ? 1 : 4);
            }
            case 13 -> { // setcc r8
                b.write(0x0F);
                b.write(0x90 + random.nextInt(16));
                b.write(0xC0 | random.nextInt(8));
            }
            case 14 -> { // 8-bit mov/cmp/test, register or memory
                int[] ops = {0x88, 0x8A, 0x38, 0x3A, 0x84};
                b.write(ops[random.nextInt(ops.length)]);
                rm(b, random, random.nextInt(8), random.nextInt(8));
            }
            case 15 -> { // 8-bit immediates: mov r8/m8, cmp, test
                int form = random.nextInt(4);
                if (form == 0) {
                    b.write(0xB0 + random.nextInt(8));
                } else {
                    b.write(form == 1 ? 0xC6 : form == 2 ? 0x80 : 0xF6);
                    rm(b, random, form == 1 ? 0 : form == 2 ? 7 : 0, random.nextInt(8));
                }
                imm(b, random, 1);
            }
            case 16 -> { // mov r32, imm32
                b.write(0xB8 + w);
                imm(b, random, 4);
            }
            case 17 -> { // bswap, xchg: interpreter-only forms inside traces
                if (random.nextBoolean()) {
                    b.write(0x0F);
                    b.write(0xC8 + w);
                } else {
                    b.write(0x87);
                    b.write(0xC0 | w << 3 | WRITABLE[random.nextInt(WRITABLE.length)]);
                }
            }
            case 18 -> { // call to the next instruction (pushes its address), later popped or returned to
                b.write(0xE8);
                imm32(b, 0);
            }
            case 19 -> b.write(random.nextInt(4) == 0 ? 0xC3 : 0x90); // an occasional ret
            case 20 -> { // leave: ebp from the data page first
                b.write(0xBD);
                imm32(b, DATA + 0x800 + 4 * random.nextInt(64));
                b.write(0xC9);
            }
            case 21 -> { // memory-destination ALU with an immediate (read-modify-write)
                b.write(0x83);
                b.write(0x05 | random.nextInt(8) << 3);
                imm32(b, address(random));
                imm(b, random, 1);
            }
            case 22 -> { // cmp/test m32 against r32 then a flag reader
                b.write(random.nextBoolean() ? 0x39 : 0x85);
                b.write(0x05 | any << 3);
                imm32(b, address(random));
            }
            case 24 -> { // 8-bit ALU, every op, r/m8 and r8 both ways (add, or, adc, sbb, and, sub, xor, cmp)
                b.write(random.nextInt(8) << 3 | random.nextInt(3));
                rm(b, random, random.nextInt(8), random.nextInt(8));
            }
            case 25 -> { // 8-bit ALU with an immediate: 80 /op ib, or the short al form
                if (random.nextBoolean()) {
                    b.write(0x80);
                    rm(b, random, random.nextInt(8), random.nextInt(8));
                } else {
                    b.write(random.nextInt(8) << 3 | 4);
                }
                imm(b, random, 1);
            }
            case 26 -> { // 16-bit forms: ALU both ways, with imm16/imm8, mov, inc/dec, neg/not
                b.write(0x66);
                int form = random.nextInt(5);
                switch (form) {
                    case 0 -> {
                        b.write(random.nextInt(8) << 3 | 1 + 2 * random.nextInt(2));
                        rm(b, random, any, w);
                    }
                    case 1, 2 -> {
                        b.write(form == 1 ? 0x81 : 0x83);
                        rm(b, random, random.nextInt(8), w);
                        imm(b, random, form == 1 ? 2 : 1);
                    }
                    case 3 -> {
                        b.write(random.nextBoolean() ? 0x89 : 0x8B);
                        rm(b, random, w, any);
                    }
                    default -> {
                        b.write(0xF7);
                        rm(b, random, 2 + random.nextInt(2), w);
                    }
                }
                if (form == 4 && random.nextBoolean()) {
                    b.write(0x66); // and a 16-bit inc/dec
                    b.write(0xFF);
                    rm(b, random, random.nextInt(2), w);
                }
            }
            case 27 -> { // inc/dec (FE/FF), neg/not (F6/F7) on 8 and 32 bits, registers or memory
                if (random.nextBoolean()) {
                    b.write(random.nextBoolean() ? 0xFE : 0xFF);
                    rm(b, random, random.nextInt(2), w);
                } else {
                    b.write(random.nextBoolean() ? 0xF6 : 0xF7);
                    rm(b, random, 2 + random.nextInt(2), w);
                }
            }
            case 28 -> { // shifts and rotates of every kind on 8, 16 and 32 bits, registers or memory, counts 0..40
                int size = random.nextInt(3);
                if (size == 1) {
                    b.write(0x66);
                }
                int form = random.nextInt(3);
                int base = size == 0 ? 0xC0 : 0xC1;
                b.write(form == 0 ? base : form == 1 ? base + 0x10 : base + 0x12);
                rm(b, random, random.nextInt(8), w);
                if (form == 0) {
                    b.write(random.nextInt(41));
                }
            }
            default -> { // esp-relative load/store through SIB
                b.write(random.nextBoolean() ? 0x8B : 0x89);
                b.write(0x44 | w << 3);
                b.write(0x24);
                b.write(random.nextInt(16) * 4);
            }
        }
        return b.toByteArray();
    }

    /** ModRM with {@code reg}, and r/m either register {@code rm} (60%) or an absolute memory operand. */
    private static void rm(ByteArrayOutputStream b, SplittableRandom random, int reg, int rm) {
        if (random.nextInt(10) < 6) {
            b.write(0xC0 | reg << 3 | rm);
        } else {
            b.write(0x05 | reg << 3);
            imm32(b, address(random));
        }
    }

    /** Mostly the data page; sometimes a page-crossing word, an address outside memory, or the code itself. */
    private static int address(SplittableRandom random) {
        int pick = random.nextInt(40);
        if (pick == 0) {
            return MEMORY + random.nextInt(1 << 16); // outside the accessible range: #PF
        }
        if (pick == 1) {
            return DATA - 2; // crosses into the data page from the page below
        }
        if (pick == 2) {
            return CODE + random.nextInt(64); // a store here modifies code that may already be compiled
        }
        return DATA + random.nextInt(4092);
    }

    private static void imm(ByteArrayOutputStream b, SplittableRandom random, int size) {
        int v = random.nextInt(4) == 0 ? random.nextInt(5) - 2 : random.nextInt();
        for (int i = 0; i < size; i++) {
            b.write(v >>> (8 * i) & 0xFF);
        }
    }

    private static void imm32(ByteArrayOutputStream b, int v) {
        for (int i = 0; i < 4; i++) {
            b.write(v >>> (8 * i) & 0xFF);
        }
    }
}
