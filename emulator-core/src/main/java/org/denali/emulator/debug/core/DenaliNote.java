package org.denali.emulator.debug.core;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.denali.emulator.debug.VirtualRegister;
import org.denali.emulator.kernel.FaultReport;

/**
 * The descriptor of the core's {@code "DENALI"} note (type {@link #TYPE}): what gdb's i386 notes cannot say about a
 * Denali VM. Self-describing so readers need no table of ours; all fields little-endian (docs/debugging.md):
 *
 * <pre>
 *   0  u32 layout version (1)
 *   4  u32 VM id
 *   8  u32 signal of the stop (as in NT_PRSTATUS)
 *  12  u32 fault vector (#PF = 14, ...), 0xffffffff if the VM is not stopped at a fault
 *  16  u32 faulting instruction's EIP (0 without a fault)
 *  20  u32 faulting address (#PF's CR2; 0 without a fault)
 *  24  u32 N, the number of virtual registers that follow
 *  28  N entries of 40 bytes: char name[24] (NUL-padded), u32 offset in page 0, u32 size in bytes, u64 value
 * </pre>
 */
public final class DenaliNote {
    public static final String NAME = "DENALI";
    /**
     * NT_DENALI_VREGS, "DNLI" as a big-endian word. Not a small number: binutils reads a core's notes of any owner
     * it does not know with the generic table, where 1 would be NT_PRSTATUS.
     */
    public static final int TYPE = 0x444e4c49;
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 28;
    public static final int ENTRY_BYTES = 40;
    static final int NAME_BYTES = 24;

    private DenaliNote() {
    }

    /** @param values the registers' values in {@link VirtualRegister#ALL} order (zero-extended) */
    public static byte[] encode(int vmId, int signal, FaultReport fault, List<VirtualRegister> registers,
            long[] values) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + ENTRY_BYTES * registers.size())
            .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(VERSION).putInt(vmId).putInt(signal);
        b.putInt(fault != null ? fault.vector() : -1);
        b.putInt(fault != null ? fault.eip() : 0);
        b.putInt(fault != null ? fault.address() : 0);
        b.putInt(registers.size());
        for (int i = 0; i < registers.size(); i++) {
            VirtualRegister r = registers.get(i);
            byte[] name = new byte[NAME_BYTES];
            byte[] ascii = r.name().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(ascii, 0, name, 0, Math.min(ascii.length, NAME_BYTES - 1));
            b.put(name).putInt(r.offset()).putInt(r.size()).putLong(values[i]);
        }
        return b.array();
    }

    /** A decoded note: the stop and the virtual registers by name, in the note's order. */
    public record Contents(int vmId, int signal, int faultVector, int faultEip, int faultAddress,
            Map<String, Long> registers) {
        /** True when the VM was saved at a fault (the vector is not 0xffffffff). */
        public boolean atFault() {
            return faultVector != -1;
        }
    }

    /**
     * The DENALI note of an ELF core file (ours, or any ELF32 core with such a note), for tools that show a core
     * without the kernel: empty if the core has none (a core of another producer). A file that is not an ELF32
     * little-endian core, or whose notes are cut short, is an {@link IOException} saying so.
     */
    public static Optional<Contents> read(Path core) throws IOException {
        try (FileChannel file = FileChannel.open(core)) {
            if (file.size() < ElfCoreWriter.EHDR_SIZE) {
                throw new IOException(core.getFileName() + " is not an ELF32 little-endian core file");
            }
            ByteBuffer header = readAt(file, 0, ElfCoreWriter.EHDR_SIZE);
            if (header.getInt(0) != 0x464c457f || header.get(4) != 1 || header.get(5) != 1
                    || header.getShort(16) != 4) {
                throw new IOException(core.getFileName() + " is not an ELF32 little-endian core file");
            }
            int phoff = header.getInt(28);
            int phentsize = Short.toUnsignedInt(header.getShort(42));
            int phnum = Short.toUnsignedInt(header.getShort(44));
            for (int i = 0; i < phnum; i++) {
                ByteBuffer phdr = readAt(file, phoff + (long) i * phentsize, ElfCoreWriter.PHDR_SIZE);
                if (phdr.getInt(0) == ElfCoreWriter.PT_NOTE) {
                    Optional<Contents> found = find(readAt(file, Integer.toUnsignedLong(phdr.getInt(4)),
                            phdr.getInt(16)));
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IOException(core.getFileName() + ": its notes are cut short");
        }
    }

    private static Optional<Contents> find(ByteBuffer notes) {
        while (notes.remaining() >= 12) {
            int nameSize = notes.getInt();
            int descSize = notes.getInt();
            int type = notes.getInt();
            byte[] name = new byte[nameSize];
            notes.get(name);
            notes.position(align4(notes.position()));
            ByteBuffer desc = notes.slice(notes.position(), descSize).order(ByteOrder.LITTLE_ENDIAN);
            notes.position(align4(notes.position() + descSize));
            if (type == TYPE && new String(name, StandardCharsets.US_ASCII).equals(NAME + "\0")) {
                return Optional.of(decode(desc));
            }
        }
        return Optional.empty();
    }

    private static Contents decode(ByteBuffer desc) {
        desc.getInt(); // layout version: 1 is the only one
        int vmId = desc.getInt();
        int signal = desc.getInt();
        int vector = desc.getInt();
        int eip = desc.getInt();
        int address = desc.getInt();
        int count = desc.getInt();
        Map<String, Long> registers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            byte[] name = new byte[NAME_BYTES];
            desc.get(name);
            desc.getInt(); // offset in page 0
            desc.getInt(); // size
            long value = desc.getLong();
            int end = 0;
            while (end < name.length && name[end] != 0) {
                end++;
            }
            registers.put(new String(name, 0, end, StandardCharsets.US_ASCII), value);
        }
        return new Contents(vmId, signal, vector, eip, address, registers);
    }

    private static ByteBuffer readAt(FileChannel file, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (file.read(b, position + b.position()) < 0) {
                throw new BufferUnderflowException();
            }
        }
        return b.flip();
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }
}
