package org.denali.emulator.arch;

/**
 * Byte offsets of the virtual registers inside page 0 (docs/architecture.md, "Virtual registers").
 * All registers are little-endian. "RO" registers are owned by the kernel: guest writes to them are
 * discarded. "RW" registers are written by the guest with ordinary stores.
 */
public final class VirtualRegisters {
    /** RO u32: {@link #MAGIC_VALUE}, lets a guest check it runs on Denali. */
    public static final int MAGIC = 0x000;
    /** RO u32: architecture version, {@link #VERSION_VALUE}. */
    public static final int VERSION = 0x004;
    /** RO u32: this VM's id, unique within the kernel. */
    public static final int VM_ID = 0x008;
    /** RO u32: virtual CPU speed in kHz (the paper's "CPU speed"). */
    public static final int CPU_SPEED_KHZ = 0x00C;
    /** RO u32: size in bytes of the accessible range [0, size) (the paper's "size of memory"). */
    public static final int MEMORY_SIZE = 0x010;
    /** RO u32: guest address of the first byte after the loaded image (start of the heap). */
    public static final int IMAGE_END = 0x014;
    /** RO u64: current system time in microseconds since the VM was instantiated. */
    public static final int SYSTEM_TIME_US = 0x018;
    /** RW u32: 1 = virtual interrupts enabled (replaces the x86 IF flag), 0 = disabled. */
    public static final int INTERRUPTS_ENABLED = 0x020;
    /** RO u32: bitmask of pending virtual interrupts, one bit per {@link InterruptLines} line. */
    public static final int PENDING_INTERRUPTS = 0x024;
    /** RW u32: guest address of the interrupt handler entry. */
    public static final int INTERRUPT_HANDLER = 0x028;
    /** RO u32: the batch (bitmask) delivered with the interrupt frame now being handled. */
    public static final int DELIVERED_INTERRUPTS = 0x02C;
    /** RO u64: instructions this VM has retired. */
    public static final int INSTRUCTIONS_RETIRED = 0x030;
    /** RO u32: why the last idle ended, one of VirtualInstructions.WOKE_*. */
    public static final int WAKE_REASON = 0x038;
    /** RO 6 bytes (+2 padding): the virtual NIC's Ethernet MAC address. */
    public static final int NIC_MAC = 0x040;
    /** RO u32: IPv4 address in network byte order, 0 if the guest should use DHCP. */
    public static final int NIC_IPV4 = 0x048;
    /** RO u32: IPv4 netmask, network byte order. */
    public static final int NIC_NETMASK = 0x04C;
    /** RO u32: IPv4 default gateway, network byte order. */
    public static final int NIC_GATEWAY = 0x050;
    /** RO u32: NIC MTU in bytes (Ethernet payload). */
    public static final int NIC_MTU = 0x054;
    /** RO u32: number of virtual disks granted to this VM. */
    public static final int DISK_COUNT = 0x060;
    /** RO u32[8]: size in 4 KB blocks of disk i, at DISK_BLOCKS + 4*i. */
    public static final int DISK_BLOCKS = 0x064;
    public static final int MAX_DISKS = 8;
    /** RO u32: number of keyboard bytes waiting. */
    public static final int KEYBOARD_AVAILABLE = 0x084;
    /** RO u32: number of received packets waiting in the NIC's receive queue. */
    public static final int NIC_RX_QUEUED = 0x088;

    public static final int MAGIC_VALUE = 0x494C_4E44; // "DNLI" little-endian
    public static final int VERSION_VALUE = 1;

    private VirtualRegisters() {
    }
}
