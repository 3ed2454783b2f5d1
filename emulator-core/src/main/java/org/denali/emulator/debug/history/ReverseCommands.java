package org.denali.emulator.debug.history;

import java.util.List;
import org.denali.emulator.debug.DebugException;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.StopCause;
import org.denali.emulator.debug.VmInfo;
import org.denali.emulator.kernel.VmState;

/**
 * The debugger's moves through a recorded history, as gdb's reverse packets and the monitor ask for them: a step
 * back ({@code bs}), a continue back to the last breakpoint or watchpoint hit ({@code bc}), a seek to a VM's
 * instruction count, and forward moves while the kernel stands in the past (replayed until the end, then live).
 * Policy only: {@link ExecutionHistory} does the restoring and replaying. Every VM must be stopped (all-stop).
 */
public final class ReverseCommands {
    /**
     * Where a move stopped.
     *
     * @param vm the VM to report
     * @param cause what to report for it
     * @param atBeginning true when the move ran into the start of the history (gdb's {@code replaylog:begin})
     */
    public record Stop(int vm, StopCause cause, boolean atBeginning) {
    }

    private final KernelDebugger debugger;
    private final ExecutionHistory history;

    public ReverseCommands(KernelDebugger debugger, ExecutionHistory history) {
        this.debugger = debugger;
        this.history = history;
    }

    /** The history a debugger keeps ({@code denali run --gdb --record}), or null. */
    public static ReverseCommands of(KernelDebugger debugger) {
        return debugger.history() instanceof ExecutionHistory h ? new ReverseCommands(debugger, h) : null;
    }

    public ExecutionHistory history() {
        return history;
    }

    /** VM {@code vm}'s retired instruction count now. */
    public long icount(int vm) {
        return liveVm(vm).instructions();
    }

    /** One instruction of {@code vm} back: just before the last instruction it retired. */
    public Stop stepBack(int vm) throws InterruptedException {
        requireAllStopped();
        long n = icount(vm);
        long g = n == 0 ? -1 : history.pointBefore(vm, n - 1);
        if (g < 0 || g < history.start()) {
            return atBeginning(vm);
        }
        history.seek(g);
        return stopped(vm, KernelDebugger.stepStop(), false);
    }

    /**
     * Back to the last breakpoint or watchpoint hit before the current point: each interval between checkpoints,
     * latest first, is replayed with the hits noted, and the kernel goes to the last one (for a watchpoint, to
     * just before the accessing instruction, which a forward run then executes). None: the start of the history.
     */
    public Stop continueBack(int vm) throws InterruptedException {
        requireAllStopped();
        long until = history.position();
        for (long from : history.checkpointsAtOrBefore(until)) {
            if (from == until) {
                continue;
            }
            List<ExecutionHistory.Hit> hits = history.replayFrom(from, until);
            ExecutionHistory.Hit last = null;
            for (ExecutionHistory.Hit h : hits) {
                if (stopPoint(h) < until && stopPoint(h) >= from) {
                    last = h;
                }
            }
            if (last != null) {
                history.seek(stopPoint(last));
                return stopped(last.vm(), last.cause(), false);
            }
            until = from;
        }
        return atBeginning(vm);
    }

    private static long stopPoint(ExecutionHistory.Hit h) {
        return h.cause().kind() == StopCause.Kind.WATCHPOINT ? h.g() - 1 : h.g();
    }

    /** A forward continue in the past: to the first hit, or null once the end is reached (the run is live again). */
    public Stop continueForward() throws InterruptedException {
        List<ExecutionHistory.Hit> hits = history.forwardUntilHit(history.end());
        if (hits.isEmpty()) {
            return null;
        }
        ExecutionHistory.Hit first = hits.get(0);
        return stopped(first.vm(), first.cause(), false);
    }

    /** A forward step of {@code vm} in the past, or null if its next instruction is beyond the history (now live). */
    public Stop stepForward(int vm) throws InterruptedException {
        long g = history.pointAfter(vm, icount(vm) + 1);
        if (g < 0) {
            history.seek(history.end());
            return null;
        }
        history.seek(g);
        return stopped(vm, KernelDebugger.stepStop(), false);
    }

    /** {@code monitor seek VM ICOUNT}: the point where {@code vm} has just retired {@code count} instructions. */
    public Stop seek(int vm, long count) throws InterruptedException {
        long now = icount(vm);
        requireAllStopped();
        if (count == now) {
            return stopped(vm, KernelDebugger.stepStop(), false);
        }
        long g = count == 0 ? -1 : history.pointAfter(vm, count);
        if (g < 0) {
            long first = history.pointBefore(vm, count);
            if (first >= 0) {
                g = first; // it had retired count when the history starts (or in a stretch it did not run)
            } else if (count > now && !history.inPast()) {
                throw new DebugException("vm" + vm + " has retired " + now + " instructions: " + count
                    + " is beyond the end of the recorded history");
            } else if (count > now) {
                throw new DebugException("vm" + vm + " does not reach instruction " + count
                    + " in the recorded history");
            } else {
                throw new DebugException("instruction " + count + " of vm" + vm + " is before the start of the "
                    + "recorded history (the oldest checkpoint kept)");
            }
        }
        history.seek(g);
        return stopped(vm, KernelDebugger.stepStop(), false);
    }

    private Stop atBeginning(int vm) throws InterruptedException {
        long start = history.start();
        if (start < 0) {
            throw new DebugException("no history recorded yet");
        }
        if (history.position() != start) {
            history.seek(start);
        }
        return stopped(vm, KernelDebugger.stepStop(), true);
    }

    private Stop stopped(int vm, StopCause cause, boolean atBeginning) {
        debugger.stoppedAt(vm, cause);
        return new Stop(vm, cause, atBeginning);
    }

    /** Moves through the history need the whole kernel between quanta: every live VM stopped (all-stop). */
    private void requireAllStopped() {
        for (VmInfo info : debugger.vms()) {
            if (info.state() != VmState.ENDED && !info.stopped()) {
                throw new DebugException("vm" + info.id() + " is running: stop every VM first (reverse execution "
                    + "works in all-stop mode)");
            }
        }
    }

    private VmInfo liveVm(int vm) {
        VmInfo info;
        try {
            info = debugger.vm(vm);
        } catch (DebugException e) {
            throw new DebugException("no VM " + vm);
        }
        if (info.state() == VmState.ENDED) {
            throw new DebugException("vm" + vm + " has ended");
        }
        return info;
    }
}
