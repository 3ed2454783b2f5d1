package org.denali.emulator.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecoderTest {
    private static DecodedInstruction decode(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Decoder.decode(ByteSource.of(b, 0x1000), 0x1000);
    }

    @Test
    void decodesSibWithDisplacement() {
        // mov eax, [ebx + esi*4 + 0x12345678]
        DecodedInstruction d = decode(0x8B, 0x84, 0xB3, 0x78, 0x56, 0x34, 0x12);
        assertEquals(Mnemonic.MOV, d.mnemonic());
        assertEquals(7, d.length());
        assertEquals(Registers.EBX, d.base());
        assertEquals(Registers.ESI, d.index());
        assertEquals(2, d.scale());
        assertEquals(0x12345678, d.displacement());
        assertEquals(OperandKind.REGISTER, d.operand(0).kind());
        assertEquals(OperandKind.MEMORY, d.operand(1).kind());
    }

    @Test
    void decodesShortBranchTargetAsAbsoluteAddress() {
        DecodedInstruction d = decode(0x75, 0xFE); // jne $
        assertEquals(Mnemonic.JCC, d.mnemonic());
        assertEquals("jne", d.mnemonicText());
        assertEquals(0x1000, d.operand(0).value());
    }

    @Test
    void decodesVirtualInstructions() {
        assertEquals(Mnemonic.IDLE, decode(0x0F, 0x0A).mnemonic());
        assertEquals(Mnemonic.TERMINATE, decode(0x0F, 0x0C).mnemonic());
        assertEquals(2, decode(0x0F, 0x0C).length());
    }

    @Test
    void marksX87AndPrivilegedInstructionsUnsupportedWithRealNames() {
        DecodedInstruction fld = decode(0xD9, 0x45, 0x08); // fld dword [ebp+8]
        assertEquals(Mnemonic.UNSUPPORTED, fld.mnemonic());
        assertEquals("fld", fld.mnemonicText());
        assertEquals(3, fld.length());
        assertEquals("cli", decode(0xFA).mnemonicText());
        assertFalse(decode(0xFA).isInDenaliIsa());
        assertEquals(Mnemonic.UNSUPPORTED, decode(0x67, 0x8B, 0x07).mnemonic());
    }

    @Test
    void handlesPrefixesAndMultiByteNop() {
        DecodedInstruction nop = decode(0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00);
        assertEquals(Mnemonic.NOP, nop.mnemonic());
        assertEquals(6, nop.length());
        DecodedInstruction rep = decode(0xF3, 0xA5);
        assertTrue(rep.hasPrefix(Prefixes.REP));
        assertEquals("movsd", rep.mnemonicText());
        assertEquals(2, decode(0x66, 0x90).length());
        assertEquals(2, decode(0x66, 0xA5).operandSize());
    }

    @Test
    void reportsUnreadableBytesAsFetchFault() {
        DecodedInstruction d = decode(0x8B); // ModRM byte missing
        assertEquals(Mnemonic.INVALID, d.mnemonic());
        assertTrue(d.fetchFaulted());
        assertEquals(0x1001, d.fetchFaultAddress());
        assertTrue(d.length() >= 1);
    }

    @Test
    void rejectsOverlongInstructions() {
        int[] bytes = new int[20];
        java.util.Arrays.fill(bytes, 0x66);
        DecodedInstruction d = decode(bytes);
        assertEquals(Mnemonic.INVALID, d.mnemonic());
        assertFalse(d.fetchFaulted());
    }

    @Test
    void randomByteStreamsNeverThrow() {
        SplittableRandom random = new SplittableRandom(42);
        byte[] bytes = new byte[64];
        for (int i = 0; i < 200_000; i++) {
            random.nextBytes(bytes);
            int length = 1 + random.nextInt(20);
            byte[] window = java.util.Arrays.copyOf(bytes, length);
            DecodedInstruction d = Decoder.decode(ByteSource.of(window, 0), 0);
            assertTrue(d.length() >= 1 && d.length() <= Decoder.MAX_LENGTH, d::toString);
            d.mnemonicText();
            d.toString();
        }
    }
}
