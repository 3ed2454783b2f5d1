package org.denali.emulator.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.denali.emulator.cpu.UndefinedFlags.Row;
import org.denali.emulator.cpu.UndefinedFlags.Value;
import org.denali.emulator.cpu.decode.ByteSource;
import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Decoder;
import org.denali.emulator.cpu.decode.Mnemonic;
import org.denali.emulator.cpu.decode.OperandKind;
import org.denali.emulator.cpu.decode.Prefixes;
import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.cpu.diff.TestElfLoader;
import org.denali.emulator.cpu.diff.Values;
import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.memory.PageProvider;
import org.denali.emulator.memory.PagedMemory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Pins Denali's values for every flag x86 leaves undefined, row by row of {@link UndefinedFlags}, on the emulator
 * alone (the host CPU never runs these instructions, so the test means the same on Intel and AMD). Each form runs
 * on every path that can compute its flags: the trace loop's fast paths (register forms), the generic path (memory,
 * 8- and 16-bit forms, alias encodings), single steps, and with the flags read back both by pushf and by setcc
 * (the lazy-flag evaluation). Every row of the table must be exercised.
 */
class UndefinedFlagsTest {
    private static final int STACK = 0x0080_0000;
    private static final int SLOT = STACK - 16;
    private static final int SETCC = STACK - 32;
    private static final int[] COUNTS = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 63};

    /** Registers: EAX destination, EBX source, ECX count, ESI the flags before, EDI the flags after. */
    private static final String[] FORMS = {
        // logic (AF), incl. the 82 group (82 /4 = and al, imm8) and test's F7 /1 alias
        "andl %ebx, %eax", "orl %ebx, %eax", "xorl %ebx, %eax", "testl %ebx, %eax", "andb %bl, %al", "orw %bx, %ax",
        "xorl $0x0f0f1234, %eax", "testl $0x80000010, %eax", "andl %ebx, -16(%esp)", "testl %ebx, -16(%esp)",
        ".byte 0x82, 0xe0, 0x0f", ".byte 0xf7, 0xc8, 0x10, 0x00, 0x00, 0x80", "testl %ebx, %eax\njz 1f\n1:",
        // shifts by CL, by 1, by immediates; 8/16/32 bits; memory; the /6 alias (D0-D3, C0/C1 /6)
        "shll %cl, %eax", "shrl %cl, %eax", "sarl %cl, %eax", "shlb %cl, %al", "shrb %cl, %al", "shlw %cl, %ax",
        "shrw %cl, %ax", "sarw %cl, %ax", "sarb %cl, %al", "shll %cl, -16(%esp)", "shrb %cl, -16(%esp)",
        "shll $2, %eax", "shrl $5, %eax", "sarl $31, %eax", "shll %eax", "shrl %eax", "shlb $9, %al",
        "shrw $16, %ax", "shll $3, -16(%esp)",
        ".byte 0xd1, 0xf0", ".byte 0xd3, 0xf0", ".byte 0xd2, 0xf0", ".byte 0xc0, 0xf0, 0x03", ".byte 0xc1, 0xf0, 0x07",
        ".byte 0x66, 0xd3, 0xf0",
        // rotates
        "roll %cl, %eax", "rorl %cl, %eax", "rcll %cl, %eax", "rcrl %cl, %eax", "rolb %cl, %al", "rorw %cl, %ax",
        "rclb %cl, %al", "rcrw %cl, %ax", "roll $5, %eax", "rorl $9, -16(%esp)", "rcll %cl, -16(%esp)",
        // double shifts, incl. 16-bit counts above 16
        "shldl %cl, %ebx, %eax", "shrdl %cl, %ebx, %eax", "shldw %cl, %bx, %ax", "shrdw %cl, %bx, %ax",
        "shldl $7, %ebx, %eax", "shrdw $20, %bx, %ax", "shldw $17, %bx, %ax", "shrdl %cl, %ebx, -16(%esp)",
        // multiplies, every encoding
        "mull %ebx", "imull %ebx", "mulb %bl", "imulw %bx", "imull %ebx, %eax", "imulw %bx, %ax",
        "imull $100003, %ebx, %eax", "imull $-7, %ebx, %eax", "imull -16(%esp), %eax", "imull $3, -16(%esp), %eax",
        "mull -16(%esp)",
        // divides (the test picks operands that do not raise #DE)
        "divl %ebx", "idivl %ebx", "divw %bx", "idivb %bl", "divl -16(%esp)",
        // bit tests and scans, incl. F3 0F BC/BD
        "btl %ebx, %eax", "btsl %ebx, %eax", "btrw %bx, %ax", "btcl $5, %eax", "btl $3, -16(%esp)",
        "btsl %ebx, -16(%esp)", "bsfl %ebx, %eax", "bsrl %ebx, %eax", "bsfw %bx, %ax", "bsrl -16(%esp), %eax",
        ".byte 0xf3, 0x0f, 0xbc, 0xc3", ".byte 0xf3, 0x0f, 0xbd, 0xc3", ".byte 0x66, 0xf3, 0x0f, 0xbc, 0xc3",
    };

    @TestFactory
    Stream<DynamicTest> everyUndefinedFlagHasDenalisValueOnEveryPath() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String form : FORMS) {
            tests.add(DynamicTest.dynamicTest(form.replace('\n', ';'), () -> pin(form)));
        }
        return tests.stream();
    }

    @Test
    void everyRowOfTheTableIsExercised() throws Exception {
        Set<Row> seen = EnumSet.noneOf(Row.class);
        for (String form : FORMS) {
            Probe probe = Probe.of(form);
            for (int count : COUNTS) {
                for (Row row : Row.values()) {
                    if (row.covers(probe.insn.mnemonic(), probe.size, probe.count(count), probe.rep)) {
                        seen.add(row);
                    }
                }
            }
        }
        assertEquals(EnumSet.allOf(Row.class), seen, "rows without a form in FORMS");
    }

    @Test
    void theArchitectureDocumentShowsEveryRow() throws Exception {
        Path doc = Path.of("..", "docs", "architecture.md");
        String text = Files.readString(doc);
        for (Row row : Row.values()) {
            assertTrue(text.contains("| " + row.forms() + " | " + row.when() + " |"),
                "docs/architecture.md lacks the row for " + row + ": " + row.forms());
        }
    }

    private static void pin(String form) throws Exception {
        Probe probe = Probe.of(form);
        SplittableRandom random = new SplittableRandom(form.hashCode());
        for (int trial = 0; trial < 150; trial++) {
            Inputs in = probe.inputs(random, COUNTS[trial % COUNTS.length]);
            // whole runs, single steps, and whole runs with every trace compiled (the compiler's flags are the table's too)
            for (String path : new String[] {"run", "stepped", "compiled"}) {
                for (boolean setcc : new boolean[] {false, true}) {
                    Cpu cpu = probe.start(setcc, in);
                    if (path.equals("compiled")) {
                        org.denali.emulator.cpu.diff.Engine.COMPILER.apply(cpu);
                    }
                    run(cpu, path.equals("stepped"));
                    check(probe, in, cpu, setcc, path + " " + form + " " + in);
                }
            }
        }
    }

    private static void run(Cpu cpu, boolean stepped) {
        RunResult r;
        do {
            r = stepped ? cpu.step() : cpu.run(1_000);
        } while (r.reason() == StopReason.STEPPED || r.reason() == StopReason.BUDGET_EXHAUSTED);
        assertEquals(StopReason.TERMINATED, r.reason(), "the probe ends with terminate");
    }

    private static void check(Probe probe, Inputs in, Cpu cpu, boolean setcc, String what) {
        int count = probe.count(in.ecx);
        int after = cpu.register(Registers.EDI);
        int result = probe.destinationIsMemory ? cpu.memory().read32(SLOT) : cpu.register(Registers.EAX);
        for (Row row : Row.values()) {
            if (!row.covers(probe.insn.mnemonic(), probe.size, count, probe.rep)) {
                continue;
            }
            for (Map.Entry<Integer, Value> e : row.definedValues().entrySet()) {
                int flag = e.getKey();
                int expected = expected(e.getValue(), flag, probe, in, count, result, after);
                assertEquals(expected, after & flag, what + ": " + row + " flag " + Integer.toHexString(flag)
                    + " (flags after " + Integer.toHexString(after) + ")");
            }
            if (row == Row.DOUBLE_SHIFT_WIDE) {
                assertEquals(wideDoubleShift(probe, in, count), result & 0xFFFF, what + ": 16-bit double shift result");
            }
        }
        if (isBitScan(probe.insn.mnemonic()) && (source(probe, in) & sizeMask(probe.size)) == 0) {
            assertEquals(in.eax & sizeMask(probe.size), result & sizeMask(probe.size),
                what + ": a zero source leaves the destination unchanged");
        }
        if (setcc) {
            int[] conditions = {Flags.OF, Flags.SF, Flags.ZF, Flags.PF, Flags.CF};
            for (int i = 0; i < conditions.length; i++) {
                int read = cpu.memory().read8(SETCC + i) & 0xFF;
                assertEquals((after & conditions[i]) != 0 ? 1 : 0, read,
                    what + ": setcc disagrees with pushf on flag " + Integer.toHexString(conditions[i]));
            }
        }
    }

    /** Denali's value of one undefined flag, computed here from the row's rule and the inputs. */
    private static int expected(Value value, int flag, Probe probe, Inputs in, int count, int result, int after) {
        int bits = probe.size * 8;
        int dest = probe.destinationBefore(in) & sizeMask(probe.size);
        int res = result & sizeMask(probe.size);
        Mnemonic m = probe.insn.mnemonic();
        int bit = switch (value) {
            case ZERO -> 0;
            case UNCHANGED -> (in.flags & flag) != 0 ? 1 : 0;
            case FROM_RESULT -> {
                int low = m == Mnemonic.MUL || m == Mnemonic.IMUL ? lowProduct(probe, in) : res;
                yield flag == Flags.ZF ? (low == 0 ? 1 : 0)
                    : flag == Flags.SF ? low >>> (bits - 1) & 1 : ~Integer.bitCount(low & 0xFF) & 1;
            }
            case COUNT_ONE_FORMULA -> switch (m) {
                case SHL, SAL, ROL, RCL -> (res >>> (bits - 1) & 1) ^ (after & Flags.CF);
                case SHR -> dest >>> (bits - 1) & 1;
                case SAR -> 0;
                default -> (res >>> (bits - 1) ^ res >>> (bits - 2)) & 1; // ror, rcr
            };
            case SIGN_CHANGE -> (res ^ dest) >>> (bits - 1) & 1;
            case LAST_BIT_OUT -> lastBitOut(probe, in, count);
            case SOURCE_IS_ZERO -> (source(probe, in) & sizeMask(probe.size)) == 0 ? 1 : 0;
        };
        return bit == 0 ? 0 : flag;
    }

    private static int lastBitOut(Probe probe, Inputs in, int count) {
        int bits = probe.size * 8;
        long dest = probe.destinationBefore(in) & sizeMask(probe.size) & 0xFFFF_FFFFL;
        Mnemonic m = probe.insn.mnemonic();
        if (m == Mnemonic.SHLD || m == Mnemonic.SHRD) { // 16-bit, count > 16: one 32-bit value
            long src = in.ebx & 0xFFFF;
            long joined = m == Mnemonic.SHLD ? dest << 16 | src : src << 16 | dest;
            return (int) (m == Mnemonic.SHLD ? joined >>> (32 - count) : joined >>> (count - 1)) & 1;
        }
        if (count > bits) {
            return 0;
        }
        return (int) (m == Mnemonic.SHR ? dest >>> (count - 1) : dest >>> (bits - count)) & 1;
    }

    private static int wideDoubleShift(Probe probe, Inputs in, int count) {
        long dest = probe.destinationBefore(in) & 0xFFFF;
        long src = in.ebx & 0xFFFF;
        return probe.insn.mnemonic() == Mnemonic.SHLD ? (int) ((dest << 16 | src) << count >>> 16) & 0xFFFF
            : (int) ((src << 16 | dest) >>> count) & 0xFFFF;
    }

    private static int lowProduct(Probe probe, Inputs in) {
        DecodedInstruction d = probe.insn;
        int mask = sizeMask(probe.size);
        long a;
        long b;
        if (d.operandCount() == 1) {
            a = in.eax;
            b = source(probe, in);
        } else if (d.operandCount() == 3) {
            a = source(probe, in);
            b = d.operand(2).value();
        } else {
            a = in.eax;
            b = source(probe, in);
        }
        return (int) (a * b) & mask;
    }

    /** The source operand's value: EBX, or the memory slot for forms that read memory as their source. */
    private static int source(Probe probe, Inputs in) {
        return probe.memory && probe.memoryIsSource ? in.eax : in.ebx;
    }

    private static int sizeMask(int size) {
        return size == 4 ? -1 : (1 << (size * 8)) - 1;
    }

    private static boolean isBitScan(Mnemonic m) {
        return m == Mnemonic.BSF || m == Mnemonic.BSR;
    }

    private record Inputs(int eax, int ebx, int ecx, int edx, int flags) {
        @Override
        public String toString() {
            return String.format("eax=%08x ebx=%08x ecx=%08x edx=%08x flags=%03x", eax, ebx, ecx, edx, flags);
        }
    }

    /** One form under test: its assembled probe programs and what decoding says about it. */
    private static final class Probe {
        final Path plain;
        final Path withSetcc;
        final DecodedInstruction insn;
        final int size;
        final boolean rep;
        final boolean memory;
        final boolean destinationIsMemory;
        /** The memory slot is the source (bsr mem, imul mem, div mem), not the destination. */
        final boolean memoryIsSource;

        private Probe(Path plain, Path withSetcc, DecodedInstruction insn) {
            this.plain = plain;
            this.withSetcc = withSetcc;
            this.insn = insn;
            this.rep = insn.hasPrefix(Prefixes.REP);
            this.size = UndefinedFlags.operandSize(insn);
            this.memory = insn.hasMemoryOperand();
            Mnemonic m = insn.mnemonic();
            boolean oneOperandAccumulator = insn.operandCount() == 1 && (m == Mnemonic.MUL || m == Mnemonic.IMUL
                || m == Mnemonic.DIV || m == Mnemonic.IDIV);
            this.destinationIsMemory = !oneOperandAccumulator && insn.operandCount() > 0
                && insn.operand(0).kind() == OperandKind.MEMORY;
            this.memoryIsSource = memory && !destinationIsMemory;
        }

        static Probe of(String form) throws Exception {
            Path plain = GuestProgram.build(program(form, false));
            Path withSetcc = GuestProgram.build(program(form, true));
            var image = ElfParser.parse(plain);
            var text = image.section(".text").orElseThrow();
            int at = (int) image.symbols().byName("under_test").orElseThrow().value();
            DecodedInstruction insn = Decoder.decode(ByteSource.of(image.sectionData(text), (int) text.address()), at);
            return new Probe(plain, withSetcc, insn);
        }

        private static String program(String form, boolean setcc) {
            StringBuilder s = new StringBuilder("push %esi\npopf\nmov %eax, -16(%esp)\nunder_test:\n").append(form)
                .append('\n');
            if (setcc) {
                s.append("seto -32(%esp)\nsets -31(%esp)\nsetz -30(%esp)\nsetp -29(%esp)\nsetc -28(%esp)\n");
            }
            return s.append("pushf\npop %edi\n.byte 0x0f, 0x0c\n").toString();
        }

        /** The masked count the instruction sees, for counted forms (CL, an immediate, or 1). */
        int count(int ecx) {
            return UndefinedFlags.maskedCount(insn, ecx & 31);
        }

        int destinationBefore(Inputs in) {
            return in.eax; // the memory slot starts as a copy of EAX
        }

        Inputs inputs(SplittableRandom random, int count) {
            int eax = Values.any(random);
            int ebx = Values.any(random);
            int edx = Values.any(random);
            Mnemonic m = insn.mnemonic();
            if (isBitScan(m) && random.nextInt(4) == 0) {
                ebx = 0; // the zero-source case
                eax = memoryIsSource ? 0 : eax;
            }
            if (m == Mnemonic.BT || m == Mnemonic.BTS || m == Mnemonic.BTR || m == Mnemonic.BTC) {
                ebx &= 31; // a register bit offset into memory stays inside the slot
            }
            if (m == Mnemonic.DIV || m == Mnemonic.IDIV) {
                int[] operands = divisible(random);
                eax = operands[0];
                edx = operands[1];
                ebx = operands[2];
            }
            int flags = random.nextInt() & UndefinedFlags.STATUS_AND_DF & ~Flags.DF | Flags.RESERVED1;
            return new Inputs(eax, ebx, count, edx, flags);
        }

        /** EAX, EDX and the divisor for a division of this size that cannot overflow. */
        private int[] divisible(SplittableRandom random) {
            int divisor = random.nextInt(1, 1 << Math.min(size * 8 - 1, 20));
            int eax = random.nextInt() & (size == 1 ? 0x7F : size == 2 ? 0x7FFF : 0x7FFF_FFFF);
            if (memory) { // the divisor is the memory slot, which starts as EAX
                return new int[] {divisor, 0, divisor};
            }
            return new int[] {eax, 0, divisor};
        }

        Cpu start(boolean setcc, Inputs in) throws Exception {
            PagedMemory mem = new PagedMemory(16 << 20, PageProvider.ZERO_FILL);
            Cpu cpu = new Cpu(mem, CpuHost.NONE);
            cpu.setEip(TestElfLoader.load(setcc ? withSetcc : plain, mem));
            cpu.setRegister(Registers.ESP, STACK);
            cpu.setRegister(Registers.EAX, in.eax);
            cpu.setRegister(Registers.EBX, in.ebx);
            cpu.setRegister(Registers.ECX, in.ecx);
            cpu.setRegister(Registers.EDX, in.edx);
            cpu.setRegister(Registers.ESI, in.flags);
            return cpu;
        }
    }
}
