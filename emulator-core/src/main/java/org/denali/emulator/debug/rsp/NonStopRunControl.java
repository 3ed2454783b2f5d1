package org.denali.emulator.debug.rsp;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.denali.emulator.debug.DebugEvent;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.StopCause;
import org.denali.emulator.debug.VmInfo;

/**
 * Run control in gdb's non-stop mode ({@code QNonStop:1}): every VM runs and stops on its own. Resumes answer OK at
 * once; a VM gdb was told is running and that stops becomes a {@code %Stop} notification (see
 * {@link StopNotifications}); {@code W} follows once every VM has ended. The kernel is in
 * {@code StopMode.NON_STOP} meanwhile, so one VM's stop does not hold the others.
 */
final class NonStopRunControl {
    /** Sends one stop reply as a {@code %Stop} notification. */
    interface Notifier {
        void send(String stopReply) throws IOException;
    }

    private final KernelDebugger debugger;
    private final StopNotifications notifications = new StopNotifications();
    /** The VMs gdb was told are running and has not yet been told stopped. */
    private final Set<Integer> running = new LinkedHashSet<>();
    private boolean exitReported;
    private int exitCode;

    NonStopRunControl(KernelDebugger debugger) {
        this.debugger = debugger;
    }

    /**
     * Entering non-stop keeps the attach's stop for {@code held} only and lets every other VM run: gdb 13 fails an
     * internal assertion when a non-stop connection starts with more than one thread stopped.
     */
    void enter(int held, List<VmInfo> live) {
        for (VmInfo vm : live) {
            if (!vm.stopped()) {
                running.add(vm.id());
            } else if (vm.id() != held) {
                running.add(vm.id());
                debugger.resume(vm.id());
            }
        }
    }

    /** '?': every stopped VM, the first as the reply and the rest through vStopped; OK if none is stopped. */
    String status(List<VmInfo> threads) {
        return notifications.restart(threads.stream().filter(VmInfo::stopped)
            .map(vm -> reply(vm.id(), vm.lastStop())).toList());
    }

    /** vStopped. */
    String acknowledge() {
        return notifications.acknowledge();
    }

    /** vCont (and c/s): starts what the actions ask of each VM; the stops are reported as they happen. */
    String resume(List<ResumeAction> actions, List<VmInfo> live) {
        for (VmInfo vm : live) {
            ResumeAction action = ResumeAction.forThread(actions, vm.id());
            if (action == null) {
                continue;
            }
            if (action.kind() == 't') {
                if (!vm.stopped()) {
                    running.add(vm.id());
                    debugger.suspend(vm.id());
                }
            } else if (vm.stopped()) {
                running.add(vm.id()); // before it runs: its stop may come at once
                if (action.kind() == 's') {
                    debugger.step(vm.id());
                } else {
                    debugger.resume(vm.id());
                }
            }
        }
        return "OK";
    }

    /** A Ctrl-C (gdb itself sends vCont;t in non-stop mode): every running VM stops and is reported. */
    void interrupt() {
        running.forEach(debugger::suspend);
    }

    /**
     * Turns the debugger's events into notifications: a stop of a VM gdb thinks is running, and W once no VM is
     * left. A stale stop event (from before the VM's latest resume) does not match its current stop and is dropped.
     */
    void report(Queue<DebugEvent> events, boolean anyVmLive, Notifier notifier) throws IOException {
        DebugEvent event;
        while ((event = events.poll()) != null) {
            if (event instanceof DebugEvent.VmStopped stop && running.contains(stop.vmId())) {
                VmInfo vm = debugger.vm(stop.vmId());
                if (vm.stopped() && stop.cause().equals(vm.lastStop())) {
                    running.remove(vm.id());
                    notify(reply(vm.id(), stop.cause()), notifier);
                }
            } else if (event instanceof DebugEvent.VmEnded end) {
                exitCode = end.exit().code();
                running.remove(end.vmId());
            }
        }
        if (!exitReported && !anyVmLive) {
            exitReported = true;
            notify(StopReplies.exited(exitCode), notifier);
        }
    }

    private void notify(String stopReply, Notifier notifier) throws IOException {
        String now = notifications.add(stopReply);
        if (now != null) {
            notifier.send(now);
        }
    }

    /** A stop reply in non-stop mode: a stop gdb asked for (vCont;t, attach) is signal 0, as gdbserver reports it. */
    static String reply(int vm, StopCause cause) {
        if (cause == null || cause.kind() == StopCause.Kind.SUSPENDED) {
            return String.format("T00thread:%x;", vm);
        }
        return StopReplies.stopped(vm, cause);
    }
}
