package org.denali.emulator.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.denali.emulator.memory.Page;
import org.denali.emulator.memory.PageProvider;
import org.denali.emulator.memory.PagedMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhysicalMemoryTest {
    private static final int PAGE = 4096;
    private static final int VM_SIZE = 64 * PAGE;

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

    /** Writes a page-identifying pattern into pages [first, first + count) while the VM runs. */
    private static void fill(VmMemory vm, PagedMemory mem, int first, int count, int seed) {
        vm.markRunning();
        for (int pn = first; pn < first + count; pn++) {
            for (int off = 0; off < PAGE; off += 4) {
                mem.write32(pn * PAGE + off, seed ^ pn * 0x9E3779B9 ^ off);
            }
        }
        vm.markStopped(System.nanoTime());
    }

    private static void verify(VmMemory vm, PagedMemory mem, int first, int count, int seed) {
        vm.markRunning();
        for (int pn = first; pn < first + count; pn++) {
            for (int off = 0; off < PAGE; off += 4) {
                assertEquals(seed ^ pn * 0x9E3779B9 ^ off, mem.read32(pn * PAGE + off), "page " + pn + " +" + off);
            }
        }
        vm.markStopped(System.nanoTime());
    }

    @Test
    void pagesGetBackingOnFirstTouchOnly() {
        PhysicalMemory phys = new PhysicalMemory(16, swap, new LeastRecentlyRunPolicy());
        VmMemory vm = phys.createVm(1, VM_SIZE, VM_SIZE, null);
        PagedMemory mem = vm.newGuestMemory();
        assertEquals(16, phys.freePages());
        fill(vm, mem, 3, 2, 7);
        vm.markRunning();
        mem.read8(3 * PAGE + 5); // already resident: no new backing page
        vm.markStopped(1);
        assertEquals(14, phys.freePages());
        assertEquals(2, vm.stats().residentPages());
        assertEquals(PageState.RESIDENT, vm.residency().stateOf(3));
        assertEquals(PageState.ABSENT, vm.residency().stateOf(5));
    }

    @Test
    void exhaustedBudgetEvictsPagesOfNonRunningVmsAndTheyComeBackIntact() {
        PhysicalMemory phys = new PhysicalMemory(8, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, VM_SIZE, VM_SIZE, null);
        VmMemory b = phys.createVm(2, VM_SIZE, VM_SIZE, null);
        PagedMemory memA = a.newGuestMemory();
        PagedMemory memB = b.newGuestMemory();
        fill(a, memA, 10, 8, 0xA);
        assertEquals(0, phys.freePages());

        fill(b, memB, 20, 5, 0xB);

        assertEquals(8, phys.usedPages(), "the budget is never exceeded");
        assertEquals(5, b.stats().residentPages());
        assertEquals(3, a.stats().residentPages());
        assertEquals(5, a.stats().swappedPages());
        assertEquals(5, a.stats().pageOuts());
        // Oldest pages of the victim go first.
        assertArrayEquals(new int[] {10, 11, 12, 13, 14}, a.residency().swappedPages());

        verify(a, memA, 10, 8, 0xA); // pages of B are evicted in turn to make room
        assertEquals(5, a.stats().pageIns());
        assertEquals(8, phys.usedPages());
        assertEquals(5, b.stats().pageOuts(), "B was the least recently run VM when A came back");
        verify(b, memB, 20, 5, 0xB);
        assertEquals(8, phys.usedPages());
    }

    /**
     * Issue 13 item 3: a VM that needs a page while every page is held by a VM running on another worker waits for
     * that VM's quantum to end instead of dying of OUT_OF_BACKING_PAGES (on main it failed at once).
     */
    @Test
    void aVmWaitsForARunningVmsQuantumToEndInsteadOfDying() throws Exception {
        PhysicalMemory phys = new PhysicalMemory(4, swap, new LeastRecentlyRunPolicy());
        VmMemory hog = phys.createVm(1, VM_SIZE, VM_SIZE, null);
        VmMemory innocent = phys.createVm(2, VM_SIZE, VM_SIZE, null);
        PagedMemory memHog = hog.newGuestMemory();
        PagedMemory memInnocent = innocent.newGuestMemory();
        fill(hog, memHog, 0, 4, 7);
        hog.markRunning(); // the hog runs on another worker, holding every backing page
        java.util.concurrent.CompletableFuture<Throwable> innocentRun = java.util.concurrent.CompletableFuture
            .supplyAsync(() -> {
                try {
                    fill(innocent, memInnocent, 0, 1, 3);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
        while (!innocent.waitingForFrameForTest()) {
            Thread.sleep(1); // the innocent VM is now blocked for a page
        }
        hog.markStopped(10); // the hog's quantum ends: its pages become evictable
        assertEquals(null, innocentRun.get(), "the innocent VM got its page");
        verify(innocent, memInnocent, 0, 1, 3);
        verify(hog, memHog, 0, 4, 7);
    }

    @Test
    void runningVmsAreNeverVictims() {
        PhysicalMemory phys = new PhysicalMemory(4, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, VM_SIZE, VM_SIZE, null);
        VmMemory b = phys.createVm(2, VM_SIZE, VM_SIZE, null);
        PagedMemory memA = a.newGuestMemory();
        PagedMemory memB = b.newGuestMemory();
        fill(a, memA, 0, 4, 1);
        a.markRunning(); // A runs on another worker thread meanwhile
        b.markRunning();
        VmMemoryFault fault = assertThrows(VmMemoryFault.class, () -> memB.write32(0, 1));
        assertEquals(VmMemoryFault.Reason.OUT_OF_BACKING_PAGES, fault.reason());
        assertEquals(2, fault.vmId());
        assertEquals(0, a.stats().pageOuts());
        assertFalse(phys.makeRoom(1));
        a.markStopped(5);
        assertTrue(phys.makeRoom(1));
        assertEquals(1, a.stats().swappedPages());
    }

    @Test
    void pinnedPagesStayResident() {
        PhysicalMemory phys = new PhysicalMemory(4, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, VM_SIZE, VM_SIZE, null);
        a.pin(0);
        fill(a, a.newGuestMemory(), 0, 4, 1);
        assertTrue(phys.makeRoom(3));
        assertFalse(phys.makeRoom(4));
        assertEquals(PageState.RESIDENT, a.residency().stateOf(0));
        assertArrayEquals(new int[] {1, 2, 3}, a.residency().swappedPages());
    }

    @Test
    void evictionFollowsThePolicy() {
        PhysicalMemory phys = new PhysicalMemory(6, swap, new LeastRecentlyRunPolicy());
        VmMemory older = phys.createVm(1, VM_SIZE, VM_SIZE, null);
        VmMemory newer = phys.createVm(2, VM_SIZE, VM_SIZE, null);
        PagedMemory memNewer = newer.newGuestMemory();
        PagedMemory memOlder = older.newGuestMemory();
        fill(newer, memNewer, 0, 3, 1);
        fill(older, memOlder, 0, 3, 2);
        older.markStopped(100);
        newer.markStopped(200);
        assertTrue(phys.makeRoom(2));
        assertEquals(2, older.stats().swappedPages());
        assertEquals(0, newer.stats().swappedPages());

        // A custom policy replaces the default: always the highest VM id.
        PhysicalMemory phys2 = new PhysicalMemory(2, swap, c -> c.stream()
            .max(java.util.Comparator.comparingInt(VmMemory::vmId)).orElseThrow());
        VmMemory x = phys2.createVm(7, VM_SIZE, VM_SIZE, null);
        VmMemory y = phys2.createVm(8, VM_SIZE, VM_SIZE, null);
        fill(x, x.newGuestMemory(), 0, 1, 3);
        fill(y, y.newGuestMemory(), 0, 1, 3);
        assertTrue(phys2.makeRoom(1));
        assertEquals(1, y.stats().swappedPages());
        assertEquals(0, x.stats().swappedPages());
    }

    @Test
    void corruptedSwapPageIsAFaultOfThatVmNeverData() throws IOException {
        PhysicalMemory phys = new PhysicalMemory(4, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, VM_SIZE, VM_SIZE, null);
        PagedMemory mem = a.newGuestMemory();
        fill(a, mem, 5, 1, 0x5EED);
        assertTrue(phys.makeRoom(4));
        assertEquals(PageState.SWAPPED, a.residency().stateOf(5));

        flipOneByteOf(swap.file(), 0x5EED ^ 5 * 0x9E3779B9 ^ 0x100);

        a.markRunning();
        VmMemoryFault fault = assertThrows(VmMemoryFault.class, () -> mem.read32(5 * PAGE));
        assertEquals(VmMemoryFault.Reason.SWAP_CORRUPT, fault.reason());
        assertEquals(1, fault.vmId());
        assertEquals(5, fault.pageNumber());
        assertEquals(0, phys.usedPages(), "the frame taken for the failed page-in is given back");
        assertEquals(PageState.SWAPPED, a.residency().stateOf(5));
    }

    @Test
    void wholeVmSwapOutAndInRoundTrip() {
        PhysicalMemory phys = new PhysicalMemory(32, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, VM_SIZE, VM_SIZE, null);
        PagedMemory mem = a.newGuestMemory();
        fill(a, mem, 1, 20, 0x77);
        assertEquals(20, phys.usedPages());

        phys.swapOut(a);
        assertTrue(a.isSwappedOut());
        assertEquals(0, phys.usedPages());
        assertEquals(20, a.swappedPages());
        assertEquals(20, a.residency().swappedPages().length, "residency of a swapped-out VM comes from its header");
        assertThrows(IllegalStateException.class, a::markRunning);

        phys.swapIn(a);
        assertEquals(20, phys.usedPages(), "read ahead at admission");
        assertEquals(0, a.swappedPages());
        verify(a, a.newGuestMemory(), 1, 20, 0x77);
        verify(a, mem, 1, 20, 0x77); // the old guest memory was unmapped, so it works too
        assertEquals(20, a.stats().pageIns());
    }

    @Test
    void swapInWithoutRoomPagesTheRestInOnTouch() {
        PhysicalMemory phys = new PhysicalMemory(10, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, VM_SIZE, VM_SIZE, null);
        VmMemory b = phys.createVm(2, VM_SIZE, VM_SIZE, null);
        fill(a, a.newGuestMemory(), 0, 8, 1);
        phys.swapOut(a);
        b.markRunning();
        PagedMemory memB = b.newGuestMemory();
        for (int pn = 0; pn < 6; pn++) {
            memB.write8(pn * PAGE, 1);
        }
        phys.swapIn(a); // only 4 pages are free
        assertEquals(4, a.stats().residentPages());
        assertEquals(4, a.swappedPages());
        b.markStopped(1);
        verify(a, a.newGuestMemory(), 0, 8, 1);
    }

    @Test
    void corruptedSwapHeaderIsDetectedOnSwapIn() throws IOException {
        PhysicalMemory phys = new PhysicalMemory(8, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, VM_SIZE, VM_SIZE, null);
        fill(a, a.newGuestMemory(), 0, 2, 3);
        phys.swapOut(a);
        // Region 0 starts at slot 0 with its header: entry 0 is {pageNumber + 1, crc}. Mark slot 0 "free".
        try (FileChannel ch = FileChannel.open(swap.file(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4), 0);
        }
        VmMemoryFault fault = assertThrows(VmMemoryFault.class, () -> phys.swapIn(a));
        assertEquals(VmMemoryFault.Reason.SWAP_CORRUPT, fault.reason());
        phys.release(a);
        assertEquals(0, phys.usedPages());
    }

    @Test
    void sharedImagePagesCostNoBudgetAndAreNeverSwapped() {
        Page code = Page.sharedCopyOf(new byte[] {(byte) 0x90, (byte) 0xC3});
        PageProvider image = pn -> pn == 0x10 ? code : Page.zeroed();
        PhysicalMemory phys = new PhysicalMemory(8, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, VM_SIZE, VM_SIZE, image);
        VmMemory b = phys.createVm(2, VM_SIZE, VM_SIZE, image);
        PagedMemory memA = a.newGuestMemory();
        PagedMemory memB = b.newGuestMemory();
        a.markRunning();
        b.markRunning();
        assertEquals(0x90, memA.read8(0x10 * PAGE));
        assertEquals(0xC3, memB.read8(0x10 * PAGE + 1));
        assertSame(memA.page(0x10 * PAGE), memB.page(0x10 * PAGE));
        assertEquals(0, phys.usedPages());
        assertEquals(PageState.ABSENT, a.residency().stateOf(0x10));
        memA.write8(0x10 * PAGE + 2, 0xCC); // copy-on-write: now a private page that counts and swaps
        assertNotSame(memA.page(0x10 * PAGE), memB.page(0x10 * PAGE));
        assertEquals(1, phys.usedPages());
        a.markStopped(1);
        b.markStopped(1);

        phys.swapOut(b);
        assertEquals(0, b.swappedPages(), "B held only the shared page: nothing to write");
        phys.swapOut(a);
        assertArrayEquals(new int[] {0x10}, a.residency().swappedPages());
        phys.swapIn(b);
        phys.swapIn(a);
        PagedMemory memA2 = a.newGuestMemory();
        PagedMemory memB2 = b.newGuestMemory();
        a.markRunning();
        b.markRunning();
        assertEquals(0xCC, memA2.read8(0x10 * PAGE + 2));
        assertEquals(0x90, memA2.read8(0x10 * PAGE));
        assertEquals(0, memB2.read8(0x10 * PAGE + 2));
        assertSame(code, memB2.page(0x10 * PAGE), "re-obtained from the image, not from swap");
    }

    @Test
    void theOriginDecidesWhetherASharedPageMayBeWritten() {
        Page code = Page.sharedCopyOf(new byte[] {(byte) 0xC3});
        PageProvider readOnlyImage = new PageProvider() {
            @Override
            public Page pageFor(int pn) {
                return pn == 0x10 ? code : Page.zeroed();
            }

            @Override
            public Page copyOnWrite(int pn, Page shared) {
                return null; // a text segment: writes are #PF
            }
        };
        PhysicalMemory phys = new PhysicalMemory(8, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, VM_SIZE, VM_SIZE, readOnlyImage);
        PagedMemory mem = a.newGuestMemory();
        a.markRunning();
        assertThrows(org.denali.emulator.memory.PageFault.class, () -> mem.write8(0x10 * PAGE, 0));
        assertEquals(0xC3, mem.read8(0x10 * PAGE));
        assertEquals(0, phys.usedPages(), "a refused copy-on-write costs nothing");
    }

    @Test
    void swapRegionsAreStaticAndReusedAfterRelease() {
        try (SwapSpace small = SwapSpace.create(dir.resolve("small.swap"), 40L * PAGE)) {
            PhysicalMemory phys = new PhysicalMemory(8, small, new LeastRecentlyRunPolicy());
            VmMemory a = phys.createVm(1, VM_SIZE, 19L * PAGE, null); // 19 data slots + 1 header slot
            VmMemory b = phys.createVm(2, VM_SIZE, 19L * PAGE, null);
            assertEquals(0, small.freeSlots());
            assertThrows(IllegalStateException.class, () -> phys.createVm(3, VM_SIZE, PAGE, null));
            phys.release(a);
            assertEquals(20, small.freeSlots());
            VmMemory c = phys.createVm(3, VM_SIZE, 19L * PAGE, null);
            assertEquals(19, c.stats().swapSlots());
            phys.release(b);
            phys.release(c);
            assertEquals(40, small.freeSlots(), "free extents merge back into one");
            assertEquals(40, phys.createVm(4, VM_SIZE, 39L * PAGE, null).stats().swapSlots() + 1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFullSwapRegionRefusesWholeSwapOutWithoutLosingAnything() {
        PhysicalMemory phys = new PhysicalMemory(8, swap, new LeastRecentlyRunPolicy());
        VmMemory a = phys.createVm(1, VM_SIZE, 2L * PAGE, null);
        PagedMemory mem = a.newGuestMemory();
        fill(a, mem, 0, 3, 9);
        VmMemoryFault fault = assertThrows(VmMemoryFault.class, () -> phys.swapOut(a));
        assertEquals(VmMemoryFault.Reason.SWAP_FULL, fault.reason());
        assertFalse(a.isSwappedOut());
        assertFalse(phys.makeRoom(8), "only 2 of the 3 pages fit the region");
        assertEquals(7, phys.freePages());
        assertEquals(2, a.swappedPages(), "page eviction stops when the region is full");
        verify(a, mem, 0, 3, 9);
    }

    @Test
    void releaseGivesBackPagesAndRegion() {
        PhysicalMemory phys = new PhysicalMemory(8, swap, new LeastRecentlyRunPolicy());
        long before = swap.freeSlots();
        VmMemory a = phys.createVm(1, VM_SIZE, VM_SIZE, null);
        fill(a, a.newGuestMemory(), 0, 5, 1);
        phys.release(a);
        assertEquals(0, phys.usedPages());
        assertEquals(before, swap.freeSlots());
        assertEquals(List.of(), phys.vms());
        assertThrows(IllegalStateException.class, a::markRunning);
    }

    /** Finds the 4-byte little-endian {@code marker} in the file and flips one bit of it. */
    static void flipOneByteOf(Path file, int marker) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer all = ByteBuffer.allocate((int) ch.size());
            ch.read(all, 0);
            all.flip().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i + 4 <= all.limit(); i += 4) {
                if (all.getInt(i) == marker) {
                    ch.write(ByteBuffer.wrap(new byte[] {(byte) (all.get(i) ^ 1)}), i);
                    return;
                }
            }
        }
        throw new AssertionError("marker not found in swap file");
    }
}
