package org.denali.emulator.kernel.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.GuestImage;

/**
 * A few bytes of x86 machine code with labels and short jumps, made into a one-segment ELF guest at the link
 * base: enough for the benchmark guests, which must not need a toolchain.
 */
final class GuestCode {
    private static final int EHDR = 52;
    private static final int PHDR = 32;

    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private final Map<String, Integer> labels = new HashMap<>();
    private final List<int[]> fixups = new ArrayList<>();
    private final List<String> fixupLabels = new ArrayList<>();

    GuestCode bytes(int... values) {
        for (int v : values) {
            code.write(v);
        }
        return this;
    }

    GuestCode imm32(int value) {
        return bytes(value, value >>> 8, value >>> 16, value >>> 24);
    }

    GuestCode label(String name) {
        labels.put(name, code.size());
        return this;
    }

    /** A short jump (opcode 0xEB, 0x72 jb, 0x75 jne, ...) to {@code label}. */
    GuestCode jump(int opcode, String label) {
        bytes(opcode, 0);
        fixups.add(new int[] {code.size() - 1});
        fixupLabels.add(label);
        return this;
    }

    GuestCode idle() {
        return bytes(0x0F, 0x0A);
    }

    GuestCode terminate() {
        return bytes(0x0F, 0x0C);
    }

    GuestImage image() {
        byte[] text = code.toByteArray();
        for (int i = 0; i < fixups.size(); i++) {
            int at = fixups.get(i)[0];
            int rel = labels.get(fixupLabels.get(i)) - (at + 1);
            if (rel < -128 || rel > 127) {
                throw new IllegalStateException("jump to " + fixupLabels.get(i) + " is not short");
            }
            text[at] = (byte) rel;
        }
        return elf(text);
    }

    /** An ELF32 executable whose only segment (R+X) is {@code text}, entered at its first byte. */
    static GuestImage elf(byte[] text) {
        int base = MemoryMap.LINK_BASE;
        int size = EHDR + PHDR + text.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 2).putShort((short) 3).putInt(1);
        b.putInt(base + EHDR + PHDR).putInt(EHDR).putInt(0).putInt(0);
        b.putShort((short) EHDR).putShort((short) PHDR).putShort((short) 1);
        b.putShort((short) 40).putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(0).putInt(base).putInt(base);
        b.putInt(size).putInt(size).putInt(5).putInt(MemoryMap.PAGE_SIZE);
        b.put(text);
        try {
            return GuestImage.parse(b.array());
        } catch (ElfFormatException e) {
            throw new IllegalStateException("a built-in guest must parse", e);
        }
    }
}
