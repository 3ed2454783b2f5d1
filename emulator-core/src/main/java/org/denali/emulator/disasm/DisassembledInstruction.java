package org.denali.emulator.disasm;

import org.denali.emulator.cpu.decode.DecodedInstruction;

/**
 * One disassembled instruction: where it is, what the decoder made of it, and how objdump would print it.
 *
 * @param address unsigned 32-bit address of the first byte
 * @param text the AT&amp;T text, e.g. {@code "call   100020 <sum>"}
 */
public record DisassembledInstruction(long address, DecodedInstruction decoded, String text) {

    public int length() {
        return decoded.length();
    }

    public byte[] bytes() {
        return decoded.bytes();
    }
}
