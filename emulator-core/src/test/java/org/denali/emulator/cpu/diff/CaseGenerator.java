package org.denali.emulator.cpu.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates randomized {@link InstructionCase}s for every instruction family of the Denali ISA, in AT&T syntax
 * for GNU as. Operand registers never include ESP except where a family tests ESP semantics on purpose; memory
 * operands always land in the template's buf or stack window so both are compared. Which flags are compared is
 * not decided here: {@link UndefinedFlagMasks} classifies every assembled body with the emulator's table.
 */
public final class CaseGenerator {
    static final int ALL = InstructionCase.ALL_FLAGS;

    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "ebp", "esi", "edi"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "bp", "si", "di"};
    private static final String[] R8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    private static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge",
        "le", "g"};

    private final SplittableRandom random;

    public CaseGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private record Mem(String setup, String text) {
    }

    private String pick(String[] names) {
        return names[random.nextInt(names.length)];
    }

    private static String suffix(int size) {
        return size == 1 ? "b" : size == 2 ? "w" : "l";
    }

    private String reg(int size) {
        return "%" + pick(size == 1 ? R8 : size == 2 ? R16 : R32);
    }

    private static String reg32Of(String reg8or16) {
        String r = reg8or16.substring(1);
        return switch (r) {
            case "al", "ah", "ax" -> "%eax";
            case "cl", "ch", "cx" -> "%ecx";
            case "dl", "dh", "dx" -> "%edx";
            case "bl", "bh", "bx" -> "%ebx";
            case "bp" -> "%ebp";
            case "si" -> "%esi";
            case "di" -> "%edi";
            default -> reg8or16;
        };
    }

    private String imm(int size) {
        int v = Values.any(random);
        return "$" + (size == 1 ? v & 0xFF : size == 2 ? v & 0xFFFF : v);
    }

    /** A memory operand of {@code size} bytes inside buf or the stack window, avoiding {@code avoid} registers. */
    private Mem mem(int size, Set<String> avoid) {
        List<String> free = new ArrayList<>();
        for (String r : R32) {
            if (!avoid.contains("%" + r)) {
                free.add(r);
            }
        }
        String base = free.remove(random.nextInt(free.size()));
        String index = free.get(random.nextInt(free.size()));
        int target = random.nextInt(64 - size + 1);
        int scale = 1 << random.nextInt(4);
        int indexValue = random.nextInt(4);
        switch (random.nextInt(6)) {
            case 0:
                return new Mem("", "buf+" + target);
            case 1: {
                int disp = random.nextBoolean() ? random.nextInt(-20, 20) : random.nextInt(-5000, 5000);
                return new Mem("mov $buf+" + (target - disp) + ", %" + base, disp + "(%" + base + ")");
            }
            case 2: {
                int disp = random.nextInt(-20, 20);
                return new Mem("mov $buf+" + (target - disp - indexValue * scale) + ", %" + base + "\nmov $"
                    + indexValue + ", %" + index, disp + "(%" + base + ",%" + index + "," + scale + ")");
            }
            case 3:
                return new Mem("mov $" + indexValue + ", %" + index,
                    "buf+" + (target - indexValue * scale) + "(,%" + index + "," + scale + ")");
            case 4:
                return new Mem("", (target - 64) + "(%esp)");
            default:
                return new Mem("mov $" + indexValue + ", %" + index,
                    (target - 64 - indexValue * scale) + "(%esp,%" + index + "," + scale + ")");
        }
    }

    private Mem mem(int size, String... avoid) {
        return mem(size, new java.util.HashSet<>(List.of(avoid)));
    }

    private static InstructionCase c(String family, String setup, String body) {
        return new InstructionCase(family, setup, body);
    }

    /** A case whose body shifts by CL, which its setup loads with {@code count}. */
    private static InstructionCase cl(String family, String setup, String body, int count) {
        return new InstructionCase(family, setup, body, count);
    }

    // ------------------------------------------------------------------ families

    public List<InstructionCase> arithmetic(int perForm) {
        List<InstructionCase> out = new ArrayList<>();
        String[] ops = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "test"};
        for (String op : ops) {
            for (int size : new int[] {1, 2, 4}) {
                String sx = suffix(size);
                for (int i = 0; i < perForm; i++) {
                    String f = "alu-" + op + sx;
                    String r1 = reg(size);
                    String r2 = reg(size);
                    out.add(c(f, "", op + sx + " " + r1 + ", " + r2));
                    Mem m = mem(size, reg32Of(r1));
                    out.add(c(f, m.setup(), op + sx + " " + r1 + ", " + m.text()));
                    Mem m2 = mem(size, reg32Of(r2));
                    out.add(c(f, m2.setup(), op + sx + " " + m2.text() + ", " + r2));
                    out.add(c(f, "", op + sx + " " + imm(size) + ", " + r2));
                    Mem m3 = mem(size);
                    out.add(c(f, m3.setup(), op + sx + " " + imm(size) + ", " + m3.text()));
                    String acc = size == 1 ? "%al" : size == 2 ? "%ax" : "%eax";
                    out.add(c(f, "", op + sx + " " + imm(size) + ", " + acc));
                    if (size > 1 && !op.equals("test")) {
                        int small = random.nextInt(-128, 128);
                        out.add(c(f, "", op + sx + " $" + small + ", " + r2));
                        Mem m4 = mem(size);
                        out.add(c(f, m4.setup(), op + sx + " $" + small + ", " + m4.text()));
                    }
                }
            }
        }
        return out;
    }

    public List<InstructionCase> unary(int perForm) {
        List<InstructionCase> out = new ArrayList<>();
        for (String op : new String[] {"inc", "dec", "neg", "not"}) {
            for (int size : new int[] {1, 2, 4}) {
                for (int i = 0; i < perForm; i++) {
                    out.add(c("unary-" + op, "", op + suffix(size) + " " + reg(size)));
                    Mem m = mem(size);
                    out.add(c("unary-" + op, m.setup(), op + suffix(size) + " " + m.text()));
                }
            }
        }
        return out;
    }

    public List<InstructionCase> multiplyDivide(int perForm) {
        List<InstructionCase> out = new ArrayList<>();
        for (int size : new int[] {1, 2, 4}) {
            String sx = suffix(size);
            for (int i = 0; i < perForm; i++) {
                for (String op : new String[] {"mul", "imul"}) {
                    String src = reg(size);
                    out.add(c("mul-" + op + sx, "", op + sx + " " + src));
                    Mem m = mem(size, "%eax", "%edx");
                    out.add(c("mul-" + op + sx, m.setup(), op + sx + " " + m.text()));
                }
                out.add(divide(size, false));
                out.add(divide(size, true));
            }
            if (size > 1) {
                for (int i = 0; i < perForm; i++) {
                    String dst = reg(size);
                    String f = "imul-multi" + sx;
                    out.add(c(f, "", "imul" + sx + " " + reg(size) + ", " + dst));
                    Mem m = mem(size, reg32Of(dst));
                    out.add(c(f, m.setup(), "imul" + sx + " " + m.text() + ", " + dst));
                    out.add(c(f, "", "imul" + sx + " " + imm(size) + ", " + reg(size) + ", " + dst));
                    out.add(c(f, "", "imul" + sx + " $" + random.nextInt(-128, 128) + ", " + reg(size) + ", " + dst));
                    Mem m2 = mem(size, reg32Of(dst));
                    out.add(c(f, m2.setup(), "imul" + sx + " " + imm(size) + ", " + m2.text() + ", " + dst));
                }
            }
        }
        return out;
    }

    /** A division whose operands are chosen (by plain Java arithmetic) so the real CPU does not raise #DE. */
    private InstructionCase divide(int size, boolean signed) {
        int bits = size * 8;
        long mask = (1L << bits) - 1;
        long divisor;
        do {
            divisor = Values.any(random) & mask;
        } while (divisor == 0);
        long high;
        long low = Values.any(random) & mask;
        if (signed) {
            long sdiv = divisor << (64 - bits) >> (64 - bits);
            long limit = 1L << (bits - 1);
            long quotient = random.nextLong(-limit, limit);
            long remainderBound = Math.abs(sdiv);
            long dividend = quotient * sdiv;
            long remainder = remainderBound > 1 ? random.nextLong(remainderBound) : 0;
            dividend += dividend < 0 ? -remainder : remainder;
            if (dividend / sdiv < -limit || dividend / sdiv >= limit) {
                dividend = quotient * sdiv;
            }
            high = dividend >> bits & mask;
            low = dividend & mask;
        } else {
            high = Long.remainderUnsigned(Values.any(random) & mask, divisor);
        }
        String setup;
        String divisorReg;
        if (size == 1) {
            setup = "mov $" + (Values.any(random) & 0xFFFF_0000L | high << 8 | low) + ", %eax";
            divisorReg = pick(new String[] {"%bl", "%cl", "%dl", "%bh", "%ch", "%dh"});
        } else {
            setup = "mov $" + (Values.any(random) & ~mask & 0xFFFF_FFFFL | high) + ", %edx\nmov $"
                + (Values.any(random) & ~mask & 0xFFFF_FFFFL | low) + ", %eax";
            divisorReg = "%" + pick(size == 2 ? new String[] {"bx", "cx", "si", "di", "bp"}
                : new String[] {"ebx", "ecx", "esi", "edi", "ebp"});
        }
        String op = (signed ? "idiv" : "div") + suffix(size);
        if (random.nextBoolean()) {
            return c("div-" + op, setup + "\nmov" + suffix(size) + " $" + divisor + ", " + divisorReg,
                op + " " + divisorReg);
        }
        Mem m = mem(size, "%eax", "%edx");
        return c("div-" + op, setup + "\n" + m.setup() + "\nmov" + suffix(size) + " $" + divisor + ", " + m.text(),
            op + " " + m.text());
    }

    public List<InstructionCase> shifts(int perForm) {
        List<InstructionCase> out = new ArrayList<>();
        String[] ops = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sar", "sal"};
        for (String op : ops) {
            for (int size : new int[] {1, 2, 4}) {
                String sx = suffix(size);
                for (int i = 0; i < perForm; i++) {
                    int count = Values.count(random);
                    String f = "shift-" + op + sx;
                    String dst = reg(size);
                    while (dst.startsWith("%c")) {
                        dst = reg(size);
                    }
                    out.add(cl(f, "mov $" + count + ", %ecx", op + sx + " %cl, " + dst, count));
                    out.add(c(f, "", op + sx + " $" + count + ", " + reg(size)));
                    out.add(c(f, "", op + sx + " " + reg(size)));
                    Mem m = mem(size, "%ecx");
                    out.add(cl(f, m.setup() + "\nmov $" + count + ", %ecx", op + sx + " %cl, " + m.text(), count));
                    Mem m2 = mem(size);
                    out.add(c(f, m2.setup(), op + sx + " $" + count + ", " + m2.text()));
                    Mem m3 = mem(size);
                    out.add(c(f, m3.setup(), op + sx + " " + m3.text()));
                }
            }
        }
        for (String op : new String[] {"shld", "shrd"}) {
            for (int size : new int[] {2, 4}) {
                String sx = suffix(size);
                for (int i = 0; i < perForm * 2; i++) {
                    int count = Values.count(random);
                    if (size == 2 && (count & 31) > 16) {
                        count &= 15; // the result of a 16-bit double shift by more than 16 is undefined
                    }
                    String f = "shiftd-" + op + sx;
                    String src = size == 2 ? pick(new String[] {"%ax", "%dx", "%bx", "%si", "%di"})
                        : pick(new String[] {"%eax", "%edx", "%ebx", "%esi", "%edi"});
                    String dst = size == 2 ? pick(new String[] {"%ax", "%dx", "%bx", "%si", "%di", "%bp"})
                        : pick(new String[] {"%eax", "%edx", "%ebx", "%esi", "%edi", "%ebp"});
                    out.add(cl(f, "mov $" + count + ", %ecx", op + sx + " %cl, " + src + ", " + dst, count));
                    out.add(c(f, "", op + sx + " $" + count + ", " + src + ", " + dst));
                    Mem m = mem(size, "%ecx", reg32Of(src));
                    out.add(cl(f, m.setup() + "\nmov $" + count + ", %ecx", op + sx + " %cl, " + src + ", "
                        + m.text(), count));
                }
            }
        }
        return out;
    }

    public List<InstructionCase> bits(int perForm) {
        List<InstructionCase> out = new ArrayList<>();
        for (String op : new String[] {"bt", "bts", "btr", "btc"}) {
            for (int size : new int[] {2, 4}) {
                String sx = suffix(size);
                String f = "bit-" + op + sx;
                for (int i = 0; i < perForm; i++) {
                    out.add(c(f, "", op + sx + " " + reg(size) + ", " + reg(size)));
                    out.add(c(f, "", op + sx + " $" + random.nextInt(256) + ", " + reg(size)));
                    Mem m = mem(size);
                    out.add(c(f, m.setup(), op + sx + " $" + random.nextInt(256) + ", " + m.text()));
                    // register bit offset into memory: may address outside the operand, within buf
                    int offset = random.nextInt(-200, 200);
                    String offsetReg = size == 2 ? "%cx" : "%ecx";
                    out.add(c(f, "mov $buf+32, %ebx\nmov $" + offset + ", %ecx",
                        op + sx + " " + offsetReg + ", (%ebx)"));
                }
            }
        }
        for (String op : new String[] {"bsf", "bsr"}) {
            for (int size : new int[] {2, 4}) {
                String sx = suffix(size);
                for (int i = 0; i < perForm; i++) {
                    String src = reg(size);
                    String setup = random.nextInt(4) == 0 ? "mov $0, " + reg32Of(src) : "";
                    out.add(c("bit-" + op, setup, op + sx + " " + src + ", " + reg(size)));
                    Mem m = mem(size);
                    String zero = random.nextInt(4) == 0 ? "\nmov" + sx + " $0, " + m.text() : "";
                    out.add(c("bit-" + op, m.setup() + zero, op + sx + " " + m.text() + ", " + reg(size)));
                }
            }
        }
        return out;
    }

    public List<InstructionCase> conditionals(int perForm) {
        List<InstructionCase> out = new ArrayList<>();
        for (String cc : CC) {
            for (int i = 0; i < perForm; i++) {
                out.add(c("setcc", "", "set" + cc + " " + reg(1)));
                Mem m = mem(1);
                out.add(c("setcc", m.setup(), "set" + cc + " " + m.text()));
                for (int size : new int[] {2, 4}) {
                    out.add(c("cmovcc", "", "cmov" + cc + suffix(size) + " " + reg(size) + ", " + reg(size)));
                    String dst = reg(size);
                    Mem m2 = mem(size, reg32Of(dst));
                    out.add(c("cmovcc", m2.setup(), "cmov" + cc + suffix(size) + " " + m2.text() + ", " + dst));
                }
                out.add(c("jcc-short", "", "j" + cc + " 1f\nmov $0x11111111, %edi\n1:"));
                out.add(c("jcc-near", "", "j" + cc + " 1f\nmov $0x22222222, %edi\n.fill 200, 1, 0x90\n1:"));
                out.add(c("jcc-back", "", "jmp 2f\n1: mov $0x33333333, %esi\njmp 3f\n2: j" + cc
                    + " 1b\nmov $0x44444444, %esi\n3:"));
            }
        }
        return out;
    }

    public List<InstructionCase> moves(int perForm) {
        List<InstructionCase> out = new ArrayList<>();
        for (int size : new int[] {1, 2, 4}) {
            String sx = suffix(size);
            for (int i = 0; i < perForm; i++) {
                out.add(c("mov", "", "mov" + sx + " " + reg(size) + ", " + reg(size)));
                String src = reg(size);
                Mem m = mem(size, reg32Of(src));
                out.add(c("mov", m.setup(), "mov" + sx + " " + src + ", " + m.text()));
                Mem m2 = mem(size);
                out.add(c("mov", m2.setup(), "mov" + sx + " " + m2.text() + ", " + reg(size)));
                out.add(c("mov", "", "mov" + sx + " " + imm(size) + ", " + reg(size)));
                Mem m3 = mem(size);
                out.add(c("mov", m3.setup(), "mov" + sx + " " + imm(size) + ", " + m3.text()));
                String acc = size == 1 ? "%al" : size == 2 ? "%ax" : "%eax";
                int offset = random.nextInt(64 - size + 1);
                out.add(c("mov-moffs", "", "mov" + sx + " buf+" + offset + ", " + acc));
                out.add(c("mov-moffs", "", "mov" + sx + " " + acc + ", buf+" + offset));
                String xsrc = reg(size);
                Mem m4 = mem(size, reg32Of(xsrc));
                out.add(c("xchg", "", "xchg" + sx + " " + reg(size) + ", " + reg(size)));
                out.add(c("xchg", m4.setup(), "xchg" + sx + " " + xsrc + ", " + m4.text()));
                out.add(c("xchg", "", "xchg" + sx + " " + acc + ", " + reg(size)));
                out.add(cmpxchg(size));
                out.add(cmpxchg(size));
                String xa = reg(size);
                out.add(c("xadd", "", "xadd" + sx + " " + xa + ", " + reg(size)));
                Mem m5 = mem(size, reg32Of(xa));
                out.add(c("xadd", m5.setup(), "xadd" + sx + " " + xa + ", " + m5.text()));
            }
        }
        String[][] extends_ = {{"movzbl", "1", "4"}, {"movzbw", "1", "2"}, {"movzwl", "2", "4"}, {"movsbl", "1", "4"},
            {"movsbw", "1", "2"}, {"movswl", "2", "4"}};
        for (String[] e : extends_) {
            int from = Integer.parseInt(e[1]);
            int to = Integer.parseInt(e[2]);
            for (int i = 0; i < perForm; i++) {
                out.add(c("extend", "", e[0] + " " + reg(from) + ", " + reg(to)));
                Mem m = mem(from);
                out.add(c("extend", m.setup(), e[0] + " " + m.text() + ", " + reg(to)));
            }
        }
        for (int i = 0; i < perForm * 4; i++) {
            String b = reg(4);
            String x = reg(4);
            int disp = random.nextBoolean() ? random.nextInt(-128, 128) : random.nextInt();
            int scale = 1 << random.nextInt(4);
            out.add(c("lea", "", "lea " + disp + "(" + b + "," + x + "," + scale + "), " + reg(4)));
            out.add(c("lea", "", "lea " + disp + "(" + b + "), " + reg(4)));
            out.add(c("lea", "", "lea " + disp + "(," + x + "," + scale + "), " + reg(2)));
            out.add(c("lea", "", "lea (" + b + "," + x + "), " + reg(4)));
            out.add(c("bswap", "", "bswap " + reg(4)));
        }
        return out;
    }

    private InstructionCase cmpxchg(int size) {
        String sx = suffix(size);
        String acc = size == 1 ? "%al" : size == 2 ? "%ax" : "%eax";
        String src = reg(size);
        if (random.nextBoolean()) {
            String dst = reg(size);
            String equal = random.nextBoolean() ? "mov" + sx + " " + dst + ", " + acc : "";
            return c("cmpxchg", equal, "cmpxchg" + sx + " " + src + ", " + dst);
        }
        Mem m = mem(size, "%eax", reg32Of(src));
        String equal = random.nextBoolean() ? "\nmov" + sx + " " + m.text() + ", " + acc : "";
        return c("cmpxchg", m.setup() + equal, "cmpxchg" + sx + " " + src + ", " + m.text());
    }

    public List<InstructionCase> stack(int perForm) {
        List<InstructionCase> out = new ArrayList<>();
        for (int i = 0; i < perForm; i++) {
            out.add(c("push", "", "push " + reg(4) + "\npop " + reg(4)));
            out.add(c("push", "", "pushw " + reg(2) + "\npopw " + reg(2)));
            out.add(c("push", "", "push $" + random.nextInt(-128, 128) + "\npushl $" + Values.any(random)
                + "\npop " + reg(4) + "\npop " + reg(4)));
            Mem m = mem(4);
            out.add(c("push", m.setup(), "pushl " + m.text() + "\npop " + reg(4)));
            Mem m2 = mem(4);
            out.add(c("pop", m2.setup(), "push " + reg(4) + "\npopl " + m2.text()));
            out.add(c("pop", "", "push " + reg(4) + "\npush " + reg(4) + "\npopl 4(%esp)\npop %ebx"));
            out.add(c("push-esp", "", "push %esp\npop %eax"));
            out.add(c("pusha", "", "pushal\nmovl $" + Values.any(random) + ", " + 4 * random.nextInt(8)
                + "(%esp)\npopal"));
            out.add(c("pusha", "", "pushaw\npopaw"));
            out.add(c("popf", "", "pushl $" + (Values.any(random) & ALL) + "\npopfl\npushfl\npop %eax"));
            out.add(c("popf", "", "pushw $" + (Values.any(random) & ALL) + "\npopfw"));
            out.add(c("enter", "", "enter $" + random.nextInt(64) + ", $0\nmov %esp, %eax\nleave"));
            out.add(c("enter", "mov $stack_top-40, %ebp", "enter $" + random.nextInt(32) + ", $"
                + random.nextInt(1, 4) + "\nmov %esp, %eax\nmov %ebp, %ecx\nleave"));
            out.add(c("leave", "mov $stack_top-32, %ebp", "leave"));
            out.add(c("call", "", "call 1f\njmp 2f\n1: add $" + Values.any(random) + ", %eax\nret\n2:"));
            out.add(c("call", "", "push %eax\npush %ebx\ncall 1f\njmp 2f\n1: ret $8\n2:"));
            out.add(c("call", "", "call 1f\njmp 2f\n1: rep ret\n2:"));
            out.add(c("call", "", "mov $1f, %ecx\ncall *%ecx\njmp 2f\n1: mov (%esp), %ebx\nret\n2:"));
            out.add(c("call", "movl $1f, buf+8", "call *buf+8\njmp 2f\n1: ret\n2:"));
            out.add(c("jmp", "", "mov $1f, %edx\njmp *%edx\nmov $5, %ebx\n1:"));
            out.add(c("jmp", "movl $1f, buf+12\nmov $3, %esi", "jmp *buf(,%esi,4)\nmov $5, %ebx\n1:"));
            out.add(c("jmp", "", "jmp 1f\n.fill 300, 1, 0xcc\n1:"));
        }
        return out;
    }

    public List<InstructionCase> loops(int perForm) {
        List<InstructionCase> out = new ArrayList<>();
        for (int i = 0; i < perForm; i++) {
            int ecx = random.nextInt(4) == 0 ? random.nextInt(3) : Values.any(random);
            for (String op : new String[] {"loop", "loope", "loopne", "jecxz"}) {
                out.add(c(op, "mov $" + ecx + ", %ecx", op + " 1f\nmov $0x55555555, %edi\n1:"));
            }
            out.add(c("loop-count", "mov $" + random.nextInt(1, 20) + ", %ecx\nmov $0, %eax",
                "1: add %ecx, %eax\nloop 1b"));
        }
        return out;
    }

    public List<InstructionCase> strings(int perForm) {
        List<InstructionCase> out = new ArrayList<>();
        String[] ops = {"movs", "cmps", "scas", "lods", "stos"};
        for (String op : ops) {
            for (int size : new int[] {1, 2, 4}) {
                for (int i = 0; i < perForm; i++) {
                    boolean down = random.nextBoolean();
                    String setup = "mov $buf+" + (24 + random.nextInt(8)) + ", %esi\nmov $stack_top-"
                        + (40 - random.nextInt(8)) + ", %edi\nmov $" + random.nextInt(7) + ", %ecx";
                    String direction = down ? "std\n" : "cld\n";
                    String prefix = switch (random.nextInt(3)) {
                        case 0 -> "";
                        case 1 -> "rep ";
                        default -> op.equals("cmps") || op.equals("scas") ? "repne " : "rep ";
                    };
                    if (prefix.equals("rep ") && (op.equals("cmps") || op.equals("scas"))) {
                        prefix = "repe ";
                    }
                    out.add(c("string-" + op + suffix(size), setup, direction + prefix + op + suffix(size)
                        + "\ncld"));
                }
            }
        }
        return out;
    }

    public List<InstructionCase> miscellaneous(int perForm) {
        List<InstructionCase> out = new ArrayList<>();
        String[] simple = {"cbtw", "cwtl", "cwtd", "cltd", "lahf", "sahf", "clc", "stc", "cmc", "cld", "std\ncld",
            "nop", ".byte 0x66, 0x90", ".byte 0x0f, 0x1f, 0x44, 0x00, 0x00", ".byte 0x0f, 0x1f, 0x00",
            ".byte 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00", "lock addl %eax, buf+4",
            "lock cmpxchgl %ecx, buf+8", "lock xaddl %edx, buf", ".byte 0x3e\nmov buf+4, %eax", ".byte 0x26\nmovl %ebx, buf+8",
            ".byte 0x2e\nnop", ".byte 0x36\nmovl buf, %edx", "rep nop", "xchg %eax, %eax",
            ".byte 0x82, 0xc0, 0x85", ".byte 0xd1, 0xf0", ".byte 0xc0, 0xf1, 0x01", ".byte 0xf6, 0xc8, 0x0f",
            "push $0x1234\npop %esp", "mov %eax, %esp", "xchg %esp, %ebx", "lea 12(%esp,%eax,2), %esp",
            "pushw $0x1234\npopw %bx", "pushw buf+2\npopw buf+6"};
        for (int i = 0; i < perForm; i++) {
            for (String s : simple) {
                out.add(c("misc", "", s));
            }
        }
        return out;
    }

    /** Every family, {@code scale} cases per form. */
    public List<List<InstructionCase>> allFamilies(int scale) {
        return List.of(arithmetic(scale), unary(scale * 2), multiplyDivide(scale * 2), shifts(scale),
            bits(scale * 2), conditionals(scale), moves(scale), stack(scale), loops(scale * 4), strings(scale * 4),
            miscellaneous(2));
    }
}
