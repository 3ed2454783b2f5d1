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
    private final OutputStream out;
    private long bytesWritten;
    private boolean broken;

    public Console(OutputStream out) {
        this.out = out;
    }

    @Override
    public boolean claims(int port) {
        return port == Ports.CONSOLE_PUTC || port == Ports.CONSOLE_WRITE;
    }

    @Override
    public int in(int port, int size, GuestMemory memory) {
        throw PortDevice.generalProtection(String.format("console port %#x is write-only", port));
    }

    @Override
    public void out(int port, int size, int value, GuestMemory memory) {
        if (port == Ports.CONSOLE_PUTC) {
            PortDevice.requireWidth(port, size, 1, "out");
            emit(new byte[] {(byte) value});
            return;
        }
        PortDevice.requireWidth(port, size, 4, "out");
        int pointer = memory.read32(value);
        int length = memory.read32(value + 4);
        if (Integer.compareUnsigned(length, memory.size()) > 0) {
            throw PortDevice.generalProtection("console write of " + Integer.toUnsignedString(length)
                + " bytes is larger than the VM's memory");
        }
        byte[] bytes = new byte[length];
        memory.readBytes(pointer, bytes, 0, length); // faults before copying if the buffer is not accessible
        emit(bytes);
    }

    /** Bytes the guest has written so far. */
    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    private synchronized void emit(byte[] bytes) {
        bytesWritten += bytes.length;
        if (broken) {
            return;
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // The host's stream broke (e.g. stdout piped into `head`): not the guest's fault, so the VM keeps
            // running and later output is dropped.
            broken = true;
        }
    }
}
