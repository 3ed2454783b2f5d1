package org.denali.emulator.debug.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.denali.emulator.debug.CpuRegisters;

/**
 * Writes a {@link CoreDump} as an ELF32 i386 core in the layout Linux writes and gdb reads ({@code elf_prstatus},
 * {@code user_regs_struct}, {@code user_i387_struct} and {@code elf_prpsinfo} of the i386 ABI): header, one
 * {@code PT_NOTE} (NT_PRSTATUS, NT_PRFPREG, NT_PRPSINFO, then the {@link DenaliNote}), and one {@code PT_LOAD}
 * per memory run, its data at a page-aligned file offset.
 */
public final class ElfCoreWriter {
    static final int EHDR_SIZE = 52;
    static final int PHDR_SIZE = 32;
    static final int PT_LOAD = 1;
    static final int PT_NOTE = 4;
    static final int ET_CORE = 4;
    static final int EM_386 = 3;
    static final int NT_PRSTATUS = 1;
    static final int NT_PRFPREG = 2;
    static final int NT_PRPSINFO = 3;
    static final int PRSTATUS_SIZE = 144;
    static final int PRSTATUS_REG_OFFSET = 72;
    static final int FPREGS_SIZE = 108;
    static final int PRPSINFO_SIZE = 124;
    private static final int PAGE = 4096;
    private static final int PF_RWX = 7;

    private ElfCoreWriter() {
    }

    /**
     * Writes the core to a temporary file beside {@code file} and moves it into place, so no half core is left.
     *
     * @throws IOException with a message fit for users (the directory is missing, not writable, the disk full...)
     */
    public static void write(CoreDump dump, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path partial;
        try {
            partial = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
        } catch (NoSuchFileException e) {
            throw new IOException("no directory " + dir, e);
        } catch (AccessDeniedException e) {
            throw new IOException("permission denied in " + dir, e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                write(dump, out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    public static void write(CoreDump dump, OutputStream out) throws IOException {
        byte[] notes = notes(dump);
        int phnum = 1 + dump.memory().size();
        long notesOffset = EHDR_SIZE + (long) PHDR_SIZE * phnum;
        long offset = align(notesOffset + notes.length, PAGE);

        ByteBuffer head = le(EHDR_SIZE + PHDR_SIZE * phnum);
        head.put(new byte[] {0x7f, 'E', 'L', 'F', 1 /* ELFCLASS32 */, 1 /* LSB */, 1 /* EV_CURRENT */, 0 /* SYSV */});
        head.put(new byte[8]);
        head.putShort((short) ET_CORE).putShort((short) EM_386).putInt(1);
        head.putInt(0).putInt(EHDR_SIZE).putInt(0).putInt(0); // entry, phoff, shoff, flags
        head.putShort((short) EHDR_SIZE).putShort((short) PHDR_SIZE).putShort((short) phnum);
        head.putShort((short) 0).putShort((short) 0).putShort((short) 0); // no section headers
        phdr(head, PT_NOTE, notesOffset, 0, notes.length, 0, 4);
        for (CoreDump.MemoryRun run : dump.memory()) {
            phdr(head, PT_LOAD, offset, run.address(), run.bytes().length, PF_RWX, PAGE);
            offset += run.bytes().length;
        }
        out.write(head.array());
        out.write(notes);
        out.write(new byte[(int) (align(notesOffset + notes.length, PAGE) - notesOffset - notes.length)]);
        for (CoreDump.MemoryRun run : dump.memory()) {
            out.write(run.bytes());
        }
    }

    private static void phdr(ByteBuffer b, int type, long offset, int vaddr, int size, int flags, int align) {
        b.putInt(type).putInt((int) offset).putInt(vaddr).putInt(0).putInt(size).putInt(size).putInt(flags)
            .putInt(align);
    }

    static byte[] notes(CoreDump dump) {
        ByteBuffer b = le(4096 + dump.denaliNote().length);
        note(b, "CORE", NT_PRSTATUS, prstatus(dump));
        note(b, "CORE", NT_PRFPREG, fpregs());
        note(b, "CORE", NT_PRPSINFO, prpsinfo(dump));
        note(b, DenaliNote.NAME, DenaliNote.TYPE, dump.denaliNote());
        byte[] bytes = new byte[b.position()];
        b.flip().get(bytes);
        return bytes;
    }

    private static void note(ByteBuffer b, String name, int type, byte[] desc) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        b.putInt(n.length).putInt(desc.length).putInt(type);
        b.put(n).put(new byte[pad4(n.length)]);
        b.put(desc).put(new byte[pad4(desc.length)]);
    }

    /** i386 {@code struct elf_prstatus}: siginfo, cursig, pid, times, then {@code user_regs_struct}. */
    private static byte[] prstatus(CoreDump dump) {
        ByteBuffer b = le(PRSTATUS_SIZE);
        b.putInt(dump.signal()).putInt(0).putInt(0); // pr_info: si_signo, si_code, si_errno
        b.putShort((short) dump.signal()).putShort((short) 0); // pr_cursig, padding
        b.putInt(0).putInt(0); // pr_sigpend, pr_sighold
        b.putInt(dump.vmId()).putInt(0).putInt(dump.vmId()).putInt(dump.vmId()); // pid, ppid, pgrp, sid
        b.position(PRSTATUS_REG_OFFSET); // four struct timeval, all zero
        for (int reg : userRegs(dump.registers())) {
            b.putInt(reg);
        }
        b.putInt(1); // pr_fpvalid: NT_PRFPREG follows
        return b.array();
    }

    /**
     * i386 {@code user_regs_struct}: ebx ecx edx esi edi ebp eax ds es fs gs orig_eax eip cs eflags esp ss.
     * Segment registers are Denali's constants; orig_eax -1 (not in a system call).
     */
    static int[] userRegs(CpuRegisters r) {
        int ds = CpuRegisters.DATA_SELECTOR;
        return new int[] {r.gpr(3), r.gpr(1), r.gpr(2), r.gpr(6), r.gpr(7), r.gpr(5), r.gpr(0), ds, ds, 0, 0, -1,
            r.eip(), CpuRegisters.CS, r.eflags(), r.gpr(4), ds};
    }

    /** i386 {@code user_i387_struct}: the x87 after FNINIT (Denali has no FPU; gdb wants the registers). */
    private static byte[] fpregs() {
        ByteBuffer b = le(FPREGS_SIZE);
        b.putInt(0x037f).putInt(0).putInt(0xffff); // cwd, swd, twd (all empty)
        return b.array();
    }

    /** i386 {@code struct elf_prpsinfo}: state, flags, uid/gid (16-bit), pid..sid, fname[16], psargs[80]. */
    private static byte[] prpsinfo(CoreDump dump) {
        ByteBuffer b = le(PRPSINFO_SIZE);
        b.put((byte) 0).put((byte) 'R').put((byte) 0).put((byte) 0).putInt(0);
        b.putShort((short) 0).putShort((short) 0);
        b.putInt(dump.vmId()).putInt(0).putInt(dump.vmId()).putInt(dump.vmId());
        b.put(fixed(dump.programName(), 16)).put(fixed(dump.arguments(), 80));
        return b.array();
    }

    private static byte[] fixed(String text, int size) {
        byte[] out = new byte[size];
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, size - 1));
        return out;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int pad4(int length) {
        return -length & 3;
    }

    private static long align(long value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
