package org.denali.emulator.cpu.diff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds one assembly program from many {@link InstructionCase}s. Each case starts from fresh, seeded random
 * state (8 GPRs with ESP = stack_top, EFLAGS status bits and DF, 64 bytes at {@code buf} and 64 bytes just below
 * {@code stack_top}), runs its body, and stores a record: EAX..EDI, EFLAGS, buf, the stack window. At the end
 * all records go to stdout in one write(2). Native and emulated records must then agree.
 */
public final class CaseProgram {
    public static final int WINDOW_DWORDS = 16;
    /** Record layout in dwords: 8 registers, EFLAGS, buf window, stack window. */
    public static final int RECORD_DWORDS = 9 + 2 * WINDOW_DWORDS;
    private static final String[] REGS = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};

    private CaseProgram() {
    }

    public static String source(List<InstructionCase> cases, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder s = new StringBuilder(cases.size() * 1200);
        s.append(".text\n.globl _start\n_start:\n");
        for (int n = 0; n < cases.size(); n++) {
            InstructionCase c = cases.get(n);
            s.append("# case ").append(n).append(": ").append(c.family()).append('\n');
            s.append("mov $stack_top, %esp\n");
            boolean lowEntropy = c.family().startsWith("string");
            for (int i = 0; i < WINDOW_DWORDS; i++) {
                s.append("movl $").append(lowEntropy ? Values.lowEntropy(random) : Values.any(random))
                    .append(", buf+").append(4 * i).append('\n');
                s.append("movl $").append(lowEntropy ? Values.lowEntropy(random) : Values.any(random))
                    .append(", stack_top-").append(4 * (WINDOW_DWORDS - i)).append('\n');
            }
            s.append("pushl $").append(random.nextInt() & InstructionCase.ALL_FLAGS).append("\npopfl\n");
            for (int r = 0; r < 8; r++) {
                if (r != 4) {
                    s.append("mov $").append(Values.any(random)).append(", %").append(REGS[r]).append('\n');
                }
            }
            s.append(c.setup()).append(c.setup().isEmpty() ? "" : "\n");
            s.append(bodyLabel(n)).append(":\n").append(c.body()).append('\n').append(endLabel(n)).append(":\n");
            String record = "records+" + n * RECORD_DWORDS * 4;
            // Save EFLAGS on a private stack so pushfl does not write into the compared stack window.
            s.append("mov %esp, ").append(record).append("+16\nmov $flag_stack_top, %esp\npushfl\npopl ")
                .append(record).append("+32\n");
            for (int r = 0; r < 8; r++) {
                if (r != 4) {
                    s.append("mov %").append(REGS[r]).append(", ").append(record).append('+').append(4 * r)
                        .append('\n');
                }
            }
            for (int i = 0; i < WINDOW_DWORDS; i++) {
                s.append("mov buf+").append(4 * i).append(", %eax\nmov %eax, ").append(record).append('+')
                    .append(36 + 4 * i).append('\n');
                s.append("mov stack_top-").append(4 * (WINDOW_DWORDS - i)).append(", %eax\nmov %eax, ")
                    .append(record).append('+').append(36 + 4 * WINDOW_DWORDS + 4 * i).append('\n');
            }
        }
        int bytes = cases.size() * RECORD_DWORDS * 4;
        s.append("mov $4, %eax\nmov $1, %ebx\nmov $records, %ecx\nmov $").append(bytes)
            .append(", %edx\nint $0x80\nmov $1, %eax\nxor %ebx, %ebx\nint $0x80\n");
        s.append(".bss\n.align 64\nbuf: .space 64\n.space 4096\nstack_top: .space 64\n.space 64\nflag_stack_top: .space 16\nrecords: .space ")
            .append(bytes).append('\n');
        return s.toString();
    }

    /** The label before case {@code n}'s body (read back by {@link UndefinedFlagMasks}). */
    public static String bodyLabel(int n) {
        return "case_" + n + "_body";
    }

    /** The label just after case {@code n}'s body. */
    public static String endLabel(int n) {
        return "case_" + n + "_end";
    }

    /** Splits program output into per-case records of {@link #RECORD_DWORDS} ints. */
    public static int[][] records(byte[] output, int caseCount) {
        ByteBuffer b = ByteBuffer.wrap(output).order(ByteOrder.LITTLE_ENDIAN);
        int[][] records = new int[caseCount][RECORD_DWORDS];
        for (int n = 0; n < caseCount; n++) {
            for (int i = 0; i < RECORD_DWORDS; i++) {
                records[n][i] = b.getInt((n * RECORD_DWORDS + i) * 4);
            }
        }
        return records;
    }
}
