package org.denali.emulator.kernel.memory;

/**
 * A memory failure that must end one VM: the kernel catches it (it propagates out of {@code cpu.run} when it happens
 * on a guest access) and reports the VM as faulted. It never means the host is broken.
 */
public final class VmMemoryFault extends RuntimeException {
    /** Why the VM cannot continue. */
    public enum Reason {
        /** A swapped page or a swap header failed its CRC32C check on the way back in. */
        SWAP_CORRUPT,
        /** The VM's static swap region has no free slot for a page that must leave memory. */
        SWAP_FULL,
        /** The backing-page budget is exhausted and no non-running VM has a page to evict. */
        OUT_OF_BACKING_PAGES,
        /** The swap file could not be read or written. */
        SWAP_IO
    }

    private final int vmId;
    private final Reason reason;
    private final int pageNumber;

    public VmMemoryFault(int vmId, Reason reason, int pageNumber, String detail, Throwable cause) {
        super("VM " + vmId + " memory fault " + reason + (pageNumber >= 0 ? " on page " + pageNumber : "")
            + (detail == null ? "" : ": " + detail), cause);
        this.vmId = vmId;
        this.reason = reason;
        this.pageNumber = pageNumber;
    }

    public int vmId() {
        return vmId;
    }

    public Reason reason() {
        return reason;
    }

    /** The guest page number involved, or -1 when the fault concerns the VM as a whole. */
    public int pageNumber() {
        return pageNumber;
    }
}
