package org.denali.emulator.kernel.memory;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SortedMap;
import org.denali.emulator.memory.PagedMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core files read a VM's swapped pages without paging them in: contents right, nothing about the VM changes. */
class PeekSwappedTest {
    private static final int PAGE = 4096;

    @TempDir
    Path dir;
    private SwapSpace swap;

    @BeforeEach
    void openSwap() throws IOException {
        swap = SwapSpace.create(dir.resolve("test.swap"), 16L << 20);
    }

    @AfterEach
    void closeSwap() throws IOException {
        swap.close();
    }

    private static void fill(VmMemory vm, PagedMemory mem, int first, int count) {
        vm.markRunning();
        for (int pn = first; pn < first + count; pn++) {
            mem.write32(pn * PAGE + 8, 0x5EED0000 + pn);
        }
        vm.markStopped(1);
    }

    @Test
    void evictedPagesAreReadFromSwapAndStayThere() {
        PhysicalMemory phys = new PhysicalMemory(4, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, 64 * PAGE, 64 * PAGE, null);
        PagedMemory memA = a.newGuestMemory();
        fill(a, memA, 10, 4);
        VmMemory b = phys.createVm(2, 64 * PAGE, 64 * PAGE, null);
        fill(b, b.newGuestMemory(), 20, 3); // needs 3 of A's 4 backing pages: they go to swap
        int swapped = a.swappedPages();
        assertTrue(swapped >= 3, "A's pages were evicted: " + swapped);
        VmMemoryStats before = a.stats();
        long free = phys.freePages();

        SortedMap<Integer, byte[]> pages = a.peekSwapped();
        assertEquals(swapped, pages.size());
        pages.forEach((pn, bytes) -> assertEquals(0x5EED0000 + pn, intAt(bytes, 8), "page " + pn));
        assertEquals(before, a.stats(), "no page-in, nothing resident, same counters");
        assertEquals(free, phys.freePages());
        assertEquals(swapped, a.swappedPages());
        for (int pn : pages.keySet()) {
            assertFalse(memA.isMapped(pn), "page " + pn + " stays unmapped");
        }
    }

    @Test
    void aVmSwappedOutWholeIsReadFromItsSwapHeader() {
        PhysicalMemory phys = new PhysicalMemory(16, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, 64 * PAGE, 64 * PAGE, null);
        fill(a, a.newGuestMemory(), 3, 5);
        phys.swapOut(a);
        assertTrue(a.isSwappedOut());
        VmMemoryStats before = a.stats();

        SortedMap<Integer, byte[]> pages = a.peekSwapped();
        assertEquals(java.util.List.of(3, 4, 5, 6, 7), java.util.List.copyOf(pages.keySet()));
        pages.forEach((pn, bytes) -> assertEquals(0x5EED0000 + pn, intAt(bytes, 8), "page " + pn));
        assertTrue(a.isSwappedOut(), "still swapped out");
        assertEquals(before, a.stats());
    }

    @Test
    void aVmWithoutSwappedPagesHasNone() {
        PhysicalMemory phys = new PhysicalMemory(16, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, 64 * PAGE, 64 * PAGE, null);
        fill(a, a.newGuestMemory(), 3, 2);
        assertTrue(a.peekSwapped().isEmpty());
    }

    private static int intAt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
            | (bytes[offset + 3] & 0xFF) << 24;
    }
}
