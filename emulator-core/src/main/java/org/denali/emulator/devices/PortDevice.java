package org.denali.emulator.devices;

import org.denali.emulator.memory.GuestMemory;

/**
 * A device behind one or more ports. The kernel's port bus routes each guest {@code in}/{@code out} to the
 * device that claims the port. Buffer-moving operations read their descriptor from guest memory, so one PIO
 * moves one whole packet or block; a bad descriptor address surfaces as the memory's page fault, which the
 * CPU reports as the guest's fault.
 */
public interface PortDevice {
    /** True if this device handles {@code port}. */
    boolean claims(int port);

    /** Value for {@code in} from {@code port} (size 1, 2 or 4). */
    int in(int port, int size, GuestMemory memory);

    /** {@code out} of {@code value} to {@code port} (size 1, 2 or 4). */
    void out(int port, int size, int value, GuestMemory memory);
}
