package org.denali.emulator.memory;

/**
 * A VM's view of its 32-bit flat address space: the accessible range [0, size) in 4 KB pages allocated on first
 * touch; everything else (including the kernel region from 0xC0000000) faults with {@link PageFault}.
 * Multi-byte values are little-endian; unaligned and page-crossing accesses are allowed, and a write that would
 * fault on any of its bytes modifies none of them.
 */
public interface GuestMemory {
    /** Size in bytes of the accessible range [0, size). */
    int size();

    int read8(int address);

    int read16(int address);

    int read32(int address);

    void write8(int address, int value);

    void write16(int address, int value);

    void write32(int address, int value);

    /** Copies guest bytes [address, address + length) into {@code target}; faults before copying anything. */
    void readBytes(int address, byte[] target, int offset, int length);

    /** Copies {@code source} bytes into guest memory; faults before writing anything. */
    void writeBytes(int address, byte[] source, int offset, int length);

    /** The page holding {@code address}, touching it (allocating via the provider) if needed. */
    Page page(int address);

    /** Installs {@code page} at {@code pageNumber}, e.g. a shared image page, replacing what was there. */
    void map(int pageNumber, Page page);

    /** Forgets the page at {@code pageNumber} (the kernel swapped it out); the next touch asks the provider again. */
    void unmap(int pageNumber);

    /** Routes guest writes to one page through {@code interceptor} (null removes it). */
    void intercept(int pageNumber, WriteInterceptor interceptor);
}
