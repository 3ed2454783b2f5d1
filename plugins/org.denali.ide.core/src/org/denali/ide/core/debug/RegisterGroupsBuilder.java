package org.denali.ide.core.debug;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.debug.core.DebugException;

import org.denali.emulator.debug.VirtualRegister;
import org.denali.ide.core.rsp.I386Registers;

/**
 * Builds a VM's register groups at a stop: General (the i386 core registers), EFLAGS (the register and each flag
 * as its own 0/1 register) and Denali virtual registers (read with {@code p}, decoded). It remembers the values
 * it showed for each VM, so a register that differs from the previous stop is reported as changed.
 */
public final class RegisterGroupsBuilder {
    public static final String GENERAL = "General";
    public static final String EFLAGS = "EFLAGS";
    public static final String VIRTUAL = "Denali virtual registers";
    /** gdb's register number of the first virtual register (docs/debugging.md, target.xml). */
    static final int FIRST_VIRTUAL_REGISTER = 32;

    private final DenaliDebugTarget target;
    private final VirtualRegisterDecoder decoder;
    private final Map<Integer, Map<String, Long>> lastShown = new HashMap<>();

    RegisterGroupsBuilder(DenaliDebugTarget target) {
        this.target = target;
        this.decoder = new VirtualRegisterDecoder(target.symbols());
    }

    synchronized DenaliRegisterGroup[] build(DenaliThread thread) throws DebugException {
        Map<String, Long> previous = lastShown.getOrDefault(thread.vmId(), Map.of());
        Map<String, Long> now = new HashMap<>();
        I386Registers core = thread.registers();
        List<DenaliRegister> general = new ArrayList<>();
        for (int i = 0; i < I386Registers.NAMES.size(); i++) {
            String name = I386Registers.NAMES.get(i);
            long value = Integer.toUnsignedLong(core.get(i));
            String text = VirtualRegisterDecoder.hex(value);
            if (i == I386Registers.EIP) {
                text += " <" + target.symbols().describe((int) value) + ">";
            }
            int number = i;
            DenaliRegister.Writer writer = i <= I386Registers.EFLAGS
                    ? v -> write(thread, number, 4, v) : null; // segment registers are Denali's constants
            general.add(register(name, value, text, "uint32", previous, now, writer));
        }
        long eflags = Integer.toUnsignedLong(core.get(I386Registers.EFLAGS));
        List<DenaliRegister> flags = new ArrayList<>();
        flags.add(register("eflags", eflags, VirtualRegisterDecoder.hex(eflags) + " " + EflagsBits.setFlags(eflags),
                "uint32", previous, now, v -> write(thread, I386Registers.EFLAGS, 4, v)));
        for (Object[] flag : EflagsBits.FLAGS) {
            int position = (int) flag[0];
            long bit = eflags >>> position & 1;
            flags.add(register((String) flag[1], bit, Long.toString(bit), "bit", previous, now,
                    v -> writeFlagBits(thread, position, 1, v)));
        }
        long iopl = eflags >>> EflagsBits.IOPL_POSITION & 3;
        flags.add(register("IOPL", iopl, Long.toString(iopl), "2 bits", previous, now,
                v -> writeFlagBits(thread, EflagsBits.IOPL_POSITION, 3, v)));
        List<DenaliRegister> virtual = new ArrayList<>();
        for (int i = 0; i < VirtualRegister.ALL.size(); i++) {
            VirtualRegister v = VirtualRegister.ALL.get(i);
            long value;
            try {
                value = target.client().readRegister(thread.vmId(), FIRST_VIRTUAL_REGISTER + i, v.size());
            } catch (IOException e) {
                throw DenaliDebugElement.failure("Cannot read virtual register " + v.name() + " of VM "
                        + thread.vmId(), e);
            }
            int number = FIRST_VIRTUAL_REGISTER + i;
            virtual.add(register(v.name(), value, decoder.describe(v.name(), value),
                    (v.size() == 8 ? "u64" : "u32") + (v.writable() ? " RW" : " RO"), previous, now,
                    v.writable() ? nv -> write(thread, number, v.size(), nv) : null));
        }
        lastShown.put(thread.vmId(), now);
        return new DenaliRegisterGroup[] {new DenaliRegisterGroup(target, GENERAL, general),
            new DenaliRegisterGroup(target, EFLAGS, flags), new DenaliRegisterGroup(target, VIRTUAL, virtual)};
    }

    private DenaliRegister register(String name, long value, String text, String type, Map<String, Long> previous,
            Map<String, Long> now, DenaliRegister.Writer writer) {
        now.put(name, value);
        Long before = previous.get(name);
        return new DenaliRegister(target, name, new DenaliValue(target, value, text, type),
                before != null && before != value, writer);
    }

    /** Writes a register and makes the thread (and gdb) read the registers again. */
    private void write(DenaliThread thread, int number, int size, long value) throws IOException {
        target.client().writeRegister(thread.vmId(), number, size, value);
        thread.valuesWritten();
        target.stateWritten();
        thread.fireChangeEvent(org.eclipse.debug.core.DebugEvent.CONTENT);
    }

    /** Sets EFLAGS bits {@code position..} (masked by {@code mask}) to {@code value}, the other bits unchanged. */
    private void writeFlagBits(DenaliThread thread, int position, int mask, long value) throws IOException {
        if (value < 0 || value > mask) {
            throw new IOException("a value from 0 to " + mask + ", not " + value);
        }
        long eflags;
        try {
            eflags = Integer.toUnsignedLong(thread.registers().get(I386Registers.EFLAGS));
        } catch (DebugException e) {
            throw new IOException(e.getMessage(), e);
        }
        write(thread, I386Registers.EFLAGS, 4, eflags & ~((long) mask << position) | value << position);
    }
}
