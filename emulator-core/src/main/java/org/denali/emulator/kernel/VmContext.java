package org.denali.emulator.kernel;

import org.denali.emulator.devices.InterruptSink;
import org.denali.emulator.memory.GuestMemory;

/**
 * What a device factory gets to build one VM's devices: the VM's identity and grant, its memory, where to raise
 * its interrupt lines, and its register page (for device registers such as NIC_RX_QUEUED).
 */
public record VmContext(int vmId, VmConfig config, GuestMemory memory, InterruptSink interrupts,
        RegisterPage registers) {
}
