package org.denali.emulator.debug.core;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.denali.emulator.debug.CpuRegisters;
import org.denali.emulator.debug.VirtualRegister;
import org.denali.emulator.kernel.FaultReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's bytes read back field by field, as binutils reads them (the gdb round trip is CoreFileTest in the SDK):
 * header, one PT_NOTE and one PT_LOAD per run, the i386 prstatus register order, the DENALI note.
 */
class ElfCoreWriterTest {
    @Test
    void layoutIsAnI386LinuxCoreWithOneLoadPerRun() throws Exception {
        TreeMap<Integer, byte[]> pages = new TreeMap<>();
        for (int pn : new int[] {0, 0x100, 0x101, 0x200}) {
            byte[] page = new byte[4096];
            page[0] = (byte) pn;
            page[1] = (byte) (pn >> 8);
            pages.put(pn, page);
        }
        List<CoreDump.MemoryRun> runs = VmCore.runs(pages);
        CpuRegisters regs = new CpuRegisters(new int[] {0xA0, 0xC1, 0xD2, 0xB3, 0x5004, 0xB505, 0x5106, 0xD107},
            0x100020, 0x246);
        long[] values = new long[VirtualRegister.ALL.size()];
        values[0] = 0x494c4e44;
        byte[] note = DenaliNote.encode(7, 11, null, VirtualRegister.ALL, values);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ElfCoreWriter.write(new CoreDump(7, "app.elf", "denali run app.elf", 11, regs, note, runs), out);
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);

        assertEquals(0x464c457f, b.getInt(0), "ELF magic");
        assertEquals(1, b.get(4), "ELFCLASS32");
        assertEquals(ElfCoreWriter.ET_CORE, b.getShort(16));
        assertEquals(ElfCoreWriter.EM_386, b.getShort(18));
        assertEquals(4, b.getShort(44), "PT_NOTE + three runs (0, 0x100-0x101, 0x200)");
        List<int[]> loads = new ArrayList<>();
        for (int i = 1; i < 4; i++) {
            int ph = 52 + 32 * i;
            assertEquals(ElfCoreWriter.PT_LOAD, b.getInt(ph));
            loads.add(new int[] {b.getInt(ph + 4), b.getInt(ph + 8), b.getInt(ph + 16)});
        }
        assertArrayEquals(new int[] {0, 0x100000, 0x200000}, loads.stream().mapToInt(l -> l[1]).toArray());
        assertArrayEquals(new int[] {4096, 8192, 4096}, loads.stream().mapToInt(l -> l[2]).toArray());
        for (int[] load : loads) {
            assertEquals(0, load[0] % 4096, "page-aligned data");
            int pn = load[1] >>> 12;
            assertEquals(pn & 0xFF, b.get(load[0]) & 0xFF, "the run's first page at its offset");
        }

        int notes = b.getInt(52 + 4);
        int size = b.getInt(52 + 16);
        List<String> owners = new ArrayList<>();
        int at = notes;
        while (at < notes + size) {
            int namesz = b.getInt(at);
            int descsz = b.getInt(at + 4);
            int type = b.getInt(at + 8);
            String owner = new String(out.toByteArray(), at + 12, namesz - 1, StandardCharsets.US_ASCII);
            int desc = at + 12 + (namesz + 3 & ~3);
            owners.add(owner + "/" + Integer.toHexString(type) + "/" + descsz);
            if (type == ElfCoreWriter.NT_PRSTATUS && owner.equals("CORE")) {
                assertEquals(11, b.getShort(desc + 12), "pr_cursig");
                assertEquals(7, b.getInt(desc + 24), "pr_pid = VM id");
                int r = desc + ElfCoreWriter.PRSTATUS_REG_OFFSET;
                int[] user = new int[17];
                for (int i = 0; i < 17; i++) {
                    user[i] = b.getInt(r + 4 * i);
                }
                // ebx ecx edx esi edi ebp eax ds es fs gs orig_eax eip cs eflags esp ss
                assertArrayEquals(new int[] {0xB3, 0xC1, 0xD2, 0x5106, 0xD107, 0xB505, 0xA0, 0x10, 0x10, 0, 0, -1,
                    0x100020, 0x08, 0x246, 0x5004, 0x10}, user);
            }
            if (owner.equals(DenaliNote.NAME)) {
                assertEquals(DenaliNote.VERSION, b.getInt(desc));
                assertEquals(7, b.getInt(desc + 4));
                assertEquals(-1, b.getInt(desc + 12), "no fault");
                assertEquals(VirtualRegister.ALL.size(), b.getInt(desc + 24));
                assertEquals("magic", new String(out.toByteArray(), desc + 28, 5, StandardCharsets.US_ASCII));
                assertEquals(0x494c4e44L, b.getLong(desc + 28 + 32));
            }
            at = desc + (descsz + 3 & ~3);
        }
        assertEquals(List.of("CORE/1/144", "CORE/2/108", "CORE/3/124",
            "DENALI/444e4c49/" + (28 + 40 * VirtualRegister.ALL.size())), owners);
    }

    @Test
    void theDenaliNoteReadsBackFromTheCoreFile(@TempDir Path dir) throws Exception {
        long[] values = new long[VirtualRegister.ALL.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1000L + i;
        }
        FaultReport fault = new FaultReport(3, 14, 0x100020, 0xc0000000, new byte[] {(byte) 0xa1}, "mov",
            "#PF", new int[8], 0x246);
        byte[] note = DenaliNote.encode(3, 11, fault, VirtualRegister.ALL, values);
        CpuRegisters regs = new CpuRegisters(new int[8], 0x100020, 0x246);
        Path core = dir.resolve("app.vm3.core");
        try (var out = Files.newOutputStream(core)) {
            ElfCoreWriter.write(new CoreDump(3, "app.elf", "denali run app.elf", 11, regs, note,
                VmCore.runs(new TreeMap<>())), out);
        }

        DenaliNote.Contents read = DenaliNote.read(core).orElseThrow();
        assertEquals(3, read.vmId());
        assertEquals(11, read.signal());
        assertTrue(read.atFault());
        assertEquals(14, read.faultVector());
        assertEquals(0x100020, read.faultEip());
        assertEquals(0xc0000000, read.faultAddress());
        assertEquals(VirtualRegister.ALL.stream().map(VirtualRegister::name).toList(),
            List.copyOf(read.registers().keySet()));
        assertEquals(1000L, read.registers().get("magic"));
        assertEquals(1000L + VirtualRegister.ALL.size() - 1,
            read.registers().get(VirtualRegister.ALL.get(VirtualRegister.ALL.size() - 1).name()));
    }

    @Test
    void aFileThatIsNotACoreIsRefusedWithItsName(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not an ELF file at all, but long enough to read");
        var e = assertThrows(java.io.IOException.class, () -> DenaliNote.read(text));
        assertEquals("notes.txt is not an ELF32 little-endian core file", e.getMessage());
        Path empty = Files.write(dir.resolve("empty.core"), new byte[0]);
        assertEquals("empty.core is not an ELF32 little-endian core file",
            assertThrows(java.io.IOException.class, () -> DenaliNote.read(empty)).getMessage());
    }
}
