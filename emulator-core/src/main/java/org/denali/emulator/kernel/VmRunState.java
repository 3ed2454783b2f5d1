package org.denali.emulator.kernel;

/**
 * Where one VM is in the kernel's life cycle and everything the kernel keeps about that: its {@link VmState},
 * admission, its two deadline entries, the periodic timer's period, the idle-compensation debt, a fault a debugger
 * holds, the CPU slice length and the preemption request. This class is the only one that changes those fields,
 * through the named transitions below; {@link Kernel} calls them under its private lock (the preemption request
 * and the slice are the exceptions documented at each). Reads of {@link #state()}, {@link #exit()} and
 * {@link #heldFault()} need no lock (volatile), so a debugger or the monitor may look without stopping the kernel.
 *
 * <p>One owner is what makes a snapshot of the run state possible: {@link #capture()} and {@link #restore} see
 * every field in one place, and no other thread writes one behind their back.
 */
public final class VmRunState {
    private volatile VmState state = VmState.WAITING;
    private volatile VmExit exit;
    /** A fault a debugger holds (FaultHold): the VM is alive but ends with this fault when next dispatched. */
    private volatile FaultReport heldFault;
    private boolean admitted;
    /** This VM's entries in the kernel's deadline queue, or null. */
    private DeadlineQueue.Deadline idleDeadline;
    private DeadlineQueue.Deadline timerDeadline;
    /** The periodic timer's period in ns, or 0 when the timer is one-shot or disarmed. */
    private long timerPeriodNanos;
    private long quanta;
    /** In the kernel's queue of idle VMs holding page tables (Kernel.idleWithTables). */
    private boolean tablesQueued;
    /** Woke from idle while swapped out: owed the compensation once it is admitted. */
    private boolean compensationDue;
    /** Instructions per CPU run between the kernel's checks; adapted by the worker running the VM. */
    private long slice = QuantumRunner.SLICE;
    /** Set by another thread to end the current quantum early (synchronous interrupts, shutdown). */
    private volatile boolean preempt;

    /** The run state as a plain value: what a checkpoint keeps (deadlines are the kernel's, kept with its queue). */
    public record Saved(VmState state, boolean admitted, long timerPeriodNanos, long quanta, boolean compensationDue,
            long slice) {
    }

    // ------------------------------------------------------------------ reads

    public VmState state() {
        return state;
    }

    public VmExit exit() {
        return exit;
    }

    public FaultReport heldFault() {
        return heldFault;
    }

    public boolean admitted() {
        return admitted;
    }

    public long quanta() {
        return quanta;
    }

    long timerPeriodNanos() {
        return timerPeriodNanos;
    }

    boolean tablesQueued() {
        return tablesQueued;
    }

    long slice() {
        return slice;
    }

    boolean preemptRequested() {
        return preempt;
    }

    DeadlineQueue.Deadline deadline(DeadlineQueue.Kind kind) {
        return kind == DeadlineQueue.Kind.TIMER ? timerDeadline : idleDeadline;
    }

    // ------------------------------------------------------------------ transitions (kernel lock)

    /** A worker takes it: READY → RUNNING, any old preemption request forgotten. */
    void dispatched() {
        preempt = false;
        state = VmState.RUNNING;
    }

    /** Back in the run queue (its quantum ended, it yielded, or it woke while admitted). */
    void ready() {
        state = VmState.READY;
    }

    /** Left the run queue to idle until a timeout or an interrupt. */
    void wentIdle() {
        state = VmState.IDLE;
    }

    /** Woke while swapped out: it waits for the gatekeeper and is owed the idle compensation once admitted. */
    void wokeSwappedOut() {
        state = VmState.WAITING;
        compensationDue = true;
    }

    /** The gatekeeper admitted it: READY; returns whether it is owed the compensation (and clears the debt). */
    boolean admittedNow() {
        admitted = true;
        state = VmState.READY;
        boolean owed = compensationDue;
        compensationDue = false;
        return owed;
    }

    /** The gatekeeper swapped it out (it stays IDLE, no longer admitted). */
    void evicted() {
        admitted = false;
    }

    /** A debugger holds it at {@code fault}: alive, READY, ends with the fault when next dispatched. */
    void faultHeld(FaultReport fault) {
        heldFault = fault;
        state = VmState.READY;
    }

    /** Ended: returns whether it was admitted (the kernel's count goes down). */
    boolean ended(VmExit how) {
        boolean wasAdmitted = admitted;
        admitted = false;
        exit = how;
        heldFault = null;
        state = VmState.ENDED;
        return wasAdmitted;
    }

    void quantumCounted() {
        quanta++;
    }

    void timerPeriod(long nanos) {
        timerPeriodNanos = nanos;
    }

    void tablesQueued(boolean queued) {
        tablesQueued = queued;
    }

    /** Only {@link DeadlineQueue} calls this, keeping the VM's handle to its entry for O(log n) removal. */
    void deadline(DeadlineQueue.Kind kind, DeadlineQueue.Deadline entry) {
        if (kind == DeadlineQueue.Kind.TIMER) {
            timerDeadline = entry;
        } else {
            idleDeadline = entry;
        }
    }

    // ------------------------------------------------------------------ outside the kernel lock

    /** Any thread: asks the worker running it to end the quantum at the next slice boundary. */
    void requestPreempt() {
        preempt = true;
    }

    /** The worker running it (only that thread reads the slice): the next slices' length. */
    void adaptSlice(long instructions) {
        slice = instructions;
    }

    // ------------------------------------------------------------------ checkpoints (kernel lock, kernel stopped)

    Saved capture() {
        return new Saved(state, admitted, timerPeriodNanos, quanta, compensationDue, slice);
    }

    /** Puts back a captured run state (the VM is off every worker; deadlines are restored by the queue). */
    void restore(Saved saved) {
        state = saved.state();
        admitted = saved.admitted();
        timerPeriodNanos = saved.timerPeriodNanos();
        quanta = saved.quanta();
        compensationDue = saved.compensationDue();
        slice = saved.slice();
        heldFault = null;
        preempt = false;
    }
}
