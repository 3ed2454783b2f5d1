package org.denali.emulator.arch;

/**
 * Programmed-I/O port map (docs/architecture.md, "Devices"). Every device operation is a single
 * {@code in} or {@code out}; operations that move a buffer take, in EAX, the guest address of a small
 * descriptor in guest memory, so one PIO sends or receives one whole packet or disk block.
 */
public final class Ports {
    /** out (8-bit): write AL to the console. */
    public static final int CONSOLE_PUTC = 0x10;
    /** out (32-bit): EAX = address of {u32 ptr, u32 len}: write len bytes to the console. */
    public static final int CONSOLE_WRITE = 0x11;
    /** in (32-bit): next keyboard byte, or -1 if none. */
    public static final int KEYBOARD_READ = 0x20;
    /** out (32-bit): arm the one-shot timer to fire after EAX microseconds; 0 disarms it. */
    public static final int TIMER_ARM = 0x30;
    /**
     * out (32-bit): arm the timer to fire every EAX microseconds, the first time one period from now; 0 disarms
     * it. The VM has one timer: this and {@link #TIMER_ARM} each replace the other's arming.
     */
    public static final int TIMER_PERIODIC = 0x31;
    /** out (32-bit): EAX = address of {u32 buf, u32 len, u32 status}: send one Ethernet frame. */
    public static final int NIC_SEND = 0x40;
    /** out (32-bit): EAX = address of {u32 buf, u32 cap, u32 len}: receive one frame, len = 0 if none. */
    public static final int NIC_RECEIVE = 0x41;
    /** out (32-bit): EAX = address of a disk request {u32 op, u32 disk, u32 block, u32 buf, u32 status, u32 tag}. */
    public static final int DISK_SUBMIT = 0x50;

    private Ports() {
    }
}
