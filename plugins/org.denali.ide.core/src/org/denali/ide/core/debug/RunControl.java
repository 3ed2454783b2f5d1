package org.denali.ide.core.debug;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;

import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbInspector;
import org.denali.ide.core.rsp.DenaliRspClient;
import org.denali.ide.core.rsp.I386Registers;
import org.denali.ide.core.rsp.RspEventListener;
import org.denali.ide.core.rsp.StopReply;

/**
 * The command side of the model. Every resume, step and detach runs on one thread, in order, so the RSP
 * connection has a single owner: one request at a time, and while the kernel runs nothing but an interrupt
 * (which {@link #suspend} may send from any thread). A command sends its resume and then waits for the stop reply
 * the connection delivers ({@link RspEventListener}); {@link StopEvents} turns the final reply into debug events.
 * <p>
 * Breakpoint changes while the kernel runs are applied like gdb does: an internal interrupt, the changes, and the
 * same resume again, invisible to the user.
 */
final class RunControl implements RspEventListener {
    private final DenaliDebugTarget target;
    private final DenaliRspClient client;
    private final StopEvents events;
    private final ExecutorService executor;
    private final BlockingQueue<Optional<StopReply>> stops = new LinkedBlockingQueue<>();
    private final AtomicBoolean userInterrupt = new AtomicBoolean();
    private final AtomicBoolean internalInterrupt = new AtomicBoolean();
    private volatile long lastStepNanos = -1;
    /** The VM and address of the last breakpoint stop, until the VM is resumed or stepped from there. */
    private int[] breakpointStop;

