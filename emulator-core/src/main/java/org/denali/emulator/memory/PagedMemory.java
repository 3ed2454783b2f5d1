package org.denali.emulator.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.denali.emulator.arch.MemoryMap;

/**
 * The standard {@link GuestMemory}: a page table of {@link Page}s filled on demand from a {@link PageProvider}.
 *
 * <p>Fast path: two arrays of raw page bytes indexed by page number, {@code readable} and {@code writable}. An
 * access whose page has an entry and which does not cross a page boundary is one array load plus a VarHandle
 * access. {@code writable} holds an entry only for private pages without decoded code and without a write
 * interceptor, so the slow path sees exactly the writes that need copy-on-write, code invalidation or
 * interception (the v86/Bochs idea of keeping the special cases out of the common store).
 */
public final class PagedMemory implements GuestMemory {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int OFFSET_MASK = Page.SIZE - 1;

    private static final Page[] NO_PAGES = new Page[0];
    private static final byte[][] NO_BYTES = new byte[0][];
    private static final WriteInterceptor[] NO_INTERCEPTORS = new WriteInterceptor[0];
    /** Dropped tables wait here for the next rebuild of the same size (one recycler for the whole JVM). */
    static final TableRecycler RECYCLER = new TableRecycler();

    private final int size;
    private final int pageCount;
    private final PageProvider provider;
    // The page table. Not final: it is allocated by the first access (a VM waiting for admission never needs one),
    // and a VM swapped out whole drops it (see dropTables) and gets a new one when it comes back. Zero-length
    // (the shared empty arrays) until then, so the fast paths' bounds checks send every access to touch(), which
    // builds it; the fast paths themselves do no extra work.
    private Page[] pages = NO_PAGES;
    private byte[][] readable = NO_BYTES;
    private byte[][] writable = NO_BYTES;
    private WriteInterceptor[] interceptors = NO_INTERCEPTORS;
    /** Re-installs the explicit mappings (the register page) after a rebuild; non-null exactly while dropped. */
    private Runnable reinstall;
    /** Debugger data watchpoints: pages whose every access is reported; null until the first watch. */
    private boolean[] watched;
    private int watchedCount;
    private AccessWatcher watcher;
    /** A watched access asked the CPU to stop after the current instruction. */
    private boolean watchTriggered;
    /** Incremented whenever code the CPU may have decoded could have changed; the CPU re-fetches when it moves. */
    private int codeEpoch;

    public PagedMemory() {
        this(MemoryMap.DEFAULT_MEMORY_SIZE, PageProvider.ZERO_FILL);
    }

    /**
     * @param size accessible range [0, size): a positive multiple of 4096, at most {@link MemoryMap#MAX_MEMORY_SIZE}
     */
    public PagedMemory(int size, PageProvider provider) {
        long unsigned = size & 0xFFFF_FFFFL;
        if (unsigned == 0 || unsigned > (MemoryMap.MAX_MEMORY_SIZE & 0xFFFF_FFFFL) || (size & OFFSET_MASK) != 0) {
            throw new IllegalArgumentException("memory size must be a page multiple in (0, 3 GiB]: " + unsigned);
        }
        this.size = size;
        this.provider = provider;
        this.pageCount = (int) (unsigned >>> MemoryMap.PAGE_SHIFT);
    }

    private void allocateTables() {
        TableRecycler.Tables tables = RECYCLER.take(pageCount);
        pages = tables.pages();
        readable = tables.readable();
        writable = tables.writable();
        interceptors = tables.interceptors();
    }

    /**
     * Drops the whole page table (for a VM swapped out whole: with it go the references to its pages and their
     * decoded code), leaving this object's fixed fields. The next access, mapping or {@link #restoreTables()}
     * allocates an empty table, runs {@code reinstall} (which must map again whatever was installed with
     * {@link #map} or {@link #intercept}) and then fills pages on demand from the provider again. Watched pages
     * stay watched. Call only while no CPU is running on this memory.
     */
    public void dropTables(Runnable reinstall) {
        this.reinstall = java.util.Objects.requireNonNull(reinstall);
        if (pages != NO_PAGES) {
            // Nothing else holds these arrays: the CPU reaches pages only through this object's methods.
            RECYCLER.give(new TableRecycler.Tables(pages, readable, writable, interceptors));
        }
        pages = NO_PAGES;
        readable = NO_BYTES;
        writable = NO_BYTES;
        interceptors = NO_INTERCEPTORS;
        codeEpoch++;
    }

