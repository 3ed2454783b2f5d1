package org.denali.emulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.history.CheckpointPolicy;
import org.denali.emulator.debug.history.ExecutionHistory;
import org.denali.emulator.debug.history.HistoryException;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's proof for seeks: the five-VM LAN of {@link CheckpointExactnessTest} (frames exchanged, VMs swapped out
 * and in) runs under the debugger with its history recorded. Seeking back to a point restores the nearest
 * checkpoint and replays: every VM (run state, CPU, register page, pages resident or swapped, NIC queues) and the
 * clock equal what they were when the run passed that point (the debugger stopped it there); seeking forward again,
 * from a quantum boundary or from the middle of a quantum, ends exactly where the recording ended.
 */
class HistorySeekExactnessTest {
    private static final long RUN = 3_000_000;

    @Test
    void aSeekReachesTheOriginalRunsStateAndReplaysOnToItsEnd() throws Exception {
        CheckpointGuests guests = new CheckpointGuests();
        KernelDebugger debugger = KernelDebugger.newKernel(CheckpointGuests.config(), CheckpointGuests.memory());
        ExecutionHistory history = new ExecutionHistory(new CheckpointPolicy(400_000, 1, 4096, 1L << 30));
        CheckpointGuests.Lan recorded = guests.build(debugger.kernel(), network -> {
            history.attach(debugger.kernel(), network.lan());
        });
        history.bind(debugger);
        debugger.attach();
        debugger.suspendAll();
        Thread worker = new Thread(() -> debugger.kernel().run(), "recorded-kernel");
        worker.setDaemon(true);
        worker.start();
        debugger.resumeAll();
        runUntil(debugger, RUN / 2);
        long point = history.end();
        String atPoint = vmState(debugger.kernel().checkpoint());
        debugger.resumeAll();
        runUntil(debugger, RUN);
        long end = history.end();
        String atEnd = vmState(debugger.kernel().checkpoint());
        assertTrue(history.checkpointStats()[0] >= 5, "periodic checkpoints were taken");
        assertTrue(recorded.vms().stream().allMatch(vm -> vm.state() != VmState.ENDED));
        assertTrue(recorded.frames().size() > 100, "the VMs exchanged frames: " + recorded.frames().size());

        history.seek(point);
        assertEquals(point, history.position());
        assertTrue(history.inPast());
        assertEquals(atPoint, vmState(debugger.kernel().checkpoint()),
            "after a seek back, every VM and the clock are as they were when the run passed that point");

        history.seek(end);
        assertEquals(atEnd, vmState(debugger.kernel().checkpoint()), "replayed on to the end");

        long middle = point + 12_345; // inside some quantum: the rest runs as a continuation of it
        history.seek(middle);
        assertEquals(middle, history.position());
        history.seek(end);
        assertEquals(atEnd, vmState(debugger.kernel().checkpoint()), "replayed on from the middle of a quantum");
        assertTrue(!history.inPast());

        assertThrows(HistoryException.class, () -> history.seek(end + 1));
        debugger.kernel().shutdown();
        worker.join(10_000);
    }

    /** Lets the debugger's kernel run until it has retired {@code instructions}, then stops every VM. */
    private static void runUntil(KernelDebugger debugger, long instructions) throws InterruptedException {
        while (debugger.kernel().statistics().instructions() < instructions) {
            Thread.sleep(5);
        }
        debugger.suspendAll();
        assertTrue(debugger.awaitAllStopped(10_000));
    }

    /** The VM sections of a checkpoint (state, pages, devices) and the clock: what a seek must reproduce. */
    private static String vmState(KernelCheckpoint checkpoint) {
        StringBuilder sb = new StringBuilder("clock=" + checkpoint.clockNanos() + " instructions="
            + checkpoint.instructions() + "\n");
        for (KernelCheckpoint.Section s : checkpoint.sections()) {
            if (s.vmId() != 0) {
                sb.append(s.describe()).append(' ').append(HexFormat.of().formatHex(s.payload())).append('\n');
            }
        }
        return sb.toString();
    }
}
