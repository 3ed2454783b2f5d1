package org.denali.emulator.memory;

import org.denali.emulator.arch.MemoryMap;

/**
 * 4 KB of guest memory. A page is either private to one VM (writable in place) or shared between VMs that run
 * the same image (read-only; the first write by a VM gives that VM a private copy). A page also carries the
 * CPU's decoded-instruction cache for the code in it, so VMs sharing a code page share its decoded code.
 */
public final class Page {
    public static final int SIZE = MemoryMap.PAGE_SIZE;

    private final byte[] data;
    private final boolean shared;
    /** Decoded instructions by page offset, owned by the CPU (opaque here); null when nothing is decoded. */
    private Object[] codeCache;

    private Page(byte[] data, boolean shared) {
        this.data = data;
        this.shared = shared;
    }

    /** A fresh zero-filled private page. */
    public static Page zeroed() {
        return new Page(new byte[SIZE], false);
    }

    /** A read-only page shareable between VMs; {@code contents} (at most 4096 bytes) is copied. */
    public static Page sharedCopyOf(byte[] contents) {
        byte[] data = new byte[SIZE];
        System.arraycopy(contents, 0, data, 0, Math.min(contents.length, SIZE));
        return new Page(data, true);
    }

    /** A private, writable copy of this page's contents (used for copy-on-write); the code cache is not copied. */
    public Page privateCopy() {
        return new Page(data.clone(), false);
    }

    /** True if writes must not modify this page in place. */
    public boolean isShared() {
        return shared;
    }

    /** The backing bytes. Callers other than the memory implementation must not write into a shared page. */
    public byte[] data() {
        return data;
    }

    /** The CPU's decode cache for this page, or null. */
    public Object[] codeCache() {
        return codeCache;
    }

    /** The CPU's decode cache for this page, created on first use. */
    public Object[] codeCacheOrCreate() {
        Object[] cache = codeCache;
        if (cache == null) {
            cache = new Object[SIZE];
            codeCache = cache;
        }
        return cache;
    }

    /** Drops decoded code after the page was written (self-modifying code). */
    void invalidateCode() {
        codeCache = null;
    }
}
