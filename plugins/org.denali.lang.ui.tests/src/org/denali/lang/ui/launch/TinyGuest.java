package org.denali.lang.ui.launch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A minimal Denali guest as an ELF32 i386 executable, built in memory so the deployment tests need no toolchain:
 * it writes "ok\n" to the console port (0x10) and terminates with a given exit code, or idles forever.
 */
final class TinyGuest {
    private static final int BASE = 0x0010_0000;
    private static final int HEADERS = 52 + 32;

    private TinyGuest() {
    }

    static byte[] elf(int exitCode) {
        byte[] code = {
            (byte) 0xB0, 'o', (byte) 0xE6, 0x10,           // mov $'o', %al; out %al, $0x10
            (byte) 0xB0, 'k', (byte) 0xE6, 0x10,           // mov $'k', %al; out %al, $0x10
            (byte) 0xB0, '\n', (byte) 0xE6, 0x10,          // mov $'\n', %al; out %al, $0x10
            (byte) 0xB8, (byte) exitCode, 0, 0, 0,         // mov $exitCode, %eax
            0x0F, 0x0C,                                    // terminate
        };
        return image(code);
    }

    /** A guest that never ends by itself: it idles for a second at a time, forever (only Terminate stops it). */
    static byte[] idler() {
        byte[] code = {
            (byte) 0xB8, 0x40, 0x42, 0x0F, 0x00,           // mov $1000000, %eax (microseconds)
            0x0F, 0x0A,                                    // idle-with-timeout
            (byte) 0xEB, (byte) 0xF7,                      // jmp back to the mov
        };
        return image(code);
    }

    private static byte[] image(byte[] code) {
        ByteBuffer b = ByteBuffer.allocate(HEADERS + code.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 2).putShort((short) 3).putInt(1);      // ET_EXEC, EM_386, EV_CURRENT
        b.putInt(BASE + HEADERS).putInt(52).putInt(0).putInt(0);   // entry, phoff, shoff, flags
        b.putShort((short) 52).putShort((short) 32).putShort((short) 1); // ehsize, phentsize, phnum
        b.putShort((short) 40).putShort((short) 0).putShort((short) 0);  // shentsize, shnum, shstrndx
        b.putInt(1).putInt(0).putInt(BASE).putInt(BASE);            // PT_LOAD, offset 0, vaddr, paddr
        b.putInt(HEADERS + code.length).putInt(HEADERS + code.length).putInt(5).putInt(0x1000); // sizes, R+X
        b.put(code);
        return b.array();
    }
}
