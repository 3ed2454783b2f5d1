package org.denali.emulator.kernel;

/**
 * The kernel's seam to physical memory: a budget of backing pages shared by all VMs, and per VM a
 * {@link VmBacking} that supplies its pages and can swap it out and in. The gatekeeper's admission test reads
 * {@link #freeBackingPages()}. {@link InHeapMemoryManager} is the default; a swap-file implementation (per-VM
 * static swap regions) plugs in here.
 */
public interface MemoryManager {
    /** Creates the backing of a new VM. Its page 0 is the kernel's register page, never the backing's concern. */
    VmBacking attach(int vmId, VmConfig config, GuestImage image);

    /** Physical backing pages not in use by any resident VM. */
    long freeBackingPages();

    /** The whole budget. */
    long totalBackingPages();
}
