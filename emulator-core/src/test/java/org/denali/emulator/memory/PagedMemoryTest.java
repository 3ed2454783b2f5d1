package org.denali.emulator.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.arch.MemoryMap;
import org.junit.jupiter.api.Test;

class PagedMemoryTest {
    private final PagedMemory memory = new PagedMemory(1 << 20, PageProvider.ZERO_FILL);

    @Test
    void storesLittleEndianIncludingAcrossPageBoundaries() {
        memory.write32(0x1FFE, 0x11223344);
        assertEquals(0x44, memory.read8(0x1FFE));
        assertEquals(0x11, memory.read8(0x2001));
        assertEquals(0x11223344, memory.read32(0x1FFE));
        assertEquals(0x1122, memory.read16(0x2000));
        memory.write16(0x2FFF, 0xABCD);
        assertEquals(0xABCD, memory.read16(0x2FFF));
    }

    @Test
    void faultsOutsideTheAccessibleRangeAndInTheKernelRegion() {
        PageFault above = assertThrows(PageFault.class, () -> memory.read32(1 << 20));
        assertEquals(1 << 20, above.address());
        PageFault kernel = assertThrows(PageFault.class, () -> memory.write8(MemoryMap.KERNEL_REGION_BASE, 1));
        assertEquals(MemoryMap.KERNEL_REGION_BASE, kernel.address());
        assertTrue(kernel.isWrite());
        assertThrows(PageFault.class, () -> memory.read8(-1));
    }

    @Test
    void aFaultingWriteChangesNoByte() {
        int last = (1 << 20) - 2;
        memory.write16(last, 0x5555);
        PageFault f = assertThrows(PageFault.class, () -> memory.write32(last, 0x12345678));
        assertEquals(1 << 20, f.address());
        assertEquals(0x5555, memory.read16(last));
        byte[] source = new byte[8];
        assertThrows(PageFault.class, () -> memory.writeBytes(last - 4, source, 0, 8));
        assertEquals(0x5555, memory.read16(last));
    }

    @Test
    void sharedPagesAreCopiedOnFirstWrite() {
        Page image = Page.sharedCopyOf(new byte[] {1, 2, 3, 4});
        PagedMemory other = new PagedMemory(1 << 20, PageProvider.ZERO_FILL);
        memory.map(0x80, image);
        other.map(0x80, image);
        memory.write8(0x80_001, 99);
        assertEquals(99, memory.read8(0x80_001));
        assertEquals(2, other.read8(0x80_001));
        assertEquals(2, image.data()[1]);
        assertNotSame(image, memory.page(0x80_000));
        assertTrue(image == other.page(0x80_000));
    }

    @Test
    void writingACodePageDropsItsDecodeCache() {
        Object[] cache = memory.codeCache(0x5000);
        cache[0] = "decoded";
        int epoch = memory.codeEpoch();
        memory.write8(0x5010, 0x90);
        assertNull(memory.page(0x5000).codeCache());
        assertTrue(memory.codeEpoch() != epoch);
    }

    @Test
    void codeCacheOfASharedPageSurvivesAnotherVmsWrite() {
        Page image = Page.sharedCopyOf(new byte[16]);
        PagedMemory other = new PagedMemory(1 << 20, PageProvider.ZERO_FILL);
        memory.map(7, image);
        other.map(7, image);
        Object[] shared = memory.codeCache(7 << 12);
        assertTrue(shared == other.codeCache(7 << 12), "VMs sharing a code page share decoded code");
        other.write8(7 << 12, 0xCC);
        assertNotNull(image.codeCache());
        assertTrue(shared == memory.codeCache(7 << 12));
    }

    @Test
    void unmappedPagesAreRequestedAgainFromTheProvider() {
        List<Integer> requested = new ArrayList<>();
        PagedMemory m = new PagedMemory(1 << 20, pn -> {
            requested.add(pn);
            return Page.zeroed();
        });
        m.write8(0x3000, 1);
        m.unmap(3);
        assertEquals(0, m.read8(0x3000));
        assertEquals(List.of(3, 3), requested);
    }

    @Test
    void providerRefusalIsAPageFault() {
        PagedMemory m = new PagedMemory(1 << 20, pn -> pn == 5 ? null : Page.zeroed());
        assertEquals(0x5000, assertThrows(PageFault.class, () -> m.read8(0x5000)).address());
        assertEquals(0, m.read8(0x6000));
    }

    @Test
    void interceptorSeesWritesToItsPage() {
        List<String> writes = new ArrayList<>();
        memory.intercept(0, (page, offset, size, value) -> writes.add(offset + ":" + size + ":" + value));
        memory.write32(0x20, 1);
        memory.write8(0x24, 7);
        assertEquals(List.of("32:4:1", "36:1:7"), writes);
        assertEquals(0, memory.read32(0x20));
    }

    @Test
    void bulkCopiesRoundTrip() {
        byte[] data = {9, 8, 7, 6, 5, 4, 3, 2, 1};
        memory.writeBytes(0xFFB, data, 0, data.length);
        byte[] back = new byte[data.length];
        memory.readBytes(0xFFB, back, 0, back.length);
        assertArrayEquals(data, back);
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new PagedMemory(100, PageProvider.ZERO_FILL));
        assertThrows(IllegalArgumentException.class, () -> new PagedMemory(0xC000_1000, PageProvider.ZERO_FILL));
    }
    @Test
    void droppedTablesMapNothingAndAreRebuiltOnTheNextAccessWithTheExplicitMappings() {
        // A provider standing in for the memory manager: it keeps the VM's pages while the table is dropped.
        java.util.Map<Integer, Page> kept = new java.util.HashMap<>();
        PagedMemory vm = new PagedMemory(1 << 20, pn -> kept.computeIfAbsent(pn, n -> Page.zeroed()));
        Page registers = Page.zeroed();
        registers.data()[0] = 42;
        vm.map(0, registers);
        vm.write32(0x5000, 0xCAFE);
        int[] reinstalls = {0};
        vm.dropTables(() -> {
            reinstalls[0]++;
            vm.map(0, registers);
        });
        assertTrue(vm.tablesDropped());
        assertNull(vm.directReadable(0x5000, 4), "the fast path sees no page");
        assertNull(vm.directWritable(0x5000, 4));
        assertTrue(!vm.isMapped(0) && !vm.isMapped(5));
        vm.unmap(5); // a no-op on a dropped table: it does not rebuild it
        assertTrue(vm.tablesDropped());

        assertEquals(0xCAFE, vm.read32(0x5000), "the page comes back from the provider");
        assertEquals(1, reinstalls[0]);
        assertEquals(42, vm.read8(0), "the explicit mapping is back");
        assertTrue(!vm.tablesDropped());
        assertNotNull(vm.directWritable(0x5000, 4));
        vm.restoreTables(); // nothing dropped: nothing happens
        assertEquals(1, reinstalls[0]);
        PageFault outside = assertThrows(PageFault.class, () -> vm.read8(1 << 20));
        assertEquals(1 << 20, outside.address());
    }

    @Test
    void droppingTheTablesChangesTheCodeEpochSoTheCpuRefetches() {
        int epoch = memory.codeEpoch();
        memory.dropTables(() -> { });
        assertTrue(memory.codeEpoch() != epoch);
        int dropped = memory.codeEpoch();
        memory.restoreTables();
        assertTrue(memory.codeEpoch() != dropped);
    }
}
