package org.denali.emulator.memory;

/**
 * A guest access outside the accessible range, into the kernel region, or to a page the provider refuses.
 * The CPU turns it into a #PF stop. Carries no stack trace: it is control flow, not a host bug.
 */
public final class PageFault extends RuntimeException {
    private final int address;
    private final boolean write;

    public PageFault(int address, boolean write) {
        super(null, null, false, false);
        this.address = address;
        this.write = write;
    }

    /** The first faulting guest address. */
    public int address() {
        return address;
    }

    public boolean isWrite() {
        return write;
    }

    @Override
    public String getMessage() {
        return String.format("page fault on %s at %08x", write ? "write" : "read", address);
    }
}