    RunControl(DenaliDebugTarget target, DenaliRspClient client, StopEvents events) {
        this.target = target;
        this.client = client;
        this.events = events;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "Denali run control");
            t.setDaemon(true);
            return t;
        });
        client.connection().addListener(this);
    }

    // ------------------------------------------------------------------ event path of the connection

    @Override
    public void stopped(StopReply reply) {
        stops.add(Optional.of(reply));
    }

    @Override
    public void disconnected(String reason) {
        stops.add(Optional.empty());
    }

    // ------------------------------------------------------------------ commands

    void resumeAll() {
        submit(null, () -> {
            events.resuming(null, DebugEvent.CLIENT_REQUEST);
            events.stopped(run(client::continueAll, true), false, null);
        });
    }

    void resumeOne(DenaliThread thread) {
        submit(thread, () -> {
            events.resuming(thread, DebugEvent.CLIENT_REQUEST);
            events.stopped(run(() -> client.continueOne(thread.vmId()), true), false, thread);
        });
    }

    void step(DenaliThread thread, StepKind kind) throws DebugException {
        boolean byInstruction = InstructionStepping.isEnabled();
        List<FrameUnwinder.Frame> unwound = framesToReturnFrom(thread, kind, "Step Return",
                " (a function without frame pointer, e.g. built with -O2)");
        int detail = stepDetail(kind);
        submit(thread, () -> {
            events.resuming(thread, detail);
            LineStepper.Outcome outcome = new LineStepper(target.symbols(), mechanism()).step(thread.vmId(), kind,
                    byInstruction, unwound);
            userInterrupt.set(false);
            events.stopped(outcome.reply(), outcome.completed(), thread);
        });
    }

    /**
     * The frames a Step Return (forwards or backwards) leaves frame 0 for, or none for other steps; refused with
     * {@code command}'s name when the caller is unknown.
     */
    private List<FrameUnwinder.Frame> framesToReturnFrom(DenaliThread thread, StepKind kind, String command,
            String hint) throws DebugException {
        if (kind != StepKind.RETURN) {
            return List.of();
        }
        List<FrameUnwinder.Frame> frames = thread.unwound();
        if (frames.size() < 2) {
            throw DenaliDebugElement.failure(command + ": the caller of "
                    + target.symbols().describe(frames.isEmpty() ? 0 : frames.get(0).pc()) + " is unknown" + hint,
                    null);
        }
        return frames;
    }

    /** The platform's resume detail for a step of {@code kind}. */
    private static int stepDetail(StepKind kind) {
        return switch (kind) {
            case INTO -> DebugEvent.STEP_INTO;
            case OVER -> DebugEvent.STEP_OVER;
            case RETURN -> DebugEvent.STEP_RETURN;
        };
    }

    /** Reverse Resume ({@code bc}): the kernel runs backwards to the last breakpoint hit or the history's start. */
    void reverseResume(DenaliThread thread) {
        submit(thread, () -> {
            events.resuming(null, DebugEvent.CLIENT_REQUEST);
            events.stopped(run(() -> client.reverseContinue(thread.vmId()), false), false, thread);
        });
    }

    /** Step Back, Reverse Step Over and Reverse Step Return of {@code thread}'s VM ({@link ReverseStepper}). */
    void reverseStep(DenaliThread thread, StepKind kind) throws DebugException {
        boolean byInstruction = InstructionStepping.isEnabled();
        List<FrameUnwinder.Frame> unwound = framesToReturnFrom(thread, kind, "Reverse Step Return", "");
        int detail = stepDetail(kind);
        submit(thread, () -> {
            events.resuming(thread, detail);
            LineStepper.Outcome outcome = new ReverseStepper(target.symbols(), reverseMechanism()).step(thread.vmId(),
                    kind, byInstruction, unwound);
            userInterrupt.set(false);
            events.stopped(outcome.reply(), outcome.completed(), thread);
        });
    }

    /**
     * {@code monitor seek VM ICOUNT}: the kernel goes to the point of its recorded history where {@code thread}'s VM
     * had retired {@code icount} instructions; shown as a stop of that VM.
     */
    void seek(DenaliThread thread, long icount) {
        submit(thread, () -> {
            events.resuming(thread, DebugEvent.CLIENT_REQUEST);
            breakpointStop = null;
            String answer;
            try {
                answer = client.seek(thread.vmId(), icount);
            } catch (org.denali.ide.core.rsp.RspException e) {
                events.stopped(StopReply.refused(e.getMessage()), false, thread);
                return;
            }
            if (answer.startsWith("error:")) { // the stub's refusal: nothing moved
                events.stopped(StopReply.refused("E." + answer.substring("error:".length()).strip()), false, thread);
                return;
            }
            // the stub's answer is text for people; the VM's count afterwards says whether it got there
            long now = client.instructionCount(thread.vmId());
            events.seekEnded(thread, icount, now, answer);
        });
    }

    /**
     * Run to Line: every VM runs (like Resume) until {@code thread}'s VM, or any VM, reaches one of
     * {@code addresses}, or a breakpoint stops them first.
     */
    void runToAddresses(DenaliThread thread, List<Integer> addresses) {
        submit(thread, () -> {
            events.resuming(null, DebugEvent.CLIENT_REQUEST);
            addresses.forEach(a -> target.breakpoints().addTemporary(a));
            StopReply reply;
            try {
                reply = run(client::continueAll, true);
            } finally {
                addresses.forEach(a -> target.breakpoints().removeTemporary(a));
            }
            boolean arrived = reply != null && reply.reason() == StopReply.Reason.BREAKPOINT && reply.thread() > 0
                    && addresses.contains(client.registers(reply.thread()).eip());
            events.stopped(reply, arrived, thread);
        });
    }

    /** Stops every VM (all-stop); effective at once while a resume runs, between instructions of a step. */
    void suspend() throws DebugException {
        userInterrupt.set(true);
        interruptIfRunning();
    }

    /** A breakpoint changed: if the kernel runs, stop it briefly so {@link #run} can install the change. */
    void breakpointsChanged() {
        if (client.connection().isRunning()) {
            internalInterrupt.set(true);
            try {
                interruptIfRunning();
            } catch (DebugException e) {
                log(e);
            }
        }
    }

    /** Queues {@code action} after everything already submitted (detach, kill). */
    void submitLast(IoAction action) {
        submit(null, action);
    }

    /** Nanoseconds from the last instruction step's request to its stop reply; -1 before the first. */
    long lastStepNanos() {
        return lastStepNanos;
    }

    void dispose() {
        client.connection().removeListener(this);
        executor.shutdownNow();
        stops.add(Optional.empty());
    }

    // ------------------------------------------------------------------ mechanism

    interface IoAction {
        void run() throws IOException;
    }

    /**
     * Applies pending breakpoint changes, sends the resume and waits for the stop that ends it; an internal
     * interrupt is swallowed and the same resume sent again. Null if the connection ended. A resume that
     * {@code continues} a VM stopped at a breakpoint first steps it off the breakpoint ({@link #stepOffBreakpoint}).
     */
    private StopReply run(IoAction resume, boolean continues) throws IOException {
        if (!continues) {
            breakpointStop = null; // a step executes the instruction at the breakpoint itself
        }
        while (true) {
            target.breakpoints().apply(client);
            StopReply early = continues ? stepOffBreakpoint() : null;
            if (early == null) {
                resume.run();
                if (userInterrupt.get()) {
                    client.interrupt(); // the user asked while the resume was still queued
                }
            }
            Optional<StopReply> reply;
            try {
                reply = early != null ? Optional.of(early) : stops.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (reply.isEmpty()) {
                return null;
            }
            boolean internal = internalInterrupt.getAndSet(false);
            if (reply.get().reason() == StopReply.Reason.INTERRUPTED && internal && !userInterrupt.get()) {
                continue;
            }
            StopReply stop = reply.get();
            boolean hit = (stop.reason() == StopReply.Reason.BREAKPOINT
                    || stop.reason() == StopReply.Reason.WATCHPOINT) && stop.thread() > 0;
            int pc = hit ? client.registers(stop.thread()).eip() : 0;
            breakpointStop = hit && stop.reason() == StopReply.Reason.BREAKPOINT ? new int[] {stop.thread(), pc} : null;
            if (hit && !userInterrupt.get() && !target.breakpoints().isWanted(stop, pc,
                    () -> target.inspectorForCondition(stop.thread()))) {
                continue; // a conditional breakpoint whose condition or hit count says "not yet"
            }
            return reply.get();
        }
    }

    /**
     * Steps the VM of the last breakpoint stop off that breakpoint ({@link BreakpointStepOff}) before a continue.
     * Null when it left the breakpoint (or was not at one); otherwise the stop that came first, which ends the resume.
     */
    private StopReply stepOffBreakpoint() throws IOException {
        int[] at = breakpointStop;
        breakpointStop = null;
        if (at == null || !target.breakpoints().holdsCode(at[1])) {
            return null;
        }
        return BreakpointStepOff.stepOff(client, this::nextStop, at[0], at[1]);
    }

    /** The next stop reply; the connection's end is an error here (the caller reports the session's end). */
    private StopReply nextStop() throws IOException {
        try {
            Optional<StopReply> reply = stops.take();
            if (reply.isEmpty()) {
                throw new IOException("the connection to the kernel ended");
            }
            return reply.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the kernel", e);
        }
    }

    /** The VM a stepper steps, read through this session's connection (forwards and backwards alike). */
    private abstract class SteppedVmOfTarget implements SteppedVm {
        @Override
        public I386Registers registers(int vm) throws IOException {
            return client.registers(vm);
        }

        @Override
        public int readInt(int vm, int address) throws IOException {
            return target.memoryOf(vm).readInt(address);
        }

        @Override
        public boolean suspendRequested() {
            return userInterrupt.get();
        }
    }

    private LineStepper.Mechanism mechanism() {
        class Forwards extends SteppedVmOfTarget implements LineStepper.Mechanism {
            @Override
            public StopReply stepInstruction(int vm) throws IOException {
                long start = System.nanoTime();
                StopReply reply = run(() -> client.step(vm), false);
                lastStepNanos = System.nanoTime() - start;
                return reply;
            }

            @Override
            public StopReply runTo(int vm, int address) throws IOException {
                target.breakpoints().addTemporary(address);
                try {
                    return run(() -> client.continueOne(vm), true);
                } finally {
                    target.breakpoints().removeTemporary(address);
                }
            }

            @Override
            public List<long[]> functionBlocks(int pc) {
                GdbInspector gdb = target.symbolEngine();
                if (gdb == null) {
                    return List.of(); // no gdb: inlined calls are stepped like lines
                }
                try {
                    return gdb.functionBlocks(pc);
                } catch (GdbException e) {
                    log(e);
                    return List.of();
                }
            }
        }
        return new Forwards();
    }

    private ReverseStepper.Mechanism reverseMechanism() {
        class Backwards extends SteppedVmOfTarget implements ReverseStepper.Mechanism {
            @Override
            public StopReply stepBack(int vm) throws IOException {
                long start = System.nanoTime();
                StopReply reply = run(() -> client.reverseStep(vm), false);
                lastStepNanos = System.nanoTime() - start;
                return reply;
            }

            @Override
            public StopReply runBackTo(int vm, int address) throws IOException {
                target.breakpoints().addTemporary(address);
                try {
                    return run(() -> client.reverseContinue(vm), false);
                } finally {
                    target.breakpoints().removeTemporary(address);
                }
            }
        }
        return new Backwards();
    }

    private void interruptIfRunning() throws DebugException {
        if (client.connection().isRunning()) {
            try {
                client.interrupt();
            } catch (IOException e) {
                throw DenaliDebugElement.failure("Cannot interrupt the Denali kernel", e);
            }
        }
    }

    private void submit(DenaliThread thread, IoAction action) {
        try {
            executor.execute(() -> {
                try {
                    action.run();
                } catch (IOException e) {
                    if (client.connection().isClosed()) {
                        events.stopped(null, false, thread);
                    } else {
                        log(e);
                        // the command failed while stopped: show the VMs stopped where they are
                        events.stopped(new StopReply(StopReply.Reason.INTERRUPTED, StopReply.SIGINT,
                                thread != null ? thread.vmId() : -1, 0, Map.of()), false, thread);
                    }
                } catch (RuntimeException e) {
                    log(e);
                }
            });
        } catch (RejectedExecutionException e) {
            // the target is gone
        }
    }

    static void log(Throwable e) {
        ILog.of(RunControl.class).log(Status.error("Denali debugger: " + e.getMessage(), e));
    }
}
