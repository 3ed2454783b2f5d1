package org.denali.emulator.debug;

import java.util.List;
import org.denali.emulator.arch.VirtualRegisters;

/**
 * The virtual registers of page 0 (docs/architecture.md §3) as the debugger shows them: name, offset, size in
 * bytes and whether the guest (and so the debugger) may write them. gdb sees them as the {@code org.denali.vregs}
 * feature in this order.
 */
public record VirtualRegister(String name, int offset, int size, boolean writable) {
    public static final List<VirtualRegister> ALL = List.of(
        new VirtualRegister("magic", VirtualRegisters.MAGIC, 4, false),
        new VirtualRegister("version", VirtualRegisters.VERSION, 4, false),
        new VirtualRegister("vm_id", VirtualRegisters.VM_ID, 4, false),
        new VirtualRegister("cpu_speed_khz", VirtualRegisters.CPU_SPEED_KHZ, 4, false),
        new VirtualRegister("memory_size", VirtualRegisters.MEMORY_SIZE, 4, false),
        new VirtualRegister("image_end", VirtualRegisters.IMAGE_END, 4, false),
        new VirtualRegister("system_time_us", VirtualRegisters.SYSTEM_TIME_US, 8, false),
        new VirtualRegister("interrupts_enabled", VirtualRegisters.INTERRUPTS_ENABLED, 4, true),
        new VirtualRegister("pending_interrupts", VirtualRegisters.PENDING_INTERRUPTS, 4, false),
        new VirtualRegister("interrupt_handler", VirtualRegisters.INTERRUPT_HANDLER, 4, true),
        new VirtualRegister("delivered_interrupts", VirtualRegisters.DELIVERED_INTERRUPTS, 4, false),
        new VirtualRegister("instructions_retired", VirtualRegisters.INSTRUCTIONS_RETIRED, 8, false),
        new VirtualRegister("wake_reason", VirtualRegisters.WAKE_REASON, 4, false),
        new VirtualRegister("nic_ipv4", VirtualRegisters.NIC_IPV4, 4, false),
        new VirtualRegister("nic_mtu", VirtualRegisters.NIC_MTU, 4, false),
        new VirtualRegister("disk_count", VirtualRegisters.DISK_COUNT, 4, false),
        new VirtualRegister("keyboard_available", VirtualRegisters.KEYBOARD_AVAILABLE, 4, false),
        new VirtualRegister("nic_rx_queued", VirtualRegisters.NIC_RX_QUEUED, 4, false));

    public static VirtualRegister named(String name) {
        for (VirtualRegister r : ALL) {
            if (r.name.equals(name)) {
                return r;
            }
        }
        throw new DebugException("no virtual register '" + name + "'");
    }
}
