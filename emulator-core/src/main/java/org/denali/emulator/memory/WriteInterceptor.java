package org.denali.emulator.memory;

/**
 * Takes over guest writes to one page, e.g. the virtual-register page 0, where the kernel discards writes to
 * read-only registers. The interceptor performs (or drops) the write itself on {@code page.data()}.
 */
@FunctionalInterface
public interface WriteInterceptor {
    /** A guest write of {@code size} bytes (1, 2 or 4, little-endian {@code value}) at {@code offset} in page. */
    void write(Page page, int offset, int size, int value);
}
