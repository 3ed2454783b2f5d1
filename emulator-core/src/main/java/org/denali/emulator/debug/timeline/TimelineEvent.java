package org.denali.emulator.debug.timeline;

/**
 * One thing that happened to a VM, on its axis of retired instructions.
 *
 * @param kind       what happened
 * @param at         the VM's retired-instruction count where it happened (a quantum: where it started)
 * @param length     a quantum's instructions; a frame's bytes; swapped or paged pages; delivered lines' mask
 * @param clockNanos the kernel clock when the kernel saw it
 * @param detail     a quantum's stop reason; empty otherwise
 */
public record TimelineEvent(Kind kind, long at, long length, long clockNanos, String detail) {
    public enum Kind {
        /** A quantum: {@code length} instructions from {@code at}, ended for {@code detail}. */
        QUANTUM,
        /** An interrupt batch delivered as a quantum started; {@code length} is the mask of lines. */
        INTERRUPTS,
        /** The VM was swapped out before this point: {@code length} pages written out. */
        SWAP_OUT,
        /** Pages brought back in during the quantum from {@code at}: {@code length} pages. */
        PAGE_IN,
        /** A frame the VM sent, {@code length} bytes. */
        PACKET_SENT,
        /** A frame addressed to the VM (or broadcast) entered the LAN, {@code length} bytes. */
        PACKET_RECEIVED
    }
}
