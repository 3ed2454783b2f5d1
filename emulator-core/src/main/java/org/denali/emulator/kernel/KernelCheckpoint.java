package org.denali.emulator.kernel;

import java.util.List;

/**
 * The whole state of a kernel at a quantum boundary, in memory: its clock, counters, run and admission queues,
 * deadlines, and for every VM its run state, CPU, register page, pending interrupts, private memory pages and
 * device state (docs/debugging.md, "Snapshots"). Taken by {@link Kernel#checkpoint()} and put into a new kernel,
 * assembled the same way, by {@link Kernel#restore}; {@code kernel.snapshot.SnapshotFile} writes exactly these
 * sections to a file (with a CRC each) and reads them back, so a periodic in-memory checkpoint and a snapshot file
 * are one format.
 *
 * <p>Pages a VM shares with its image (code, data it never wrote) are not copied: the checkpoint names the image
 * by digest and the restored VM maps the same shared pages again. Private pages are copied when the checkpoint is
 * taken, whether resident or swapped out (a swapped-out VM is not paged in). Immutable.
 *
 * @param sections in order: {@link #HEAD}, {@link #KERNEL}, then per VM {@link #VM}, {@link #PAGES},
 *        {@link #DEVICES}
 * @param instructions the kernel's total retired instructions when it was taken
 * @param clockNanos the kernel clock then
 */
public record KernelCheckpoint(List<Section> sections, long instructions, long clockNanos) {
    /** What the snapshot is of: the kernel's settings and each VM's id, memory size, MAC and image digest. */
    public static final String HEAD = "HEAD";
    /** Clock, counters, queues, deadlines and the scheduling policies' state. */
    public static final String KERNEL = "KERN";
    /** One VM's run state or exit, CPU, register page, pending interrupts, console and keyboard. */
    public static final String VM = "VMST";
    /** One VM's private pages, each with whether it is resident or swapped out. */
    public static final String PAGES = "PAGE";
    /** One VM's other devices (NIC queues and its place on the LAN, disk completions). */
    public static final String DEVICES = "DEVS";

    /**
     * One part of a checkpoint.
     *
     * @param tag four ASCII letters, one of the constants above
     * @param vmId the VM it belongs to, or 0 for the kernel's own sections
     * @param payload its bytes (big-endian fields, docs/debugging.md); never modified once in a checkpoint
     */
    public record Section(String tag, int vmId, byte[] payload) {
        public Section {
            if (tag.length() != 4) {
                throw new IllegalArgumentException("a section tag has four letters: " + tag);
            }
        }

        public String describe() {
            return vmId == 0 ? tag : tag + " of vm " + vmId;
        }
    }

    public KernelCheckpoint {
        sections = List.copyOf(sections);
    }

    /** Bytes of all payloads together (the checkpoint's heap cost, about its file size). */
    public long payloadBytes() {
        long n = 0;
        for (Section s : sections) {
            n += s.payload().length;
        }
        return n;
    }
}
