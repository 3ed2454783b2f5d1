package org.denali.emulator.devices;

import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.arch.GuestException;
import org.denali.emulator.memory.GuestMemory;

/**
 * A device behind one or more ports. It registers its port ranges ({@link #ports()}) with the VM's port table when
 * the VM is assembled, where overlapping ranges are refused; the kernel's port bus then routes each guest
 * {@code in}/{@code out} to the device whose range holds the port. Buffer-moving operations read their descriptor from guest memory, so one PIO
 * moves one whole packet or block. A descriptor or buffer outside accessible memory surfaces as the memory's
 * page fault; the port bus turns it into the #GP that docs/architecture.md §5 prescribes, so devices need not
 * catch it. A device rejects a wrong direction or width with {@link #generalProtection}.
 */
public interface PortDevice {
    /** The ports this device serves; fixed for the device's life. */
    java.util.List<PortRange> ports();

    /** Value for {@code in} from {@code port} (size 1, 2 or 4). */
    int in(int port, int size, GuestMemory memory);

    /** {@code out} of {@code value} to {@code port} (size 1, 2 or 4). */
    void out(int port, int size, int value, GuestMemory memory);

    /** The #GP a device throws for a PIO it does not support (wrong direction or width); the VM faults. */
    static GuestException generalProtection(String message) {
        return new GuestException(FaultVector.GP, message);
    }

    /** Throws #GP unless the access has the one width the port defines. */
    static void requireWidth(int port, int size, int expected, String direction) {
        if (size != expected) {
            throw generalProtection(String.format("%s port %#x takes %d-byte operands, not %d", direction, port,
                expected, size));
        }
    }
}
