package org.denali.emulator.disasm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes random but valid GNU as (AT&T) instruction text limited to the Denali ISA: random families, sizes,
 * registers, addressing modes (base, index, scale, 8/32-bit displacements, segment overrides), immediates, prefixes
 * and branch targets. The assembler turns it into bytes, so the encodings are real ones, not ours.
 */
final class RandomInstructionGenerator {
    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    private static final String[] UNARY = {"inc", "dec", "neg", "not", "mul", "imul", "div", "idiv"};
    private static final String[] SHIFTS = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sar", "sal"};
    private static final String[] BITS = {"bt", "bts", "btr", "btc"};
    private static final String[] CONDITIONS = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np",
        "l", "ge", "le", "g", "c", "nc", "z", "nz", "na", "nbe", "nae", "nb", "pe", "po", "nge", "nl", "ng", "nle"};
    private static final String[] NO_OPERANDS = {"cbtw", "cwtl", "cwtd", "cltd", "lahf", "sahf", "clc", "stc", "cmc",
        "cld", "std", "nop", "pusha", "popa", "pushaw", "popaw", "pushf", "popf", "pushfw", "popfw", "leave", "ret",
        "cpuid", "rdtsc", "hlt", "int3", "iret", "ud2", "pause", "xchg %ax,%ax", "leavew", "retw", "iretw"};
    private static final String[] STRINGS = {"movs", "cmps", "stos", "lods", "scas"};
    private static final String[] SEGMENTS = {"%es", "%cs", "%ss", "%ds", "%fs", "%gs"};
    private static final String[][] REGISTERS = {
        {"%al", "%cl", "%dl", "%bl", "%ah", "%ch", "%dh", "%bh"},
        {"%ax", "%cx", "%dx", "%bx", "%sp", "%bp", "%si", "%di"},
        {"%eax", "%ecx", "%edx", "%ebx", "%esp", "%ebp", "%esi", "%edi"}};

    private final Random random;
    private final int labelCount;

    RandomInstructionGenerator(long seed, int labelCount) {
        this.random = new Random(seed);
        this.labelCount = labelCount;
    }

    /** A complete source file: {@code count} instructions with labels L0..Ln spread among them. */
    String program(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(instruction());
        }
        for (int label = 0; label < labelCount; label++) {
            lines.add(random.nextInt(lines.size() + 1), "L" + label + ":");
        }
        return ".text\n.globl _start\n_start:\n" + String.join("\n", lines) + "\n";
    }

    private String instruction() {
        String s = sizeSuffix(true);
        String w = sizeSuffix(false);
        return switch (random.nextInt(30)) {
            case 0, 1, 2 -> pick(ALU) + s + " " + binary(s, true);
            case 3 -> "test" + s + " " + binary(s, false);
            case 4, 5 -> "mov" + s + " " + (random.nextInt(6) == 0 ? moffs(s) : binary(s, true));
            case 6 -> pick(UNARY) + s + " " + regOrMem(s);
            case 7 -> pick(SHIFTS) + s + " " + shiftCount() + regOrMem(s);
            case 8 -> imul(w);
            case 9 -> pick(new String[] {"shld", "shrd"}) + w + " " + (random.nextBoolean() ? imm(1, 0, 31) : "%cl")
                    + "," + reg(w) + "," + regOrMem(w);
            case 10 -> pick(BITS) + w + " " + (random.nextBoolean() ? reg(w) : imm(1, 0, 255)) + "," + regOrMem(w);
            case 11 -> pick(new String[] {"bsf", "bsr"}) + w + " " + regOrMem(w) + "," + reg(w);
            case 12 -> "set" + pick(CONDITIONS) + " " + regOrMem("b");
            case 13 -> "cmov" + pick(CONDITIONS) + w + " " + regOrMem(w) + "," + reg(w);
            case 14 -> extend();
            case 15 -> "lea" + w + " " + memory() + "," + reg(w);
            case 16 -> (random.nextBoolean() ? "xchg" : random.nextBoolean() ? "cmpxchg" : "xadd") + s + " " + reg(s)
                    + "," + regOrMem(s);
            case 17 -> "lock " + locked(s, w);
            case 18 -> "bswap " + reg("l");
            case 19 -> stack(w);
            case 20 -> string(s);
            case 21 -> pick(NO_OPERANDS);
            case 22 -> pick(new String[] {"ret " + imm(2, 0, 0xFFFF), "enter " + imm(2, 0, 0xFFFF) + "," + imm(1, 0, 31),
                "int " + imm(1, 0, 255)});
            case 23 -> io();
            case 24, 25 -> branch();
            case 26 -> "1: " + pick(new String[] {"loop", "loope", "loopne", "jecxz", "loopz", "loopnz"}) + " 1b";
            case 27 -> pick(new String[] {"call", "jmp"}) + " *" + regOrMem("l");
            case 28 -> pick(new String[] {"nopl ", "nopw "}) + memory();
            default -> ".byte 0x0f," + pick(new String[] {"0x0a", "0x0c"});
        };
    }

    private String sizeSuffix(boolean byteAllowed) {
        int n = random.nextInt(byteAllowed ? 3 : 2);
        return byteAllowed ? "bwl".substring(n, n + 1) : "wl".substring(n, n + 1);
    }

    private String binary(String s, boolean immediateToMemoryAllowed) {
        return switch (random.nextInt(5)) {
            case 0 -> reg(s) + "," + reg(s);
            case 1 -> reg(s) + "," + memory();
            case 2 -> memory() + "," + reg(s);
            case 3 -> immediate(s) + "," + reg(s);
            default -> immediate(s) + "," + memory();
        };
    }

    private String moffs(String s) {
        String accumulator = REGISTERS["bwl".indexOf(s)][0];
        String address = String.format("0x%x", random.nextInt(0x100000));
        return random.nextBoolean() ? address + "," + accumulator : accumulator + "," + address;
    }

    private String shiftCount() {
        return switch (random.nextInt(3)) {
            case 0 -> "";
            case 1 -> "%cl,";
            default -> imm(1, 0, 31) + ",";
        };
    }

    private String imul(String w) {
        return switch (random.nextInt(3)) {
            case 0 -> "imul" + w + " " + regOrMem(w) + "," + reg(w);
            case 1 -> "imul" + w + " " + immediate(w) + "," + regOrMem(w) + "," + reg(w);
            default -> "imul" + w + " " + imm(1, -128, 127) + "," + regOrMem(w) + "," + reg(w);
        };
    }

    private String extend() {
        String[] forms = {"movzbl", "movzbw", "movzwl", "movsbl", "movsbw", "movswl"};
        String form = pick(forms);
        String from = form.substring(4, 5);
        String to = form.substring(5, 6);
        return form + " " + regOrMem(from) + "," + reg(to);
    }

    /** lock only goes with read-modify-write forms whose destination is memory. */
    private String locked(String s, String w) {
        return switch (random.nextInt(5)) {
            case 0 -> pick(ALU).replace("cmp", "add") + s + " " + (random.nextBoolean() ? reg(s) : immediate(s)) + ","
                    + memory();
            case 1 -> pick(new String[] {"inc", "dec", "neg", "not"}) + s + " " + memory();
            case 2 -> pick(new String[] {"xadd", "cmpxchg", "xchg"}) + s + " " + reg(s) + "," + memory();
            case 3 -> pick(new String[] {"bts", "btr", "btc"}) + w + " " + reg(w) + "," + memory();
            default -> pick(new String[] {"bts", "btr", "btc"}) + w + " " + imm(1, 0, 31) + "," + memory();
        };
    }

    private String stack(String w) {
        return switch (random.nextInt(6)) {
            case 0 -> "push" + w + " " + reg(w);
            case 1 -> "pop" + w + " " + reg(w);
            case 2 -> "push" + w + " " + memory();
            case 3 -> "pop" + w + " " + memory();
            case 4 -> "pushl " + imm(4, Integer.MIN_VALUE, Integer.MAX_VALUE);
            default -> "pushw " + imm(2, -0x8000, 0xFFFF);
        };
    }

    private String string(String s) {
        String op = pick(STRINGS);
        String prefix = switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> op.equals("cmps") || op.equals("scas") ? "repz " : "rep ";
            case 2 -> op.equals("cmps") || op.equals("scas") ? "repnz " : "rep ";
            default -> op.equals("cmps") || op.equals("scas") ? "repe " : "";
        };
        if (op.equals("movs") && random.nextInt(4) == 0) {
            return prefix + "movs" + s + " " + pick(SEGMENTS) + ":(%esi),%es:(%edi)";
        }
        return prefix + op + s;
    }

    private String io() {
        String acc = pick(new String[] {"%al", "%ax", "%eax"});
        String port = random.nextBoolean() ? imm(1, 0, 255) : "(%dx)";
        return random.nextBoolean() ? "in " + port + "," + acc : "out " + acc + "," + port;
    }

    private String branch() {
        String target = random.nextInt(10) == 0 ? "_start" : "L" + random.nextInt(labelCount);
        return switch (random.nextInt(3)) {
            case 0 -> "j" + pick(CONDITIONS) + " " + target;
            case 1 -> "jmp " + target;
            default -> "call " + target;
        };
    }

    private String regOrMem(String s) {
        return random.nextBoolean() ? reg(s) : memory();
    }

    private String reg(String s) {
        return REGISTERS["bwl".indexOf(s)][random.nextInt(8)];
    }

    private String immediate(String s) {
        return switch (s) {
            case "b" -> imm(1, -128, 255);
            case "w" -> random.nextBoolean() ? imm(2, -128, 127) : imm(2, -0x8000, 0xFFFF);
            default -> random.nextBoolean() ? imm(4, -128, 127) : imm(4, Integer.MIN_VALUE, Integer.MAX_VALUE);
        };
    }

    private String imm(int size, long low, long high) {
        long value = low + (long) (random.nextDouble() * (high - low + 1));
        return (value < 0 ? "$-0x" + Long.toHexString(-value) : "$0x" + Long.toHexString(value));
    }

    /** A random addressing mode, sometimes with a segment override. */
    private String memory() {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(8) == 0) {
            out.append(pick(SEGMENTS)).append(':');
        }
        boolean base = random.nextInt(5) != 0;
        boolean index = random.nextInt(3) == 0;
        int displacementKind = random.nextInt(4);
        long displacement = switch (displacementKind) {
            case 0 -> 0;
            case 1 -> random.nextInt(256) - 128;
            case 2 -> random.nextInt();
            default -> random.nextInt(0x1000);
        };
        if (!base && !index) {
            return out.append(String.format("0x%x", displacement & 0xFFFF_FFFFL)).toString();
        }
        if (displacement != 0 || displacementKind != 0) {
            out.append(displacement < 0 ? "-0x" + Long.toHexString(-displacement) : "0x" + Long.toHexString(displacement));
        }
        out.append('(');
        if (base) {
            out.append(reg("l"));
        }
        if (index) {
            String indexRegister;
            do {
                indexRegister = reg("l");
            } while (indexRegister.equals("%esp"));
            out.append(',').append(indexRegister).append(',').append(1 << random.nextInt(4));
        }
        return out.append(')').toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
