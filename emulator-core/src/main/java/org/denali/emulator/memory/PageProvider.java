package org.denali.emulator.memory;

/**
 * Supplies the pages behind a VM's address space. The kernel implements it over its physical-frame and swap
 * manager: {@link #pageFor} on first touch (or after the kernel dropped a page), {@link #copyOnWrite} when a VM
 * first writes into a shared page. Returning null from {@link #pageFor} makes the access a page fault.
 */
public interface PageProvider {
    /** The page to install at {@code pageNumber} (address {@code pageNumber << 12}), or null to fault. */
    Page pageFor(int pageNumber);

    /** A private copy of {@code shared} for a VM about to write into it. */
    default Page copyOnWrite(int pageNumber, Page shared) {
        return shared.privateCopy();
    }

    /** Zero-filled pages on demand, the default for a plain VM. */
    PageProvider ZERO_FILL = pageNumber -> Page.zeroed();
}
