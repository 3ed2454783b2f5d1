package org.denali.emulator.kernel.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile soak in its short CI form: two rounds (one under the kernel monitor with a heap budget, one under
 * --phys-memory pressure). Every kind of hostile guest ran, faults of several vectors happened, every bystander
 * kept its pattern and finished, and nothing leaked or threw in the host.
 */
class HostileSoakTest {
    @TempDir
    Path temp;

    @Test
    void twoRoundsOfHostileGuestsLeaveTheBystandersAndTheHostUnharmed() {
        HostileSoak.Report r = new HostileSoak(13, temp).run(0, 2, report -> { });
        assertEquals(2, r.rounds);
        assertTrue(r.clean(), "host exceptions " + r.hostExceptions + ", lost bystanders " + r.lostBystanders
            + ", leftovers " + r.leftoverProcesses + "/" + r.leftoverFiles + ": " + r.problems);
        assertEquals(2L * HostileSoak.RANDOM_STREAMS, r.randomStreams);
        assertEquals(2L * HostileSoak.BYSTANDERS * HostileSoak.BYSTANDER_ROUNDS, r.bystanderChecks);
        assertTrue(r.faultsByVector.keySet().containsAll(java.util.List.of("#UD", "#DE", "#PF")),
            r.faultsByVector.toString());
        assertTrue(r.exits.getOrDefault("hog faulted", 0L) > 0, "the hogs exceeded the heap budget: " + r.exits);
        assertTrue(r.exits.getOrDefault("writer faulted", 0L) > 0 && r.exits.getOrDefault("prober faulted", 0L) > 0,
            r.exits.toString());
    }
}
