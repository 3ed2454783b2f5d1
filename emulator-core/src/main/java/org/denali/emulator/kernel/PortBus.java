package org.denali.emulator.kernel;

import java.util.List;
import org.denali.emulator.cpu.CpuHost;
import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.memory.GuestMemory;
import org.denali.emulator.memory.PageFault;

/**
 * One VM's I/O bus: routes the CPU's {@code in}/{@code out} to the device whose registered range holds the port
 * ({@link PortTable}, checked for overlaps when the VM is assembled). Per
 * docs/architecture.md §5 a port no device claims is a #GP (not "reads all ones": a guest probing ports is a bug
 * the developer should see), and a descriptor or buffer outside accessible memory is a #GP too, before the
 * device has done anything visible.
 */
final class PortBus extends PortTable implements CpuHost {
    // A port table itself rather than holding one: one object fewer in the fixed record of every VM
    private final GuestMemory memory;

    /** @throws IllegalStateException if two devices register overlapping ports */
    PortBus(List<PortDevice> devices, GuestMemory memory) {
        super(devices);
        this.memory = memory;
    }

    @Override
    public int in(int port, int size) {
        PortDevice device = deviceFor(port, "in from");
        try {
            return device.in(port, size, memory);
        } catch (PageFault f) {
            throw outsideMemory(port, f);
        }
    }

    @Override
    public void out(int port, int size, int value) {
        PortDevice device = deviceFor(port, "out to");
        try {
            device.out(port, size, value, memory);
        } catch (PageFault f) {
            throw outsideMemory(port, f);
        }
    }

    private PortDevice deviceFor(int port, String what) {
        PortDevice device = deviceFor(port);
        if (device != null) {
            return device;
        }
        throw PortDevice.generalProtection(String.format("%s port %#x, which no Denali device has", what, port));
    }

    private static RuntimeException outsideMemory(int port, PageFault f) {
        return PortDevice.generalProtection(String.format(
            "descriptor or buffer for port %#x at %08x is outside accessible memory", port, f.address()));
    }
}
