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

    /**
     * Writes the device's state into a checkpoint (section DEVS, docs/debugging.md); the VM is off its worker and
     * the kernel between quanta. A device that cannot (the default) makes the checkpoint fail with a message.
     */
    default void save(java.io.DataOutput out) throws java.io.IOException {
        throw new CheckpointException("device " + getClass().getSimpleName() + " cannot be checkpointed");
    }

    /** Takes back what {@link #save} wrote, into the same device of a VM that never ran. */
    default void restore(java.io.DataInput in) throws java.io.IOException {
        throw new CheckpointException("device " + getClass().getSimpleName() + " cannot restore a checkpoint");
    }

    /** Every VM's devices are restored: apply what spans VMs (the LAN's transmit order). Default: nothing. */
    default void restoreFinished() {
    }
}
