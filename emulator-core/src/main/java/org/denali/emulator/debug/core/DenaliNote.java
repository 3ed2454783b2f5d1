package org.denali.emulator.debug.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
}