    /** True while the page table is dropped ({@link #dropTables}). */
    public boolean tablesDropped() {
        return reinstall != null;
    }

    /**
     * Builds the page table now rather than on the first access: a dropped one (admission) is rebuilt and its
     * explicit mappings reinstalled; one never built yet is allocated empty. No-op once it exists.
     */
    public void restoreTables() {
        if (pages != NO_PAGES) {
            return;
        }
        Runnable r = reinstall;
        reinstall = null;
        allocateTables();
        codeEpoch++;
        if (r != null) {
            r.run();
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** Changes whenever previously decoded code may be stale (a code page was written or pages were remapped). */
    public int codeEpoch() {
        return codeEpoch;
    }

    // ---- reads ----

    @Override
    public int read8(int address) {
        int pn = address >>> MemoryMap.PAGE_SHIFT;
        if (pn < readable.length) {
            byte[] data = readable[pn];
            if (data != null) {
                return data[address & OFFSET_MASK] & 0xFF;
            }
        }
        if (watchedCount != 0) {
            return (int) readSlow(address, 1);
        }
        return touch(pn, address, false).data()[address & OFFSET_MASK] & 0xFF;
    }

    @Override
    public int read16(int address) {
        int pn = address >>> MemoryMap.PAGE_SHIFT;
        int offset = address & OFFSET_MASK;
        if (pn < readable.length && offset <= Page.SIZE - 2) {
            byte[] data = readable[pn];
            if (data != null) {
                return (short) SHORT.get(data, offset) & 0xFFFF;
            }
        }
        return (int) readSlow(address, 2);
    }

    @Override
    public int read32(int address) {
        int pn = address >>> MemoryMap.PAGE_SHIFT;
        int offset = address & OFFSET_MASK;
        if (pn < readable.length && offset <= Page.SIZE - 4) {
            byte[] data = readable[pn];
            if (data != null) {
                return (int) INT.get(data, offset);
            }
        }
        return (int) readSlow(address, 4);
    }

    /**
     * For the CPU's inlined fast path: the backing bytes of the page holding {@code [address, address + size)} if
     * that range lies in one page that may be read directly (mapped, not watched), else null; the caller then
     * uses {@link #read8}/{@link #read16}/{@link #read32}, which handle everything else. Callers must not write
     * into the returned array (it may be a page shared between VMs).
     */
    // directReadable/directWritable stay within C2's MaxInlineSize (35 bytecodes), so they are inlined even at call
    // sites C2 thinks cold: the compiler's generated bodies loop inside one call and their profiles call every
    // site cold (at 36 bytecodes most sites stayed calls; docs/performance.md, "Sixth round").
    public byte[] directReadable(int address, int size) {
        int pn = address >>> MemoryMap.PAGE_SHIFT;
        if (pn < readable.length && (address | ~OFFSET_MASK) <= -size) { // offset - SIZE <= -size: in one page
            return readable[pn];
        }
        return null;
    }

    /**
     * For the CPU's inlined fast path: the backing bytes of the page holding {@code [address, address + size)} if
     * that range lies in one page that may be written in place (private, no decoded code, no interceptor, not
     * watched), else null; the caller then uses the write methods, which handle copy-on-write, code invalidation,
     * interception, watchpoints and faults. A non-null result may also be read directly.
     */
    public byte[] directWritable(int address, int size) {
        int pn = address >>> MemoryMap.PAGE_SHIFT;
        if (pn < writable.length && (address | ~OFFSET_MASK) <= -size) { // offset - SIZE <= -size: in one page
            return writable[pn];
        }
        return null;
    }

    private long readSlow(int address, int count) {
        // Touch every page first so a fault reports the first inaccessible byte before anything is read.
        for (int i = 0; i < count; i++) {
            touch((address + i) >>> MemoryMap.PAGE_SHIFT, address + i, false);
        }
        reportWatched(address, count, false);
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            int a = address + i;
            value = value << 8 | pages[a >>> MemoryMap.PAGE_SHIFT].data()[a & OFFSET_MASK] & 0xFF;
        }
        return value;
    }

    private void reportWatched(int address, int count, boolean write) {
        if (watchedCount == 0) {
            return;
        }
        int first = address >>> MemoryMap.PAGE_SHIFT;
        int last = (address + count - 1) >>> MemoryMap.PAGE_SHIFT;
        if ((first < watched.length && watched[first] || last < watched.length && watched[last])
                && watcher.accessed(address, count, write)) {
            watchTriggered = true;
        }
    }

    // ---- writes ----

    @Override
    public void write8(int address, int value) {
        int pn = address >>> MemoryMap.PAGE_SHIFT;
        if (pn < writable.length) {
            byte[] data = writable[pn];
            if (data != null) {
                data[address & OFFSET_MASK] = (byte) value;
                return;
            }
        }
        writeSlow(address, 1, value);
    }

    @Override
    public void write16(int address, int value) {
        int pn = address >>> MemoryMap.PAGE_SHIFT;
        int offset = address & OFFSET_MASK;
        if (pn < writable.length && offset <= Page.SIZE - 2) {
            byte[] data = writable[pn];
            if (data != null) {
                SHORT.set(data, offset, (short) value);
                return;
            }
        }
        writeSlow(address, 2, value);
    }

    @Override
    public void write32(int address, int value) {
        int pn = address >>> MemoryMap.PAGE_SHIFT;
        int offset = address & OFFSET_MASK;
        if (pn < writable.length && offset <= Page.SIZE - 4) {
            byte[] data = writable[pn];
            if (data != null) {
                INT.set(data, offset, value);
                return;
            }
        }
        writeSlow(address, 4, value);
    }

    private void writeSlow(int address, int count, int value) {
        for (int i = 0; i < count; i++) {
            prepareWrite(address + i);
        }
        reportWatched(address, count, true);
        int pn = address >>> MemoryMap.PAGE_SHIFT;
        int end = address + count - 1;
        WriteInterceptor interceptor = interceptors[pn];
        if (interceptor != null && (end >>> MemoryMap.PAGE_SHIFT) == pn) {
            interceptor.write(pages[pn], address & OFFSET_MASK, count, value);
            return;
        }
        for (int i = 0; i < count; i++) {
            int a = address + i;
            int p = a >>> MemoryMap.PAGE_SHIFT;
            if (interceptors[p] != null) {
                interceptors[p].write(pages[p], a & OFFSET_MASK, 1, value >>> (8 * i) & 0xFF);
            } else {
                pages[p].data()[a & OFFSET_MASK] = (byte) (value >>> (8 * i));
            }
        }
    }

    /** Makes the byte at {@code address} writable in place: range check, allocation, copy-on-write, SMC. */
    private void prepareWrite(int address) {
        int pn = address >>> MemoryMap.PAGE_SHIFT;
        Page page = touch(pn, address, true);
        if (page.isShared()) {
            Page copy = provider.copyOnWrite(pn, page);
            if (copy == null || copy.isShared()) {
                throw new PageFault(address, true);
            }
            install(pn, copy);
            page = copy;
        }
        if (page.codeCache() != null) {
            page.invalidateCode();
            codeEpoch++;
        }
        if (interceptors[pn] == null && !isWatched(pn)) {
            writable[pn] = page.data();
        }
    }

    // ---- bulk ----

    @Override
    public void readBytes(int address, byte[] target, int offset, int length) {
        checkRange(address, length, false);
        for (int i = 0; i < length; i++) {
            target[offset + i] = (byte) read8(address + i);
        }
    }

    @Override
    public void writeBytes(int address, byte[] source, int offset, int length) {
        checkRange(address, length, true);
        for (int i = 0; i < length; i++) {
            write8(address + i, source[offset + i]);
        }
    }

    private void checkRange(int address, int length, boolean write) {
        long first = address & 0xFFFF_FFFFL;
        long limit = size & 0xFFFF_FFFFL;
        if (first >= limit) {
            throw new PageFault(address, write);
        }
        if (first + length > limit) {
            throw new PageFault((int) limit, write);
        }
    }

    // ---- page table ----

    @Override
    public Page page(int address) {
        return touch(address >>> MemoryMap.PAGE_SHIFT, address, false);
    }

    /** The page's decode cache for instruction fetch; stores to the page then take the slow path to invalidate it. */
    public Object[] codeCache(int address) {
        int pn = address >>> MemoryMap.PAGE_SHIFT;
        Page page = touch(pn, address, false);
        writable[pn] = null;
        return page.codeCacheOrCreate();
    }

    @Override
    public void map(int pageNumber, Page page) {
        checkPageNumber(pageNumber);
        install(pageNumber, page);
    }

    @Override
    public void unmap(int pageNumber) {
        if (reinstall != null && pageNumber >= 0 && pageNumber < pageCount) {
            return; // a dropped table maps nothing; do not rebuild it just to clear an entry
        }
        checkPageNumber(pageNumber);
        pages[pageNumber] = null;
        readable[pageNumber] = null;
        writable[pageNumber] = null;
        codeEpoch++;
    }

    @Override
    public void intercept(int pageNumber, WriteInterceptor interceptor) {
        checkPageNumber(pageNumber);
        interceptors[pageNumber] = interceptor;
        writable[pageNumber] = null;
    }

    private void checkPageNumber(int pageNumber) {
        restoreTables();
        if (pageNumber < 0 || pageNumber >= pages.length) {
            throw new IllegalArgumentException("page number outside the accessible range: " + pageNumber);
        }
    }

    private Page touch(int pn, int address, boolean write) {
        restoreTables();
        if (pn < 0 || pn >= pages.length) {
            throw new PageFault(address, write);
        }
        Page page = pages[pn];
        if (page == null) {
            page = provider.pageFor(pn);
            if (page == null) {
                throw new PageFault(address, write);
            }
            install(pn, page);
        }
        return page;
    }

    private void install(int pn, Page page) {
        pages[pn] = page;
        boolean watch = isWatched(pn);
        readable[pn] = watch ? null : page.data();
        writable[pn] = page.isShared() || page.codeCache() != null || interceptors[pn] != null || watch ? null
            : page.data();
        codeEpoch++;
    }

    // ---- debugger watchpoints ----

    /** Who hears about accesses to watched pages (the debugger); must be set before the first {@link #watchPage}. */
    public void setAccessWatcher(AccessWatcher accessWatcher) {
        this.watcher = accessWatcher;
    }

    /**
     * Starts or stops reporting every access to page {@code pageNumber} to the {@link AccessWatcher}. Watched pages
     * always take the slow path; call only while the VM is not running.
     */
    public void watchPage(int pageNumber, boolean watch) {
        checkPageNumber(pageNumber);
        if (watch && watcher == null) {
            throw new IllegalStateException("no access watcher set");
        }
        if (watched == null) {
            watched = new boolean[pageCount];
        }
        if (watched[pageNumber] == watch) {
            return;
        }
        watched[pageNumber] = watch;
        watchedCount += watch ? 1 : -1;
        readable[pageNumber] = null;
        writable[pageNumber] = null;
        Page page = pages[pageNumber];
        if (page != null) {
            install(pageNumber, page);
        }
    }

    /** True while any page is watched: the CPU then checks {@link #takeWatchTrigger()} after every instruction. */
    public boolean hasWatchedPages() {
        return watchedCount != 0;
    }

    /** Whether a watched access asked to stop since the last call; clears the request. */
    public boolean takeWatchTrigger() {
        boolean triggered = watchTriggered;
        watchTriggered = false;
        return triggered;
    }

    /** Whether page {@code pageNumber} is in memory now (the debugger's residency map); never touches it. */
    /**
     * The page mapped at {@code pageNumber}, or null if none (or the table is dropped); no side effect at all: no
     * page is provided, no table rebuilt, no watcher told (core files read a stopped VM without disturbing it).
     */
    public Page mappedPage(int pageNumber) {
        return pageNumber >= 0 && pageNumber < pages.length ? pages[pageNumber] : null;
    }

    public boolean isMapped(int pageNumber) {
        return pageNumber >= 0 && pageNumber < pages.length && pages[pageNumber] != null;
    }

    private boolean isWatched(int pn) {
        return watched != null && watched[pn];
    }
}
