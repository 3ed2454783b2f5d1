package org.denali.ide.core.debug;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.IBreakpoint;

import org.denali.ide.core.rsp.StopReply;

/**
 * The event side of the model, and the only place that turns the stub's stop replies into platform
 * {@link DebugEvent}s (the PDA example's split: commands go out through {@link RunControl}, what happened comes
 * back here). The target stands for the whole all-stop kernel: a stop suspends every VM, but only the VM that
 * stopped gets a SUSPEND event (so the Debug view selects it); the others are refreshed through a CONTENT change
 * of the target instead of thousands of events.
 */
final class StopEvents {
    private final DenaliDebugTarget target;

    StopEvents(DenaliDebugTarget target) {
        this.target = target;
    }

    /** A resume is about to be sent: {@code thread} null for all VMs, else the one VM that runs or steps. */
    void resuming(DenaliThread thread, int detail) {
        boolean stepping = detail == DebugEvent.STEP_INTO || detail == DebugEvent.STEP_OVER
                || detail == DebugEvent.STEP_RETURN;
        List<DebugEvent> events = new ArrayList<>();
        if (thread == null) {
            target.threadList().known().forEach(t -> t.markRunning(false));
            target.markRunning(true);
            events.add(new DebugEvent(target, DebugEvent.RESUME, detail));
        } else {
            thread.markRunning(stepping);
        }
        DenaliThread focus = thread != null ? thread : target.threadList().lastStopped();
        if (focus != null) {
            events.add(new DebugEvent(focus, DebugEvent.RESUME, detail));
        }
        fire(events);
    }

    /**
     * The resume ended with {@code reply}: null when the connection ended; {@code completedStep} when the run
     * control finished a step (a breakpoint hit during a step is reported as a breakpoint, like gdb).
     */
    void stopped(StopReply reply, boolean completedStep, DenaliThread stepper) {
        stopped(reply, completedStep, stepper, null);
    }

    /** As {@link #stopped(StopReply, boolean, DenaliThread)}, with the VM's label saying {@code why} if not null. */
    private void stopped(StopReply reply, boolean completedStep, DenaliThread stepper, String why) {
        if (reply == null) {
            target.connectionEnded();
            return;
        }
        if (reply.reason() == StopReply.Reason.EXITED || reply.reason() == StopReply.Reason.KILLED) {
            target.guestsEnded(reply);
            return;
        }
        ThreadList threads = target.threadList();
        threads.invalidate();
        target.markRunning(false);
        threads.known().forEach(t -> t.markSuspended(new IBreakpoint[0], "held"));
        int vm = reply.thread() > 0 ? reply.thread() : stepper != null ? stepper.vmId() : -1;
        DenaliThread thread = vm > 0 ? threads.thread(vm) : threads.firstOrNull();
        List<DebugEvent> events = new ArrayList<>();
        events.add(new DebugEvent(target, DebugEvent.CHANGE, DebugEvent.CONTENT));
        if (thread != null) {
            IBreakpoint[] hit = target.hitBreakpoints(reply, thread);
            String label = why != null ? why : reply.reason() == StopReply.Reason.FAULT
                    ? target.faultSummary(thread.vmId(), reply) : describe(reply, completedStep);
            thread.markSuspended(hit, label);
            threads.setLastStopped(thread);
            events.add(new DebugEvent(thread, DebugEvent.SUSPEND, detail(reply, completedStep, hit)));
        }
        fire(events);
    }

    /**
     * A seek ({@code monitor seek}) ended: {@code thread}'s VM is at instruction {@code now} (the target was
     * {@code wanted}); every VM is stopped there, shown like a stop of that VM.
     */
    void seekEnded(DenaliThread thread, long wanted, long now, String answer) {
        String why = now == wanted ? "at instruction " + now
                : "seek to instruction " + wanted + " ended at " + now + ": " + answer.strip();
        stopped(new StopReply(StopReply.Reason.STEP, StopReply.SIGTRAP, thread.vmId(), 0, java.util.Map.of()), true,
                thread, why);
    }

    private static String describe(StopReply reply, boolean completedStep) {
        return switch (reply.reason()) {
            case BREAKPOINT -> completedStep ? "step" : "breakpoint";
            case WATCHPOINT -> "watchpoint " + reply.fields().keySet().stream()
                    .filter(k -> k.endsWith("watch")).findFirst().map(k -> "(" + k + " 0x" + reply.fields().get(k)
                            + ")").orElse("");
            case STEP -> "step";
            case INTERRUPTED -> "suspended";
            case FAULT -> "fault (signal " + reply.signal() + ")";
            case HISTORY_BEGIN -> "start of the recorded history";
            case HISTORY_END -> "end of the recorded history";
            case REFUSED -> "refused: " + refusal(reply.fields().get("error"));
            default -> reply.reason().name().toLowerCase();
        };
    }

    /** The stub's refusal as a reason: its {@code E.text} message, or what an empty or numbered error means. */
    private static String refusal(String error) {
        if (error == null || error.isEmpty()) {
            return "this kernel does not support it (start it with recording on)";
        }
        return error.startsWith("E.") ? error.substring(2) : error;
    }

    private static int detail(StopReply reply, boolean completedStep, IBreakpoint[] hit) {
        if (reply.reason() == StopReply.Reason.FAULT) {
            // a held fault is shown like a breakpoint hit: the Debug view expands, reveals and selects only
            // BREAKPOINT (and CLIENT_REQUEST) stops, and the user must see where the VM faulted
            return DebugEvent.BREAKPOINT;
        }
        if (completedStep && hit.length == 0) {
            return DebugEvent.STEP_END; // a step that ended on its own temporary breakpoint is still a step
        }
        if (hit.length > 0 || reply.reason() == StopReply.Reason.BREAKPOINT
                || reply.reason() == StopReply.Reason.WATCHPOINT) {
            return DebugEvent.BREAKPOINT;
        }
        if (completedStep || reply.reason() == StopReply.Reason.STEP) {
            return DebugEvent.STEP_END;
        }
        return reply.reason() == StopReply.Reason.INTERRUPTED ? DebugEvent.CLIENT_REQUEST : DebugEvent.UNSPECIFIED;
    }

    /** The target (and every VM) ended or was disconnected. */
    void terminated() {
        List<DebugEvent> events = new ArrayList<>();
        for (DenaliThread t : target.threadList().known()) {
            t.markEnded();
        }
        events.add(new DebugEvent(target, DebugEvent.TERMINATE));
        fire(events);
    }

    private static void fire(List<DebugEvent> events) {
        DebugPlugin plugin = DebugPlugin.getDefault();
        if (plugin != null && !events.isEmpty()) {
            plugin.fireDebugEventSet(events.toArray(new DebugEvent[0]));
        }
    }
}
