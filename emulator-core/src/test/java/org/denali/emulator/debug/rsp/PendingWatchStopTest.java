package org.denali.emulator.debug.rsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.denali.emulator.debug.StopCause;
import org.denali.emulator.debug.WatchKind;
import org.denali.emulator.debug.Watchpoint;
import org.junit.jupiter.api.Test;

/**
 * A watchpoint stop gdb has not been told about yet (a second VM's, from the same instant) is reported by the
 * next resume only while a watchpoint of the same kind still covers the address. Found in CI: a VM's write that
 * hit {@code watch count} was reported after {@code delete; rwatch count} as a read watchpoint hit.
 */
class PendingWatchStopTest {
    private static final int COUNT = 0x0010_2000;

    private static StopCause watchStop(WatchKind kind, int address) {
        return new StopCause(StopCause.Kind.WATCHPOINT, address, kind, null, null);
    }

    @Test
    void aWriteStopStandsOnlyForAWriteWatchpointThatStillCoversIt() {
        StopCause write = watchStop(WatchKind.WRITE, COUNT + 2);
        assertTrue(GdbSession.watchStopStands(write, List.of(new Watchpoint(COUNT, 4, WatchKind.WRITE))));
        assertFalse(GdbSession.watchStopStands(write, List.of(new Watchpoint(COUNT, 4, WatchKind.READ))),
            "an rwatch inserted since does not make a write stop stand");
        assertFalse(GdbSession.watchStopStands(write, List.of(new Watchpoint(COUNT, 4, WatchKind.ACCESS))));
        assertFalse(GdbSession.watchStopStands(write, List.of(new Watchpoint(COUNT + 4, 4, WatchKind.WRITE))),
            "another variable");
        assertFalse(GdbSession.watchStopStands(write, List.of()), "deleted");
    }

    @Test
    void readAndAccessStopsMatchTheirOwnKinds() {
        assertTrue(GdbSession.watchStopStands(watchStop(WatchKind.READ, COUNT),
            List.of(new Watchpoint(COUNT, 4, WatchKind.WRITE), new Watchpoint(COUNT, 4, WatchKind.READ))));
        assertTrue(GdbSession.watchStopStands(watchStop(WatchKind.ACCESS, COUNT + 3),
            List.of(new Watchpoint(COUNT, 4, WatchKind.ACCESS))));
        assertFalse(GdbSession.watchStopStands(watchStop(WatchKind.ACCESS, COUNT + 3),
            List.of(new Watchpoint(COUNT, 4, WatchKind.READ))));
    }
}
