package org.denali.emulator.disasm;

import org.denali.emulator.cpu.decode.DecodedInstruction;

/**
 * One disassembled instruction: where it is, what the decoder made of it, and how objdump would print it.
 *
 * @param address unsigned 32-bit address of the first byte
 * @param text the AT&amp;T text, e.g. {@code "call   100020 <sum>"}
 * @param length how many bytes the listing consumes: the decoded length, except for an instruction cut off by
 *        the end of the readable bytes, which objdump shows as one {@code .byte}
 */
public record DisassembledInstruction(long address, DecodedInstruction decoded, String text, int length) {

    public byte[] bytes() {
        return java.util.Arrays.copyOf(decoded.bytes(), length);
    }
}
