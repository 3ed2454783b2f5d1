package org.denali.emulator.cpu.decode;

import java.util.Locale;

/**
 * One row of the opcode map: an instruction form such as {@code ADD Ev,Gv}, parsed once from its textual spec.
 * Spec syntax (Intel opcode-map notation): {@code [!]NAME [op{,op}]}; a leading '!' marks an instruction that is
 * real x86 but not in the Denali ISA. Operand tokens: Eb/Ew/Ed/Ev (ModRM r/m), Gb/Gw/Gd/Gv (ModRM reg),
 * M/Mp/Mq (memory only), Ex (x87 r/m), Ib (imm8, zero-extended), Ibs (imm8 sign-extended to the operand size),
 * Iw, Iz (imm16/32), Jb/Jz (relative branch), Ob/Ov (moffs), Zb/Zv/Zd (register in opcode bits 2..0),
 * AL, eAX, CL, DX, 1, Sw (segment reg), Cd/Dd (control/debug reg), Rd (GPR from r/m), Ap (far pointer);
 * {@code _b}/{@code _v} only set the operand size of implicit-operand instructions (string ops).
 */
final class OpcodeForm {
    final Mnemonic mnemonic;
    final String name;
    final boolean supported;
    final boolean hasModRM;
    final String[] operands;
    /** 1 if the form is byte-sized, 0 if it follows the operand-size attribute (2 or 4), or a fixed 2/4. */
    final int fixedSize;

    private OpcodeForm(Mnemonic mnemonic, String name, boolean supported, String[] operands) {
        this.mnemonic = mnemonic;
        this.name = name;
        this.supported = supported;
        this.operands = operands;
        boolean modrm = false;
        int size = -1;
        for (String op : operands) {
            char c = op.charAt(0);
            if (c == 'E' || c == 'G' || c == 'M' || c == 'S' || c == 'C' || c == 'D' && !op.equals("DX") || c == 'R') {
                modrm = true;
            }
            if (size < 0) {
                size = sizeOf(op);
            }
        }
        this.hasModRM = modrm;
        this.fixedSize = size < 0 ? 0 : size;
    }

    /** The size a leading operand imposes on the whole instruction, or -1 if it imposes none. */
    private static int sizeOf(String op) {
        switch (op) {
            case "AL", "_b", "Eb", "Gb", "Zb", "Ob": return 1;
            case "eAX", "_v", "Ev", "Gv", "Zv", "Ov": return 0;
            case "Ew", "Gw", "Sw": return 2;
            case "Ed", "Gd", "Zd", "Rd", "Cd", "Dd": return 4;
            default: return -1;
        }
    }

    static OpcodeForm parse(String spec) {
        boolean supported = !spec.startsWith("!");
        String body = supported ? spec : spec.substring(1);
        int space = body.indexOf(' ');
        String name = space < 0 ? body : body.substring(0, space);
        String[] operands = space < 0 ? new String[0] : body.substring(space + 1).split(",");
        Mnemonic mnemonic = supported ? Mnemonic.valueOf(name) : Mnemonic.UNSUPPORTED;
        return new OpcodeForm(mnemonic, name.toLowerCase(Locale.ROOT), supported, operands);
    }
}
