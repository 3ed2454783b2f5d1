package org.denali.emulator.kernel.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.GuestImage;

/**
 * The smallest useful guest, built in memory so benchmarks need no toolchain: an ELF32 executable at the link
 * base whose code is {@code 1: mov $timeout, %eax; idle; jmp 1b}, three instructions per wake.
 */
public final class IdleLoopImage {
    private static final int EHDR = 52;
    private static final int PHDR = 32;

    private IdleLoopImage() {
    }

    public static byte[] elf(int timeoutMicros) {
        byte[] code = {
            (byte) 0xB8, (byte) timeoutMicros, (byte) (timeoutMicros >>> 8), (byte) (timeoutMicros >>> 16),
            (byte) (timeoutMicros >>> 24),   // mov $timeout, %eax
            0x0F, 0x0A,                      // idle
            (byte) 0xEB, (byte) 0xF7,        // jmp back to the mov
        };
        int base = MemoryMap.LINK_BASE;
        int size = EHDR + PHDR + code.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 2).putShort((short) 3).putInt(1);          // ET_EXEC, EM_386, EV_CURRENT
        b.putInt(base + EHDR + PHDR).putInt(EHDR).putInt(0).putInt(0); // entry, phoff, shoff, flags
        b.putShort((short) EHDR).putShort((short) PHDR).putShort((short) 1);
        b.putShort((short) 40).putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(0).putInt(base).putInt(base);               // PT_LOAD of the whole file
        b.putInt(size).putInt(size).putInt(5).putInt(MemoryMap.PAGE_SIZE); // R+X
        b.put(code);
        return b.array();
    }

    public static GuestImage image(int timeoutMicros) {
        try {
            return GuestImage.parse(elf(timeoutMicros));
        } catch (ElfFormatException e) {
            throw new IllegalStateException("the built-in idle image must parse", e);
        }
    }
}
