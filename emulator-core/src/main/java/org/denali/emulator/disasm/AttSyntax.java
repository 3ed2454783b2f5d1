package org.denali.emulator.disasm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.denali.emulator.arch.VirtualInstructions;
import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Mnemonic;
import org.denali.emulator.cpu.decode.Operand;
import org.denali.emulator.cpu.decode.Prefixes;
import org.denali.emulator.cpu.decode.Registers;

/**
 * Prints one decoded instruction in AT&T syntax exactly as GNU objdump 2.40 does: prefixes as words, mnemonic
 * padded to six columns and a space, operands source first. The spelling rules (when a size suffix appears, how
 * memory operands and immediates look) follow binutils' i386-dis.c and are checked against objdump by the tests.
 */
public final class AttSyntax {
    /** String instructions: their operands are implicit in the decoder and spelled out by objdump. */
    static final Set<Mnemonic> STRING_OPS = EnumSet.of(Mnemonic.MOVS, Mnemonic.CMPS, Mnemonic.STOS,
            Mnemonic.LODS, Mnemonic.SCAS);

    private AttSyntax() {
    }

    /** The instruction text, e.g. {@code "mov    %esp,%ebp"} or {@code "call   100020 <sum>"}. */
    public static String format(DecodedInstruction insn, AddressNamer namer) {
        String special = specialForm(insn);
        if (special != null) {
            return special;
        }
        List<String> words = AttPrefixes.prefixWords(insn);
        words.add(AttMnemonics.mnemonic(insn));
        String head = String.join(" ", words);
        List<String> operands = operands(insn, namer);
        if (operands.isEmpty()) {
            return head;
        }
        return String.format("%-6s %s", head, String.join(",", operands));
    }

    /** Instructions with a fixed spelling: invalid bytes, Denali's virtual instructions, prefix-made opcodes. */
    private static String specialForm(DecodedInstruction insn) {
        return switch (insn.mnemonic()) {
            case INVALID -> "(bad)";
            case IDLE -> onlyBytes(insn, 0x0F, VirtualInstructions.IDLE_OPCODE) ? VirtualInstructions.IDLE_MNEMONIC : null;
            case TERMINATE -> onlyBytes(insn, 0x0F, VirtualInstructions.TERMINATE_OPCODE)
                    ? VirtualInstructions.TERMINATE_MNEMONIC : null;
            case NOP -> {
                if (onlyBytes(insn, 0xF3, 0x90)) {
                    yield "pause";
                }
                if (onlyBytes(insn, 0x66, 0x90)) {
                    yield "xchg   %ax,%ax";
                }
                if (onlyBytes(insn, 0xF3, 0x0F, 0x1E, 0xFB)) {
                    yield "endbr32";
                }
                yield null;
            }
            default -> null;
        };
    }

    private static boolean onlyBytes(DecodedInstruction insn, int... expected) {
        if (insn.length() != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (insn.byteAt(i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Operands in AT&T order (source first); enter keeps Intel order, as in objdump. */
    private static List<String> operands(DecodedInstruction insn, AddressNamer namer) {
        Mnemonic m = insn.mnemonic();
        if (STRING_OPS.contains(m)) {
            return stringOperands(insn);
        }
        if (m == Mnemonic.UNSUPPORTED) {
            List<String> implicit = implicitOperandsOutsideTheIsa(insn);
            if (implicit != null) {
                return implicit;
            }
        }
        List<String> out = new ArrayList<>();
        boolean indirect = (m == Mnemonic.CALL || m == Mnemonic.JMP) && insn.opcode() == 0xFF;
        boolean port = m == Mnemonic.IN || m == Mnemonic.OUT;
        boolean implicitOne = insn.opcode() == 0xD0 || insn.opcode() == 0xD1;
        for (int i = 0; i < insn.operandCount(); i++) {
            Operand operand = insn.operand(i);
            if (implicitOne && operand.isImmediate()) {
                continue; // "shl %eax": objdump leaves the count 1 of D0/D1 implicit
            }
            String text = switch (operand.kind()) {
                case REGISTER -> registerText(insn, operand, port);
                case MEMORY -> AttOperands.memory(insn);
                case IMMEDIATE -> AttOperands.immediate(operand);
                case BRANCH_TARGET -> namer.name(operand.value() & 0xFFFF_FFFFL);
                case SEGMENT_REGISTER -> "%" + Registers.segmentName(operand.register());
                case CONTROL_REGISTER -> "%cr" + operand.register();
                case DEBUG_REGISTER -> "%db" + operand.register();
                case FAR_POINTER -> "$0x" + Integer.toHexString(operand.selector()) + ",$0x"
                        + Integer.toHexString(operand.value());
            };
            out.add(indirect ? "*" + text : text);
        }
        if (m != Mnemonic.ENTER) {
            Collections.reverse(out);
        }
        return out;
    }

    /** Port string instructions and xlat, which objdump prints with their implicit operands. */
    private static List<String> implicitOperandsOutsideTheIsa(DecodedInstruction insn) {
        String source = (insn.segmentOverride() >= 0 ? AttOperands.segment(insn.segmentOverride()) : "%ds:");
        return switch (insn.opcode()) {
            case 0x6C, 0x6D -> List.of("(%dx)", "%es:(%edi)");
            case 0x6E, 0x6F -> List.of(source + "(%esi)", "(%dx)");
            case 0xD7 -> List.of(source + "(%ebx)");
            default -> null;
        };
    }

    private static String registerText(DecodedInstruction insn, Operand operand, boolean port) {
        if (port && operand.size() == 2 && operand.register() == 2) {
            return "(%dx)";
        }
        if (insn.opcode() == 0x8C || insn.opcode() == 0x8E) {
            // mov to/from a segment register names the whole general register unless 66 narrows it
            return AttOperands.register(insn.hasPrefix(Prefixes.OPERAND_SIZE) ? 2 : 4, operand.register());
        }
        return AttOperands.register(operand.size(), operand.register());
    }

    private static List<String> stringOperands(DecodedInstruction insn) {
        String source = (insn.segmentOverride() >= 0 ? AttOperands.segment(insn.segmentOverride()) : "%ds:") + "(%esi)";
        String destination = "%es:(%edi)";
        String accumulator = AttOperands.register(insn.operandSize(), 0);
        return switch (insn.mnemonic()) {
            case MOVS -> List.of(source, destination);
            case CMPS -> List.of(destination, source);
            case STOS -> List.of(accumulator, destination);
            case LODS -> List.of(source, accumulator);
            default -> List.of(destination, accumulator); // SCAS
        };
    }

    /** Convenience for callers without a symbol table. */
    public static String format(DecodedInstruction insn) {
        return format(insn, AddressNamer.plain());
    }
}
