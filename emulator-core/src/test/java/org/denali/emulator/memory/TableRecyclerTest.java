package org.denali.emulator.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A dropped page table is handed to the next memory of the same size that builds one (a million VMs taking turns
 * must not make the garbage collector the kernel's main work), and it comes back cleared: no memory ever sees
 * another's pages.
 */
class TableRecyclerTest {
    private static final int SIZE = 2 << 20;

    @Test
    void aDroppedTableIsReusedClearedByTheNextRebuild() {
        PagedMemory first = new PagedMemory(SIZE, PageProvider.ZERO_FILL);
        first.write32(0x5000, 0x1234_5678);
        assertTrue(first.isMapped(5));
        first.dropTables(() -> { });
        long recycledBefore = PagedMemory.RECYCLER.recycled();

        PagedMemory second = new PagedMemory(SIZE, PageProvider.ZERO_FILL);
        assertEquals(0, second.read32(0x1000), "building its table");
        assertEquals(recycledBefore + 1, PagedMemory.RECYCLER.recycled(), "the dropped table was reused");
        assertFalse(second.isMapped(5), "nothing of the first memory's table shows");
        assertEquals(0, second.read32(0x5000));
        second.write32(0x5000, 7);
        assertEquals(7, second.read32(0x5000));
    }

    @Test
    void theRecyclerKeepsAtMostItsBound() {
        TableRecycler recycler = new TableRecycler();
        int pageCount = 4096;
        long perTable = 16L * pageCount + 64;
        for (int i = 0; i < TableRecycler.MAX_BYTES / perTable + 10; i++) {
            recycler.give(new TableRecycler.Tables(new Page[pageCount], new byte[pageCount][], new byte[pageCount][],
                new WriteInterceptor[pageCount]));
        }
        int reused = 0;
        for (int i = 0; i < TableRecycler.MAX_BYTES / perTable + 10; i++) {
            recycler.take(pageCount);
            if (recycler.recycled() > reused) {
                reused++;
            }
        }
        assertEquals(TableRecycler.MAX_BYTES / perTable, reused);
    }
}
