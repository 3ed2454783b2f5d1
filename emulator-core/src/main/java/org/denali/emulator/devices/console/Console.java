package org.denali.emulator.devices.console;

import java.io.IOException;
import java.io.OutputStream;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.memory.GuestMemory;

/**
 * The console (docs/architecture.md §5): {@code CONSOLE_PUTC} writes AL, {@code CONSOLE_WRITE} writes the
 * {@code {u32 ptr, u32 len}} buffer its descriptor names, in one PIO. Output goes to a per-VM stream; the host
 * decides what that stream is (stdout with a VM prefix, a test buffer, the debugger's console view).
 */
public final class Console implements PortDevice {
    private static final int CHUNK = 64 * 1024;

    private final OutputStream out;
    private long bytesWritten;
    private boolean broken;

    public Console(OutputStream out) {
        this.out = out;
    }

    @Override
    public java.util.List<org.denali.emulator.devices.PortRange> ports() {
        return PORTS;
    }

    private static final java.util.List<org.denali.emulator.devices.PortRange> PORTS = java.util.List.of(
        org.denali.emulator.devices.PortRange.of(Ports.CONSOLE_PUTC), org.denali.emulator.devices.PortRange.of(Ports.CONSOLE_WRITE));

    @Override
    public int in(int port, int size, GuestMemory memory) {
        throw PortDevice.generalProtection(String.format("console port %#x is write-only", port));
    }

    @Override
    public void out(int port, int size, int value, GuestMemory memory) {
        if (port == Ports.CONSOLE_PUTC) {
            PortDevice.requireWidth(port, size, 1, "out");
            emit(new byte[] {(byte) value}, 1);
            return;
        }
        PortDevice.requireWidth(port, size, 4, "out");
        int pointer = memory.read32(value);
        int length = memory.read32(value + 4);
        // Check the whole buffer first (a bad one is #GP before any output), then copy in bounded chunks so a
        // guest with gigabytes of memory cannot make the host allocate a buffer that large.
        long end = Integer.toUnsignedLong(pointer) + Integer.toUnsignedLong(length);
        if (end > Integer.toUnsignedLong(memory.size())) {
            throw PortDevice.generalProtection(String.format("console buffer [%08x, +%d) is outside accessible "
                + "memory", pointer, Integer.toUnsignedLong(length)));
        }
        byte[] chunk = new byte[(int) Math.min(Integer.toUnsignedLong(length), CHUNK)];
        for (long done = 0; done < Integer.toUnsignedLong(length); done += chunk.length) {
            int n = (int) Math.min(chunk.length, Integer.toUnsignedLong(length) - done);
            memory.readBytes(pointer + (int) done, chunk, 0, n);
            emit(chunk, n);
        }
    }

    /** Bytes the guest has written so far. */
    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    /** Puts back the count of a checkpoint being restored (the output itself went to the host's stream). */
    public synchronized void restoreBytesWritten(long count) {
        bytesWritten = count;
    }

    private synchronized void emit(byte[] bytes, int length) {
        bytesWritten += length;
        if (broken) {
            return;
        }
        try {
            out.write(bytes, 0, length);
            out.flush();
        } catch (IOException e) {
            // The host's stream broke (e.g. stdout piped into `head`): not the guest's fault, so the VM keeps
            // running and later output is dropped.
            broken = true;
        }
    }
}
