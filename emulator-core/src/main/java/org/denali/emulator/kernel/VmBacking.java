package org.denali.emulator.kernel;

import org.denali.emulator.kernel.memory.ResidencyMap;
import org.denali.emulator.memory.GuestMemory;
import org.denali.emulator.memory.PageProvider;

/**
 * One VM's pages, as the memory manager provides them. As a {@link PageProvider} it must honour the image rules
 * of {@link GuestImage}: a page the image covers and the VM has not written is the image's shared page;
 * {@link #copyOnWrite} returns a private copy only for pages of writable segments and null (a #PF) otherwise;
 * other pages are zero-filled on first touch. All calls come from the thread running the VM, or from the kernel
 * while the VM is not running, never both at once.
 */
public interface VmBacking extends PageProvider {
    /** The kernel built the VM's guest memory over this provider; eviction may unmap pages from it. */
    default void attached(GuestMemory memory) {
    }

    /** The VM's quantum starts: none of its pages may be evicted until {@link #quantumEnded}. */
    default void quantumStarting() {
    }

    /** The VM's quantum ended at {@code nowNanos} (kernel clock). */
    default void quantumEnded(long nowNanos) {
    }

    /** The gatekeeper admitted the VM: it is about to run (pages may come back lazily through pageFor). */
    void admit(GuestMemory memory);

    /** The gatekeeper swapped the VM out: its private pages may be written out and unmapped from memory. */
    void evict(GuestMemory memory);

    /** The VM ended: free everything it holds, in memory and in swap. */
    void release();

    /** Expected backing pages once admitted: what it held when evicted, or an estimate for a fresh VM. */
    long footprintPages();

    /** Backing pages this VM holds now. */
    long residentPages();

    long pageIns();

    long pageOuts();

    /** Which pages are resident and which swapped (the monitor's residency map); null if this backing cannot say. */
    default ResidencyMap residency() {
        return null;
    }

    /** First-touch and page-in requests served so far (the monitor's fault counter); 0 if not counted. */
    default long demandFaults() {
        return 0;
    }

    /**
     * Copies of the pages on swap now, by page number, read and verified without paging them in (nothing of the
     * VM's state changes: core files); empty if this backing has no swap.
     */
    default java.util.SortedMap<Integer, byte[]> peekSwapped() {
        return java.util.Collections.emptySortedMap();
    }

    /**
     * Writes the VM's private pages for a checkpoint, resident and swapped-out ones alike, without paging anything
     * in or out (pages it shares with its image are not written: the restored VM maps them from the image again).
     * The VM is off its worker. Format: docs/debugging.md, section PAGE.
     *
     * @throws CheckpointException if this memory manager cannot be checkpointed
     */
    default void save(java.io.DataOutput out) throws java.io.IOException {
        throw new CheckpointException("this kernel's memory manager cannot be checkpointed: only the in-heap one "
            + "can so far (a kernel with a swap file, --swap, cannot yet)");
    }

    /** Takes the private pages {@link #save} wrote, into a backing that holds none yet (a VM never run). */
    default void restore(java.io.DataInput in) throws java.io.IOException {
        throw new CheckpointException("this kernel's memory manager cannot restore a checkpoint: only the in-heap "
            + "one can so far (a kernel with a swap file, --swap, cannot yet)");
    }

    /**
     * Drops every private page (resident or swapped), as if the VM had never written one, before {@link #restore}
     * puts a checkpoint's back ({@code Kernel.rewind}). The VM's page tables must have been dropped first.
     */
    default void discardPrivate() {
        throw new CheckpointException("this memory manager cannot rewind a VM to a checkpoint");
    }
}
