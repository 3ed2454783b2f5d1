package org.denali.emulator.disasm;

import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.cpu.decode.ByteSource;
import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Decoder;

/** Linear-sweep disassembly of a run of bytes, like objdump: each instruction starts where the last one ended. */
public final class Disassembler {
    private final AddressNamer namer;

    public Disassembler(AddressNamer namer) {
        this.namer = namer;
    }

    /** One instruction at {@code address}, reading from {@code source} (e.g. guest memory, for the debugger). */
    public DisassembledInstruction disassembleOne(ByteSource source, long address) {
        DecodedInstruction decoded = Decoder.decode(source, (int) address);
        if (decoded.fetchFaulted() && decoded.fetchFaultAddress() != (int) address) {
            return new DisassembledInstruction(address, decoded, AttPrefixes.truncated(decoded.byteAt(0)),
                    AttPrefixes.TRUNCATED_LENGTH);
        }
        return new DisassembledInstruction(address, decoded, AttSyntax.format(decoded, namer), decoded.length());
    }

    /**
     * Every instruction in {@code code}, which sits at {@code base}. An instruction cut off by the end of the
     * array shows as {@code .byte 0x..} for its first byte, and the sweep goes on from the next byte, as objdump does.
     */
    public List<DisassembledInstruction> disassemble(byte[] code, long base) {
        ByteSource source = ByteSource.of(code, (int) base);
        List<DisassembledInstruction> out = new ArrayList<>();
        int offset = 0;
        while (offset < code.length) {
            DisassembledInstruction insn = disassembleOne(source, base + offset);
            out.add(insn);
            offset += Math.max(1, insn.length());
        }
        return out;
    }
}
