package org.denali.emulator.kernel.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nothing the scheduler does may cost the number of queued VMs: ending a VM used to search the whole run queue
 * for it (quadratic {@code denali run --count N}). The scheduler counts the queue entries it looks at.
 */
class SchedulerScaleTest {
    private static final int VMS = 100_000;

    @Test
    void removingVmsLooksAtNoEntryAndEachEntryIsVisitedOnce() {
        RoundRobinScheduler s = new RoundRobinScheduler();
        for (int id = 1; id <= VMS; id++) {
            s.ready(id, id % 3 == 0);
        }
        for (int id = 2; id <= VMS; id += 2) {
            s.remove(id); // every even VM ends while queued
        }
        assertEquals(0, s.entriesVisited(), "removal looks at no queue entry");
        assertEquals(VMS / 2, s.size());

        List<Integer> ran = new ArrayList<>();
        for (int id = s.next(); id >= 0; id = s.next()) {
            ran.add(id);
        }
        assertEquals(VMS / 2, ran.size());
        assertEquals(ran.size(), ran.stream().distinct().count());
        assertEquals(0, ran.stream().filter(id -> id % 2 == 0).count(), "removed VMs never run");
        assertEquals(VMS, s.entriesVisited(), "every entry, stale or not, is looked at exactly once");
        assertEquals(0, s.size());
    }

    @Test
    void aPromotedVmRunsFirstAndOnlyOnce() {
        RoundRobinScheduler s = new RoundRobinScheduler();
        for (int id = 1; id <= VMS; id++) {
            s.ready(id, false);
        }
        s.promote(VMS);
        long before = s.entriesVisited();
        assertEquals(VMS, s.next(), "the promoted VM runs next");
        assertEquals(1, s.entriesVisited() - before, "promotion searched nothing");
        List<Integer> ran = new ArrayList<>();
        for (int id = s.next(); id >= 0; id = s.next()) {
            ran.add(id);
        }
        assertEquals(VMS - 1, ran.size(), "its old place is skipped");
        assertEquals(1, ran.get(0));
        assertEquals(VMS - 1, ran.get(ran.size() - 1));
    }
}
