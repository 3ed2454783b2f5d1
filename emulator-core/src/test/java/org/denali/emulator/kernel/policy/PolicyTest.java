package org.denali.emulator.kernel.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {
    @Test
    void roundRobinRotatesAndCompensatedOrPromotedVmsGoFirst() {
        RoundRobinScheduler s = new RoundRobinScheduler();
        s.ready(1, false);
        s.ready(2, false);
        s.ready(3, false);
        assertEquals(1, s.next());
        s.ready(1, false);
        s.ready(4, true); // woke from idle
        assertEquals(4, s.next());
        s.promote(1);
        assertEquals(1, s.next());
        assertEquals(2, s.next());
        s.remove(3);
        assertEquals(-1, s.next());
    }

    /** Free pages and footprints as a fake memory manager would report them. */
    private record View(long free, Map<Integer, Long> footprint, int admittedCount) implements AdmissionView {
        @Override
        public long freeBackingPages() {
            return free;
        }

        @Override
        public long footprintPages(int vmId) {
            return footprint.get(vmId);
        }

        @Override
        public long residentPages(int vmId) {
            return footprint.get(vmId);
        }
    }

    @Test
    void compensationCannotStarveVmsThatNeverIdle() {
        RoundRobinScheduler s = new RoundRobinScheduler();
        s.ready(100, false); // never idles
        s.ready(101, false);
        // A flood of waking VMs, as in a saturated kernel: every pick, two more wake.
        int wakes = 1;
        List<Integer> picks = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            s.ready(wakes++, true);
            s.ready(wakes++, true);
            int id = s.next();
            picks.add(id);
            if (id >= 100) {
                s.ready(id, false); // back to the tail, like a VM whose quantum ran out
            }
        }
        int run = RoundRobinScheduler.COMPENSATED_RUN;
        assertEquals(100, picks.get(run), "after " + run + " compensated VMs the ordinary head runs: " + picks);
        assertEquals(101, picks.get(2 * run + 1), picks.toString());
        assertEquals(List.of(1, 2, 3, 4), picks.subList(0, run), "compensated VMs run first, in wake order");
    }

    @Test
    void gatekeeperAdmitsInFifoOrderWhileTheMinimumStaysFree() {
        FifoGatekeeper g = new FifoGatekeeper(10);
        g.waiting(5);
        g.waiting(3);
        g.waiting(9);
        Map<Integer, Long> sizes = Map.of(5, 20L, 3, 30L, 9, 1L);
        assertEquals(List.of(5, 3), g.admit(new View(60, sizes, 0)), "60-20-30 = 10 still free; 9 would fit "
            + "but must not overtake");
        assertEquals(List.of(), g.admit(new View(10, sizes, 2)));
        assertEquals(List.of(9), g.admit(new View(11, sizes, 2)));
        assertEquals(0, g.waitingCount());
    }

    @Test
    void gatekeeperAlwaysAdmitsOneVmWhenNothingRuns() {
        FifoGatekeeper g = new FifoGatekeeper(100);
        g.waiting(1);
        g.waiting(2);
        assertEquals(List.of(1), g.admit(new View(5, Map.of(1, 50L, 2, 50L), 0)));
    }

    @Test
    void gatekeeperEvictsLongestIdleVmsOnlyWhileSomeoneWaitsForMemory() {
        FifoGatekeeper g = new FifoGatekeeper(10);
        Map<Integer, Long> sizes = Map.of(1, 8L, 2, 8L, 3, 8L, 4, 8L);
        assertEquals(List.of(), g.evict(new View(0, sizes, 3), List.of(1, 2, 3)), "nobody waiting");
        g.waiting(4);
        assertEquals(List.of(1, 2, 3), g.evict(new View(0, sizes, 3), List.of(1, 2, 3)));
        assertEquals(List.of(1), g.evict(new View(12, sizes, 3), List.of(1, 2, 3)));
    }
}
