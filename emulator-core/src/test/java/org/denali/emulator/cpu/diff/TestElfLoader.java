package org.denali.emulator.cpu.diff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.denali.emulator.memory.GuestMemory;

/**
 * Test-only loader for static ET_EXEC i386 files: copies PT_LOAD segments (zero-filling bss) and returns the
 * entry point. The project's real loader lives in org.denali.emulator.elf; this one only feeds the CPU tests.
 */
public final class TestElfLoader {
    private static final int PT_LOAD = 1;

    private TestElfLoader() {
    }

    public static int load(Path file, GuestMemory memory) throws IOException {
        ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (elf.getInt(0) != 0x464C_457F || elf.get(4) != 1 || elf.getShort(18) != 3) {
            throw new IOException("not an ELF32 i386 file: " + file);
        }
        int entry = elf.getInt(24);
        int phoff = elf.getInt(28);
        int phentsize = elf.getShort(42) & 0xFFFF;
        int phnum = elf.getShort(44) & 0xFFFF;
        for (int i = 0; i < phnum; i++) {
            int ph = phoff + i * phentsize;
            if (elf.getInt(ph) != PT_LOAD) {
                continue;
            }
            int offset = elf.getInt(ph + 4);
            int vaddr = elf.getInt(ph + 8);
            int fileSize = elf.getInt(ph + 16);
            int memSize = elf.getInt(ph + 20);
            memory.writeBytes(vaddr, elf.array(), offset, fileSize);
            if (memSize > fileSize) {
                memory.writeBytes(vaddr + fileSize, new byte[memSize - fileSize], 0, memSize - fileSize);
            }
        }
        return entry;
    }
}
