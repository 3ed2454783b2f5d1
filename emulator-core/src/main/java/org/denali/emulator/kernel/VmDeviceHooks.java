package org.denali.emulator.kernel;

import org.denali.emulator.memory.GuestMemory;

/**
 * Optional life-cycle callbacks for a VM's extra devices: a {@link org.denali.emulator.devices.PortDevice} returned
 * by a {@link VmDeviceFactory} that also implements this interface is told when the VM's quanta start and end
 * (on the thread running the VM, so it may touch guest memory) and when the VM ends (under the kernel's lock:
 * release, never block).
 */
public interface VmDeviceHooks {
    /** Before interrupts are delivered: e.g. apply completed disk transfers to guest memory. */
    default void quantumStarting(GuestMemory memory) {
    }

    /** After the quantum: e.g. move queued frames onto the virtual LAN. */
    default void quantumEnded() {
    }

    /**
     * True while the device has work in flight that will raise an interrupt (e.g. a disk transfer): the kernel then
     * does not conclude that a VM idling forever can never be woken.
     */
    default boolean expectsInterrupt() {
        return false;
    }

    /** The VM terminated or faulted: detach from shared resources. */
    default void vmEnded() {
    }
}
