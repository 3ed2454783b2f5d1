package org.denali.emulator.kernel;

import static org.denali.emulator.cpu.decode.Registers.EAX;

import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.arch.VirtualInstructions;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.devices.timer.TimerService;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.policy.AdmissionView;
import org.denali.emulator.kernel.policy.FifoGatekeeper;
import org.denali.emulator.kernel.policy.Gatekeeper;
import org.denali.emulator.kernel.policy.RoundRobinScheduler;
import org.denali.emulator.kernel.policy.Scheduler;

/**
 * The isolation kernel's mechanism: instantiates VMs, keeps their life cycle (docs/architecture.md §2, §6), and
 * runs them on worker threads one bounded quantum at a time. Which VMs are admitted and which runs next are the
 * policies' decisions ({@link Gatekeeper}, {@link Scheduler}); memory comes from a {@link MemoryManager}.
 *
 * <p>Concurrency: all scheduling state, and every VM's {@link VmRunState}, is guarded by the kernel's private
 * {@link KernelLock}, which a worker holds only between quanta; a quantum itself runs unlocked. Interrupts may be
 * raised from any thread. Nothing synchronizes on this object; a debugger runs its commands through {@link #lock()}.
 *
 * <p>Idle semantics (our definitions where the paper is silent): idle with timeout 0 yields the rest of the
 * quantum (tail of the queue, no compensation); idle while lines are already pending returns at once with
 * WOKE_BY_INTERRUPT; otherwise the VM leaves the run queue and, when its timeout or an interrupt wakes it, is
 * compensated by running next (head of the queue once). hlt is idle forever.
 */
public final class Kernel {
    private final KernelLock lock = new KernelLock();
    private final Object monitor = lock.monitor();
    private final KernelConfig config;
    private final MemoryManager memoryManager;
    private final Gatekeeper gatekeeper;
    private final Scheduler scheduler;
    private final KernelClock baseClock;
    /** The clock every part of the kernel reads: {@link #baseClock}, or what the journal makes of it. */
    private final JournaledClock clock;
    private final QuantumRunner runner;
    private KernelJournal journal = KernelJournal.NONE;
    private final VmAssembler assembler;

    /**
     * Every VM ever instantiated, in creation order: VM {@code id} is at index {@code id - 1} (ids are handed out
     * in that order), so looking one up needs no map entry and boxed key per VM (see {@link #live}).
     */
    private final List<VirtualMachine> allVms = new ArrayList<>();
    private final DeadlineQueue deadlines = new DeadlineQueue();
    /** Admitted VMs that are idle, in the order they went idle: the gatekeeper's eviction candidates. */
    private final LinkedHashSet<Integer> idleAdmitted = new LinkedHashSet<>();
    private final Collection<Integer> idleAdmittedView = Collections.unmodifiableCollection(idleAdmitted);
    private final List<VirtualMachine> running = new ArrayList<>();
    /**
     * Idle VMs that still hold their page table and register page, roughly longest-idle first (a VM stays at its
     * first place until it leaves the queue). Their tables cost the kernel's heap (≈ 12 KB for a 2 MiB VM): beyond
     * {@link #idleTableBudget} bytes the oldest drop them, as a swapped-out VM does, and rebuild them at their next
     * quantum. A million idle VMs then cost the heap their fixed records plus this budget, not 12 GB.
     */
    private final ArrayDeque<VirtualMachine> idleWithTables = new ArrayDeque<>();
    private long idleTableBytes;
    private long idleTableBudget = Runtime.getRuntime().maxMemory() / 8;
    private long tableDrops;
    private final AdmissionView admissionView = new AdmissionView() {
        @Override
        public long freeBackingPages() {
            return memoryManager.freeBackingPages();
        }

        @Override
        public long footprintPages(int vmId) {
            return live(vmId).backing().footprintPages();
        }

        @Override
        public long residentPages(int vmId) {
            return live(vmId).backing().residentPages();
        }

        @Override
        public int admittedCount() {
            return admitted;
        }
    };

    private QuantumObserver observer = QuantumObserver.NONE;
    private VirtualCosts costs = VirtualCosts.NONE;
    private QuantumLimit quantumLimit = QuantumLimit.NONE;
    private FaultHold faultHold = FaultHold.NONE;
    /** Input from outside arriving at virtual times ({@link #arrivals}), or null. */
    private ArrivalSource arrivals;
    /** The instructions of a full quantum: an arrival source must know its arrivals this far ahead to start one. */
    private final long quantumBudget;
    private int nextId = 1;
    private int live;
    private int admitted;
    private int openSources;
    private boolean stopping;
    /** The VMs whose end ends the kernel ({@link #endWhenEnded}); null when there are none. */
    private java.util.Set<Integer> generators;
    private boolean workloadEnded;
    private long startNanos;
    private long elapsedNanos;

    private long instructions;
    /** Instructions compiled code retired in VMs that have ended (their CPUs are gone). */
    private long endedCompiledInstructions;
    private long quanta;
    private long vmSwitches;
    private long interruptBatches;
    private long interruptLines;
    private long wakesByTimeout;
    private long wakesByInterrupt;
    private long faults;
    /**
     * The VM the single worker ran last (deterministic mode's one worker), so a VM switch is counted (and charged)
     * the same whether the run went on or was paused, checkpointed and resumed; null with several workers, which
     * keep their own.
     */
    private VirtualMachine lastOnSingleWorker;
    /** {@link #runUntil}: workers stop at the first quantum boundary at or past this many retired instructions. */
    private long pauseAtInstructions = Long.MAX_VALUE;
    private boolean pauseReached;
    /** Checkpoints in progress: while positive, no worker starts a quantum. */
    private int quiescing;

    public Kernel(KernelConfig config, MemoryManager memoryManager) {
        this(config, memoryManager, new FifoGatekeeper(config.minFreeBackingPages()), new RoundRobinScheduler());
    }

    public Kernel(KernelConfig config, MemoryManager memoryManager, Gatekeeper gatekeeper, Scheduler scheduler) {
        this.config = config;
        this.memoryManager = memoryManager;
        this.gatekeeper = gatekeeper;
        this.scheduler = scheduler;
        this.baseClock = KernelClock.of(config.clockMode());
        this.clock = new JournaledClock(baseClock);
        this.runner = new QuantumRunner(clock, baseClock, config.quantum(), config.cpuSpeedKhz(),
            config.clockMode() == ClockMode.REAL_TIME);
        this.assembler = new VmAssembler(config, memoryManager, clock, vm -> line -> raise(vm, line), this::timerOf);
        this.quantumBudget = config.quantum().instructionBudget(config.cpuSpeedKhz());
    }

    /**
     * Input from outside the kernel arriving at virtual times (frames from a load generator on another machine):
     * quanta are cut at each arrival, which is then delivered as a hardware interrupt would be (see
     * {@link ArrivalSource}). Deterministic clock only; not with a journal (the arrivals are not logged).
     */
    public void arrivals(ArrivalSource source) {
        synchronized (monitor) {
            if (config.clockMode() != ClockMode.DETERMINISTIC) {
                throw new IllegalStateException("arrivals at virtual times need the deterministic clock");
            }
            if (journal != KernelJournal.NONE) {
                throw new IllegalStateException("a recorded or replayed run cannot take arrivals: they are not logged");
            }
            this.arrivals = source;
        }
    }

    public KernelConfig config() {
        return config;
    }

    /**
     * Records this kernel's run, or replays a recorded one ({@code org.denali.emulator.replay}). Set it before the
     * first VM is instantiated: from then on every clock read is part of the run.
     */
    public void journal(KernelJournal kernelJournal) {
        synchronized (monitor) {
            if (nextId != 1) {
                throw new IllegalStateException("a journal is set before the first VM is instantiated");
            }
            if (arrivals != null) {
                throw new IllegalStateException("a run with an arrival source cannot be recorded or replayed");
            }
            this.journal = kernelJournal;
            clock.target = kernelJournal.clock(baseClock);
        }
    }

    /** Wakes a worker waiting for something to happen (a journal queued a host input for the next scheduling point). */
    public void wakeUp() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /**
     * One source kept open with {@link #holdOpen} is gone. For journals, which apply a source's end at a scheduling
     * point (recording) or where the recording says (replay); everyone else closes the handle.
     */
    public void releaseSource() {
        synchronized (monitor) {
            openSources--;
            monitor.notifyAll();
        }
    }

    /** The kernel's clock as the journal sees it: the base clock until a journal wraps it. */
    private static final class JournaledClock implements KernelClock {
        volatile KernelClock target;

        JournaledClock(KernelClock target) {
            this.target = target;
        }

        @Override
        public long nanos() {
            return target.nanos();
        }

        @Override
        public void retired(long instructions) {
            target.retired(instructions);
        }

        @Override
        public boolean skipTo(long nanos) {
            return target.skipTo(nanos);
        }

        @Override
        public void restoreTo(long nanos) {
            target.restoreTo(nanos);
        }
    }

    /**
     * The lock guarding the kernel's scheduling state and the hooks it calls (scheduler, gatekeeper, quantum limit,
     * observer, fault hold): a debugger whose state those hooks share runs its commands under it.
     */
    public KernelLock lock() {
        return lock;
    }

    // ------------------------------------------------------------------ instantiation

    /** A VM with only the built-in devices (console, keyboard, timer). */
    public VirtualMachine instantiate(GuestImage image, VmConfig vmConfig, OutputStream console)
            throws ElfFormatException {
        return instantiate(image, vmConfig, console, List.of());
    }

    /**
     * Creates a VM running {@code image} from its entry point, ESP at the top of its memory. It waits for the
     * gatekeeper; {@link #run()} runs it.
     *
     * @throws ElfFormatException if the image does not fit the VM's memory (docs/architecture.md §4)
     * @throws IllegalStateException (or another runtime exception of a device factory) if a device refuses the VM;
     *         nothing of the VM remains allocated
     */
    public VirtualMachine instantiate(GuestImage image, VmConfig vmConfig, OutputStream console,
            List<VmDeviceFactory> extraDevices) throws ElfFormatException {
        synchronized (monitor) {
            image.checkFits(vmConfig.memorySize());
            int id = nextId; // taken only once the VM exists: VM id sits at index id - 1 of allVms
            VirtualMachine vm = assembler.assemble(id, image, vmConfig, console, extraDevices);
            nextId++;
            allVms.add(vm);
            live++;
            gatekeeper.waiting(id);
            monitor.notifyAll();
            return vm;
        }
    }

    /** Under the lock: the VM with this id unless it has ended (or never existed), else null. */
    private VirtualMachine live(int id) {
        if (id < 1 || id > allVms.size()) {
            return null;
        }
        VirtualMachine vm = allVms.get(id - 1);
        return vm.run().state() == VmState.ENDED ? null : vm;
    }

    private TimerService timerOf(VirtualMachine vm) {
        return new TimerService() {
            @Override
            public void arm(long micros) {
                armTimer(vm, micros * 1000, 0);
            }

            @Override
            public void armPeriodic(long periodMicros) {
                armTimer(vm, periodMicros * 1000, periodMicros * 1000);
            }

            @Override
            public void disarm() {
                synchronized (monitor) {
                    vm.run().timerPeriod(0);
                    deadlines.cancel(vm, DeadlineQueue.Kind.TIMER);
                }
            }
        };
    }

    private void armTimer(VirtualMachine vm, long delayNanos, long periodNanos) {
        synchronized (monitor) {
            if (vm.run().state() != VmState.ENDED) {
                vm.run().timerPeriod(periodNanos);
                deadlines.set(vm, DeadlineQueue.Kind.TIMER, clock.nanos() + delayNanos);
                monitor.notifyAll();
            }
        }
    }

    /** The live VM {@code vmId}, or null if there is none (never instantiated, or ended). */
    public VirtualMachine vm(int vmId) {
        synchronized (monitor) {
            return live(vmId);
        }
    }

    /** How many VMs are live (instantiated, not ended): O(1), unlike {@link #vms()}. */
    public int liveVmCount() {
        synchronized (monitor) {
            return live;
        }
    }

    /** Every VM ever instantiated, in creation order (ended ones included, with their exits). */
    public List<VirtualMachine> vms() {
        synchronized (monitor) {
            return List.copyOf(allVms);
        }
    }

    // ------------------------------------------------------------------ interrupts

    /** Raises {@code line} for VM {@code vmId} from any thread; ignored if the VM does not exist or has ended. */
    public void raise(int vmId, int line) {
        VirtualMachine vm;
        synchronized (monitor) {
            vm = live(vmId);
        }
        if (vm != null) {
            raise(vm, line);
        }
    }

    private void raise(VirtualMachine vm, int line) {
        if (vm.state() == VmState.ENDED) {
            return;
        }
        // Set the bit before taking the lock: a VM deciding to idle under the lock then sees it (no lost wakeup).
        vm.interrupts().raise(line, clock.nanos());
        synchronized (monitor) {
            if (vm.run().state() == VmState.IDLE) {
                wake(vm, VirtualInstructions.WOKE_BY_INTERRUPT);
            } else if (config.synchronousInterrupts() && vm.run().state() == VmState.READY) {
                scheduler.promote(vm.id());
                preemptOneOtherThan(vm);
            }
            monitor.notifyAll();
        }
    }

    private void preemptOneOtherThan(VirtualMachine vm) {
        for (VirtualMachine r : running) {
            if (r != vm) {
                r.run().requestPreempt();
                return;
            }
        }
    }

    /**
     * Keeps the kernel alive while an outside source (the host's keyboard reader, a network uplink) may still
     * raise interrupts: without one, a kernel whose VMs all idle forever ends. Close the handle at EOF.
     */
    public AutoCloseable holdOpen() {
        synchronized (monitor) {
            openSources++;
            boolean[] closed = {false};
            return () -> {
                KernelJournal sourceJournal;
                synchronized (monitor) {
                    if (closed[0]) {
                        return;
                    }
                    closed[0] = true;
                    sourceJournal = journal;
                }
                sourceJournal.sourceClosed(this::releaseSource);
            };
        }
    }

    /**
     * Ends the kernel once all of {@code vms} have ended: a deployment's load generators. The VMs still alive then
     * (servers idling for requests that can no longer come, kept alive by a host port forward) are stopped with
     * {@link VmExit.Kind#WORKLOAD_ENDED}, so a deployment with a workload ends when its workload does.
     */
    public void endWhenEnded(java.util.Collection<VirtualMachine> vms) {
        synchronized (monitor) {
            generators = new java.util.HashSet<>();
            for (VirtualMachine vm : vms) {
                if (vm.run().state() != VmState.ENDED) {
                    generators.add(vm.id());
                }
            }
            if (generators.isEmpty()) {
                endWorkload();
            }
        }
    }

    private void endWorkload() {
        workloadEnded = true;
        shutdown();
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs until every VM has ended (or {@link #shutdown()}), on {@link KernelConfig#effectiveWorkers()} threads
     * including the caller's.
     */
    public KernelStatistics run() {
        return runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs like {@link #run()}, but returns at the first quantum boundary where the kernel has retired at least
     * {@code totalInstructions} instructions (all VMs together), leaving every VM as it is: a later {@code run} or
     * {@code runUntil} goes on from there exactly as an uninterrupted run would. What "restore the nearest
     * checkpoint, then run to instruction N" is built on.
     */
    public KernelStatistics runUntil(long totalInstructions) {
        synchronized (monitor) {
            if (startNanos == 0) {
                startNanos = System.nanoTime();
            }
            pauseAtInstructions = totalInstructions;
            pauseReached = false;
        }
        List<Thread> helpers = new ArrayList<>();
        int workers;
        synchronized (monitor) {
            workers = journal == KernelJournal.NONE ? config.effectiveWorkers() : 1; // a journal logs one order of quanta
        }
        for (int i = 1; i < workers; i++) {
            Thread t = new Thread(this::workerLoop, "denali-worker-" + i);
            t.setDaemon(true);
            t.start();
            helpers.add(t);
        }
        workerLoop();
        for (Thread t : helpers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                shutdown();
            }
        }
        synchronized (monitor) {
            pauseAtInstructions = Long.MAX_VALUE;
            if (pauseReached && !stopping) {
                pauseReached = false;
                return statistics(); // paused: the VMs stay as they are
            }
            for (VirtualMachine vm : allVms) {
                if (vm.run().state() != VmState.ENDED) {
                    endVm(vm, vm.heldFault() != null ? VmExit.faulted(vm.heldFault())
                        : VmExit.of(workloadEnded ? VmExit.Kind.WORKLOAD_ENDED : VmExit.Kind.SHUTDOWN));
                }
            }
            elapsedNanos = System.nanoTime() - startNanos;
        }
        return statistics();
    }

    /** Asks the workers to stop after their current quantum (which is cut short). */
    public void shutdown() {
        synchronized (monitor) {
            stopping = true;
            running.forEach(vm -> vm.run().requestPreempt());
            monitor.notifyAll();
        }
    }

    private void workerLoop() {
        boolean single = config.effectiveWorkers() == 1;
        VirtualMachine previous;
        synchronized (monitor) {
            previous = single ? lastOnSingleWorker : null;
        }
        while (true) {
            VirtualMachine vm;
            long limit;
            boolean deliver;
            long retired;
            long exact;
            long quantumLeft;
            boolean continuing;
            synchronized (monitor) {
                vm = nextToRun();
                if (vm == null) {
                    return;
                }
                if (vm.heldFault() != null) {
                    // A debugger held it at its fault and has now let it go: the fault is delivered, the VM ends.
                    endVm(vm, VmExit.faulted(vm.heldFault()));
                    continue;
                }
                vm.run().dispatched();
                running.add(vm);
                limit = config.maxInstructionsPerVm() == 0 ? Long.MAX_VALUE
                    : config.maxInstructionsPerVm() - vm.cpu().instructionsRetired();
                limit = Math.min(limit, quantumLimit.maxInstructions(vm.id()));
                quantumLeft = Math.min(limit, quantumBudget);
                limit = Math.min(limit, untilNextArrival());
                deliver = quantumLimit.deliverInterrupts(vm.id());
                retired = vm.cpu().instructionsRetired();
                exact = journal.quantumStarting(vm, retired, limit);
                deliver = journal.deliverInterrupts(vm, deliver);
                continuing = exact >= 0 && journal.continuesQuantum(vm);
            }
            QuantumRunner.Outcome outcome = continuing ? runner.continueExactly(vm, exact)
                : exact >= 0 ? runner.runExactly(vm, exact, deliver) : runner.run(vm, limit, deliver);
            if (arrivals != null && !continuing) {
                outcome = runOnAfterArrivals(vm, outcome, quantumLeft);
            }
            synchronized (monitor) {
                running.remove(vm);
                journal.quantumEnded(vm, retired, outcome.instructions(), outcome.reason());
                if (vm != previous) {
                    vmSwitches++;
                    clock.retired(costs.switchNanos());
                }
                clock.retired(costs.pagingNanos(vm));
                try {
                    afterQuantum(vm, outcome);
                } catch (RuntimeException kernelBug) {
                    // Never lose a worker: the VM whose bookkeeping failed ends, the kernel goes on.
                    if (vm.run().state() != VmState.ENDED) {
                        faults++;
                        endVm(vm, VmExit.faulted(FaultReport.internalError(vm.id(), vm.cpu(), kernelBug)));
                    }
                }
                if (single) {
                    lastOnSingleWorker = vm;
                }
                monitor.notifyAll();
            }
            previous = vm;
        }
    }

    /** Under the lock: instructions until the next arrival (at least 1), Long.MAX_VALUE without a source. */
    private long untilNextArrival() {
        long next = arrivals == null ? Long.MAX_VALUE : arrivals.nextArrivalNanos();
        return next == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, next - clock.nanos());
    }

    /**
     * A quantum cut at an arrival: the arrival is delivered at that virtual time and, unless that preempted this VM
     * (synchronous delivery to another VM), the VM goes on with the rest of its quantum, its own new lines pending
     * until its next quantum starts. One quantum for the scheduler, the statistics and the observer.
     */
    private QuantumRunner.Outcome runOnAfterArrivals(VirtualMachine vm, QuantumRunner.Outcome cut, long quantumLeft) {
        QuantumRunner.Outcome outcome = cut;
        long left = quantumLeft - cut.instructions();
        while (outcome.reason() == StopReason.BUDGET_EXHAUSTED && left > 0) {
            long slice;
            synchronized (monitor) {
                arrivals.deliverDue(clock.nanos());
                if (vm.run().preemptRequested() || stopping) {
                    break;
                }
                slice = Math.min(left, untilNextArrival());
            }
            QuantumRunner.Outcome rest = runner.run(vm, slice, false);
            left -= rest.instructions();
            outcome = new QuantumRunner.Outcome(rest.reason(), rest.value(), outcome.instructions()
                + rest.instructions(), rest.fault(), outcome.deliveredLines() + rest.deliveredLines());
        }
        return outcome;
    }

    /** Under the lock: the next VM to run, waiting as needed; null when the kernel is done. */
    private VirtualMachine nextToRun() {
        while (true) {
            if (journal.schedulingPoint()) {
                stopping = true;
            }
            if (stopping) {
                journal.stopped();
                return null;
            }
            if (instructions >= pauseAtInstructions) {
                pauseReached = true;
                return null;
            }
            if (quiescing > 0 || journal.paused()) {
                // a checkpoint is being taken, or a replay stands at a point of its history: no quantum starts
                waitUntil(Long.MAX_VALUE);
                continue;
            }
            long now = clock.nanos();
            fireDueDeadlines(now);
            if (arrivals != null) {
                arrivals.deliverDue(now);
            }
            balanceAdmission();
            if (arrivals != null && scheduler.size() > 0 && now + quantumBudget > arrivals.knownUntilNanos()) {
                pauseReached = true; // the quantum could pass an arrival not known yet: the source's peer runs first
                return null;
            }
            int id = scheduler.next();
            if (id >= 0) {
                return live(id);
            }
            if (live == 0) {
                return null;
            }
            long next = deadlines.earliest();
            if (arrivals != null) {
                long known = arrivals.knownUntilNanos();
                if (now >= known) {
                    pauseReached = true; // idle up to what is known: the source's peer runs first
                    return null;
                }
                next = Math.min(next, Math.min(arrivals.nextArrivalNanos(), known));
            }
            if (!running.isEmpty()) {
                waitUntil(next); // another worker's quantum will change things
            } else if (next != Long.MAX_VALUE) {
                if (!clock.skipTo(next)) {
                    waitUntil(next);
                }
            } else if (openSources > 0 || devicesExpectInterrupts()) {
                waitUntil(Long.MAX_VALUE);
            } else {
                // Every live VM idles forever (or waits for a gatekeeper that will not admit it) and nothing
                // outside can change that: the kernel is done.
                for (VirtualMachine vm : allVms) {
                    if (vm.run().state() != VmState.ENDED) {
                        endVm(vm, VmExit.of(VmExit.Kind.IDLE_FOREVER));
                    }
                }
                return null;
            }
        }
    }

    /** True if some live VM's device still has work in flight (a disk transfer) that will raise a line. */
    private boolean devicesExpectInterrupts() {
        for (VirtualMachine vm : allVms) {
            if (vm.run().state() == VmState.ENDED) {
                continue;
            }
            for (VmDeviceHooks hook : vm.deviceHooks()) {
                if (hook.expectsInterrupt()) {
                    return true;
                }
            }
        }
        return false;
    }

    private void waitUntil(long deadlineNanos) {
        journal.waiting();
        long delay = deadlineNanos == Long.MAX_VALUE ? 50_000_000 : deadlineNanos - clock.nanos();
        if (delay <= 0 || journal.replaying()) {
            return; // a replay never waits: what woke the recorded kernel comes from the log
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(monitor, Math.min(delay, 50_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void fireDueDeadlines(long now) {
        DeadlineQueue.Deadline due;
        while ((due = deadlines.pollDue(now)) != null) {
            VirtualMachine vm = due.vm();
            if (vm.run().state() == VmState.ENDED) {
                continue;
            }
            if (due.kind() == DeadlineQueue.Kind.TIMER) {
                if (vm.run().timerPeriodNanos() > 0) {
                    // Next tick one period after the one due, not after now: no drift. Ticks the kernel was too
                    // late for are not made up one by one: they coalesce into the one pending TIMER bit.
                    long next = due.atNanos() + vm.run().timerPeriodNanos();
                    deadlines.set(vm, DeadlineQueue.Kind.TIMER, next > now ? next : now + vm.run().timerPeriodNanos());
                }
                vm.interrupts().raise(InterruptLines.TIMER, now);
                if (vm.run().state() == VmState.IDLE) {
                    wake(vm, VirtualInstructions.WOKE_BY_INTERRUPT);
                } else if (config.synchronousInterrupts() && vm.run().state() == VmState.READY) {
                    scheduler.promote(vm.id());
                    preemptOneOtherThan(vm);
                }
            } else if (vm.run().state() == VmState.IDLE) {
                wake(vm, VirtualInstructions.WOKE_BY_TIMEOUT);
            }
        }
    }

    /** Swaps idle VMs out and admits waiting ones, as the gatekeeper decides. */
    private void balanceAdmission() {
        if (gatekeeper.waitingCount() == 0) {
            return;
        }
        for (int id : gatekeeper.evict(admissionView, idleAdmittedView)) {
            VirtualMachine vm = live(id);
            if (vm != null && vm.run().admitted() && vm.run().state() == VmState.IDLE) {
                idleAdmitted.remove(id);
                try {
                    vm.backing().evict(vm.memory());
                } catch (RuntimeException swapFailed) {
                    continue; // e.g. its swap region is full: it stays in memory and is not offered again while idle
                }
                vm.releaseTables();
                vm.run().evicted();
                admitted--;
            }
        }
        for (int id : gatekeeper.admit(admissionView)) {
            VirtualMachine vm = live(id);
            try {
                // Its page table comes back on its first memory access, on its worker, not here under the lock.
                vm.backing().admit(vm.memory());
            } catch (RuntimeException swapInFailed) {
                // e.g. a corrupt swap page: never hand bad data to the guest; the VM ends, the kernel goes on
                faults++;
                endVm(vm, VmExit.faulted(FaultReport.internalError(id, vm.cpu(), swapInFailed)));
                continue;
            }
            admitted++;
            scheduler.ready(id, vm.run().admittedNow());
        }
    }

    /** Ends an idle: EAX and WAKE_REASON say why; the VM is compensated by running next. */
    private void wake(VirtualMachine vm, int reason) {
        deadlines.cancel(vm, DeadlineQueue.Kind.IDLE_TIMEOUT);
        idleAdmitted.remove(vm.id());
        vm.cpu().setRegister(EAX, reason);
        vm.registers().setWakeReason(reason);
        runner.refreshTime(vm);
        if (reason == VirtualInstructions.WOKE_BY_TIMEOUT) {
            wakesByTimeout++;
        } else {
            wakesByInterrupt++;
        }
        if (vm.run().admitted()) {
            vm.run().ready();
            scheduler.ready(vm.id(), true);
        } else {
            vm.run().wokeSwappedOut();
            gatekeeper.waiting(vm.id());
        }
        if (config.synchronousInterrupts() && reason == VirtualInstructions.WOKE_BY_INTERRUPT) {
            preemptOneOtherThan(vm);
        }
    }

    /** Virtual time charged for switches and paging (deterministic clock only; see {@link VirtualCosts}). */
    public void modelCosts(VirtualCosts virtualCosts) {
        synchronized (monitor) {
            this.costs = virtualCosts;
        }
    }

    /**
     * At most {@code bytes} of heap for the page tables and register pages of idle VMs (default: an eighth of the
     * JVM's maximum heap); 0 drops them at every idle. Mechanism only: no VM sees the difference, a dropped table
     * costs a rebuild at the VM's next quantum.
     */
    public void limitIdleTables(long bytes) {
        synchronized (monitor) {
            if (bytes < 0) {
                throw new IllegalArgumentException("negative budget: " + bytes);
            }
            idleTableBudget = bytes;
            trimIdleTables();
        }
    }

    /** How many times an idle VM's page table was dropped to keep within {@link #limitIdleTables} (tests, bench). */
    public long idleTableDrops() {
        synchronized (monitor) {
            return tableDrops;
        }
    }

    /** Called under the kernel's lock after every quantum (tracing, the debugger, tests). Keep it short. */
    public void observe(QuantumObserver quantumObserver) {
        synchronized (monitor) {
            this.observer = quantumObserver;
        }
    }

    /** The observer in place, so another can be chained after it (the debugger's, then the IDE's timeline). */
    public QuantumObserver observer() {
        synchronized (monitor) {
            return observer;
        }
    }

    /** Consulted under the kernel's lock as every quantum starts (the debugger's single step). */
    public void limitQuanta(QuantumLimit limit) {
        synchronized (monitor) {
            this.quantumLimit = limit;
        }
    }

    /** Consulted under the kernel's lock when a VM faults (the debugger's fault hold). */
    public void holdFaults(FaultHold hold) {
        synchronized (monitor) {
            this.faultHold = hold;
        }
    }

    /** The fault hold in place ({@link FaultHold#NONE} unless a debugger or core writer installed one). */
    public FaultHold faultHold() {
        synchronized (monitor) {
            return faultHold;
        }
    }

    private void afterQuantum(VirtualMachine vm, QuantumRunner.Outcome outcome) {
        observer.quantumEnded(vm.id(), outcome.reason(), outcome.instructions(), outcome.deliveredLines(),
            clock.nanos());
        quanta++;
        vm.run().quantumCounted();
        instructions += outcome.instructions();
        if (outcome.deliveredLines() > 0) {
            interruptBatches++;
            interruptLines += outcome.deliveredLines();
        }
        switch (outcome.reason()) {
            case FAULT -> {
                faults++;
                if (faultHold.hold(vm.id(), outcome.fault())) {
                    vm.run().faultHeld(outcome.fault());
                    scheduler.ready(vm.id(), false);
                } else {
                    endVm(vm, VmExit.faulted(outcome.fault()));
                }
            }
            case TERMINATED -> endVm(vm, VmExit.terminated(outcome.value()));
            default -> {
                if (config.maxInstructionsPerVm() > 0
                        && vm.cpu().instructionsRetired() >= config.maxInstructionsPerVm()) {
                    endVm(vm, VmExit.of(VmExit.Kind.INSTRUCTION_LIMIT));
                } else if (outcome.reason() == StopReason.IDLE) {
                    idle(vm, outcome.value());
                } else if (outcome.reason() == StopReason.HALTED) {
                    idle(vm, VirtualInstructions.IDLE_FOREVER);
                } else {
                    vm.run().ready();
                    scheduler.ready(vm.id(), false);
                }
            }
        }
    }

    private void idle(VirtualMachine vm, int timeoutMicros) {
        if (timeoutMicros == 0 || vm.interrupts().pending() != 0) {
            // A yield, or lines already pending: idle returns at once, without leaving the run queue.
            int reason = timeoutMicros == 0 ? VirtualInstructions.WOKE_BY_TIMEOUT
                : VirtualInstructions.WOKE_BY_INTERRUPT;
            vm.cpu().setRegister(EAX, reason);
            vm.registers().setWakeReason(reason);
            vm.run().ready();
            scheduler.ready(vm.id(), false);
            return;
        }
        vm.run().wentIdle();
        idleAdmitted.add(vm.id());
        if (!vm.run().tablesQueued()) {
            vm.run().tablesQueued(true);
            idleWithTables.add(vm);
            idleTableBytes += vm.tableBytes();
            trimIdleTables();
        }
        if (timeoutMicros != VirtualInstructions.IDLE_FOREVER) {
            long at = clock.nanos() + Integer.toUnsignedLong(timeoutMicros) * 1000;
            deadlines.set(vm, DeadlineQueue.Kind.IDLE_TIMEOUT, at);
        }
    }

    /** Under the lock: drops the oldest idle VMs' tables until the rest fit the budget. */
    private void trimIdleTables() {
        while (idleTableBytes > idleTableBudget && !idleWithTables.isEmpty()) {
            VirtualMachine vm = idleWithTables.poll();
            vm.run().tablesQueued(false);
            idleTableBytes -= vm.tableBytes();
            // Only a VM no worker runs may lose its tables; one that is running again keeps them (it re-queues
            // at its next idle), an ended one has none.
            if (vm.run().state() != VmState.RUNNING && vm.run().state() != VmState.ENDED && vm.releaseTables()) {
                tableDrops++;
            }
        }
    }

    private void endVm(VirtualMachine vm, VmExit exit) {
        deadlines.cancel(vm, DeadlineQueue.Kind.IDLE_TIMEOUT);
        deadlines.cancel(vm, DeadlineQueue.Kind.TIMER);
        scheduler.remove(vm.id());
        gatekeeper.remove(vm.id());
        idleAdmitted.remove(vm.id());
        if (vm.cpu() != null) {
            endedCompiledInstructions += vm.cpu().instructionsCompiled();
        }
        if (vm.run().ended(exit)) {
            admitted--;
        }
        vm.releaseEnded();
        live--;
        if (generators != null && generators.remove(vm.id()) && generators.isEmpty() && !workloadEnded) {
            endWorkload();
        }
        monitor.notifyAll();
    }

    // ------------------------------------------------------------------ checkpoints

    /**
     * The whole kernel's state now, at a quantum boundary: waits until no worker runs a quantum, keeps every
     * worker from starting one while it copies, then lets them go on. Nothing of the run changes: a checkpoint
     * taken in the middle of a deterministic run leaves it exactly as it would have been.
     *
     * @throws CheckpointException if some part cannot be checkpointed (a swap-file memory manager, a disk, a VM
     *         a debugger holds at a fault); the kernel is unchanged
     */
    public KernelCheckpoint checkpoint() {
        synchronized (monitor) {
            if (arrivals != null) {
                throw new CheckpointException("a kernel taking arrivals from outside cannot be checkpointed: the "
                    + "arrivals still on their way are not part of the snapshot");
            }
            quiescing++;
            try {
                while (!running.isEmpty()) {
                    try {
                        monitor.wait(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CheckpointException("interrupted while waiting for the running quanta to end");
                    }
                }
                return captureQuiescent();
            } finally {
                quiescing--;
                monitor.notifyAll();
            }
        }
    }

    private KernelCheckpoint captureQuiescent() {
        List<KernelCheckpoint.Section> sections = new ArrayList<>();
        sections.add(CheckpointPayload.section(KernelCheckpoint.HEAD, 0, out -> {
            writeSettings(out);
            out.writeInt(allVms.size());
            for (VirtualMachine vm : allVms) {
                out.writeInt(vm.id());
                out.writeInt(vm.config().memorySize());
                out.writeLong(vm.config().nicMac());
                GuestImage image = vm.image();
                out.write(image == null ? new byte[32] : image.digest());
            }
        }));
        byte[] schedulerState;
        byte[] gatekeeperState;
        try {
            schedulerState = scheduler.saveState();
            gatekeeperState = gatekeeper.saveState();
        } catch (UnsupportedOperationException e) {
            throw new CheckpointException("the kernel's policy cannot be checkpointed: " + e.getMessage(), e);
        }
        int[] held = scheduler.heldOutsideQueues();
        sections.add(CheckpointPayload.section(KernelCheckpoint.KERNEL, 0, out -> {
            out.writeLong(clock.nanos());
            for (long counter : new long[] {instructions, endedCompiledInstructions, quanta, vmSwitches,
                    interruptBatches, interruptLines, wakesByTimeout, wakesByInterrupt, faults}) {
                out.writeLong(counter);
            }
            out.writeInt(nextId);
            out.writeInt(live);
            out.writeInt(admitted);
            out.writeInt(lastOnSingleWorker == null ? 0 : lastOnSingleWorker.id());
            out.writeInt(idleAdmitted.size());
            for (int id : idleAdmitted) {
                out.writeInt(id);
            }
            List<DeadlineQueue.Deadline> due = deadlines.inOrder();
            out.writeInt(due.size());
            for (DeadlineQueue.Deadline d : due) {
                out.writeInt(d.vm().id());
                out.writeByte(d.kind().ordinal());
                out.writeLong(d.atNanos());
            }
            VmCheckpoint.writeBytes(out, schedulerState);
            out.writeInt(held.length);
            for (int id : held) {
                out.writeInt(id);
            }
            VmCheckpoint.writeBytes(out, gatekeeperState);
        }));
        for (VirtualMachine vm : allVms) {
            sections.addAll(VmCheckpoint.capture(vm));
        }
        return new KernelCheckpoint(sections, instructions, clock.nanos());
    }

    /** The settings a run's course depends on: a checkpoint restores only into a kernel with the same. */
    private void writeSettings(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeByte(config.clockMode().ordinal());
        out.writeInt(config.cpuSpeedKhz());
        out.writeLong(config.quantum().instructionBudget(config.cpuSpeedKhz()));
        out.writeBoolean(config.synchronousInterrupts());
        out.writeLong(config.maxInstructionsPerVm());
        // not the worker count: a real-time kernel's differs between hosts and changes no VM's course
    }

    /**
     * Puts this kernel into the state of {@code checkpoint}. The kernel must not have run yet and must have been
     * assembled like the one the checkpoint was taken of: the same settings, the same VMs (count, memory, MAC,
     * image) instantiated in the same order with the same devices. Then {@link #run()} goes on exactly where the
     * checkpointed kernel was. Host-side output (console streams, pcap) is not rewound: it continues from here.
     *
     * @throws CheckpointException naming the section and what differs; the kernel is then unusable
     */
    public void restore(KernelCheckpoint checkpoint) {
        synchronized (monitor) {
            if (startNanos != 0 || quanta != 0) {
                throw new CheckpointException("a checkpoint restores only into a kernel that has not run yet");
            }
            List<KernelCheckpoint.Section> sections = checkpoint.sections();
            if (sections.size() < 2 || !sections.get(0).tag().equals(KernelCheckpoint.HEAD)
                    || !sections.get(1).tag().equals(KernelCheckpoint.KERNEL)) {
                throw new CheckpointException("a checkpoint starts with sections HEAD and KERN");
            }
            checkHead(sections.get(0));
            int index = 2;
            for (VirtualMachine vm : allVms) {
                KernelCheckpoint.Section state = sectionAt(sections, index++, KernelCheckpoint.VM, vm.id());
                if (VmCheckpoint.restoreState(vm, state)) {
                    continue;
                }
                VmCheckpoint.restorePages(vm, sectionAt(sections, index++, KernelCheckpoint.PAGES, vm.id()));
                VmCheckpoint.restoreDevices(vm, sectionAt(sections, index++, KernelCheckpoint.DEVICES, vm.id()));
            }
            if (index != sections.size()) {
                throw new CheckpointException("section " + sections.get(index).describe() + " follows the last VM's");
            }
            for (VirtualMachine vm : allVms) {
                for (VmDeviceHooks hook : vm.deviceHooks()) {
                    hook.restoreFinished();
                }
            }
            restoreKernelSection(sections.get(1));
            monitor.notifyAll();
        }
    }

    /**
     * Puts this kernel, which has run, back into the state of {@code checkpoint}, taken of this same kernel earlier
     * (reverse execution: restore the nearest checkpoint, then replay). Only between quanta (no worker runs one)
     * and only if no VM ended since the checkpoint (an ended VM has released its CPU, memory and devices): the
     * caller keeps its checkpoints from before a VM's end out of use. Breakpoints and watchpoints stay as they are
     * (they are the debugger's, not the guests'). Host-side output is not rewound.
     *
     * @throws CheckpointException if a quantum runs or a VM's life differs; the kernel is then unchanged
     */
    public void rewind(KernelCheckpoint checkpoint) {
        synchronized (monitor) {
            if (!running.isEmpty()) {
                throw new CheckpointException("a kernel rewinds only between quanta: " + running.size()
                    + " VM(s) on a worker");
            }
            List<KernelCheckpoint.Section> sections = checkpoint.sections();
            if (sections.size() < 2 || !sections.get(0).tag().equals(KernelCheckpoint.HEAD)
                    || !sections.get(1).tag().equals(KernelCheckpoint.KERNEL)) {
                throw new CheckpointException("a checkpoint starts with sections HEAD and KERN");
            }
            int index = 2;
            List<VirtualMachine> liveThen = new ArrayList<>();
            for (VirtualMachine vm : allVms) {
                KernelCheckpoint.Section state = sectionAt(sections, index++, KernelCheckpoint.VM, vm.id());
                boolean endedThen = state.payload().length > 0 && state.payload()[0] != 0;
                if (endedThen != (vm.run().state() == VmState.ENDED)) {
                    throw new CheckpointException("VM " + vm.id() + (endedThen ? " had ended" : " was alive")
                        + " at the checkpoint and " + (endedThen ? "is alive" : "has ended") + " now");
                }
                if (!endedThen) {
                    liveThen.add(vm);
                    index += 2;
                }
            }
            if (index != sections.size()) {
                throw new CheckpointException("section " + sections.get(index).describe() + " follows the last VM's");
            }
            for (VirtualMachine vm : allVms) {
                if (vm.heldFault() != null) {
                    throw new CheckpointException("VM " + vm.id() + " is held at a fault by the debugger");
                }
            }
            index = 2;
            for (VirtualMachine vm : allVms) {
                KernelCheckpoint.Section state = sections.get(index++);
                if (!liveThen.contains(vm)) {
                    continue;
                }
                VmCheckpoint.restoreState(vm, state);
                // A zero-instruction run makes the CPU forget a debugger stop it remembers from the present (it
                // would skip a breakpoint check at the restored EIP); the checkpoint's point had none pending.
                vm.cpu().run(0);
                vm.releaseTables(); // every page is mapped again, from the restored backing, at its next access
                vm.backing().discardPrivate();
                VmCheckpoint.restorePages(vm, sections.get(index++));
                VmCheckpoint.restoreDevices(vm, sections.get(index++));
                vm.run().tablesQueued(false);
            }
            for (VirtualMachine vm : liveThen) {
                for (VmDeviceHooks hook : vm.deviceHooks()) {
                    hook.restoreFinished();
                }
            }
            idleWithTables.clear();
            idleTableBytes = 0;
            deadlines.clear();
            restoreKernelSection(sections.get(1));
            monitor.notifyAll();
        }
    }

    private static KernelCheckpoint.Section sectionAt(List<KernelCheckpoint.Section> sections, int index, String tag,
            int vmId) {
        if (index >= sections.size()) {
            throw new CheckpointException("the checkpoint ends before section " + tag + " of vm " + vmId);
        }
        KernelCheckpoint.Section s = sections.get(index);
        if (!s.tag().equals(tag) || s.vmId() != vmId) {
            throw new CheckpointException("section " + s.describe() + " where " + tag + " of vm " + vmId
                + " belongs");
        }
        return s;
    }

    private void checkHead(KernelCheckpoint.Section head) {
        CheckpointPayload.read(head, in -> {
            java.io.ByteArrayOutputStream mine = new java.io.ByteArrayOutputStream();
            writeSettings(new java.io.DataOutputStream(mine));
            byte[] theirs = new byte[mine.size()];
            in.readFully(theirs);
            if (!java.util.Arrays.equals(theirs, mine.toByteArray())) {
                throw new CheckpointException("section HEAD: the snapshot was taken of a kernel with other settings "
                    + "(clock mode, CPU speed, quantum, synchronous interrupts or instruction limit); "
                    + "start this one with the same options");
            }
            int count = in.readInt();
            if (count != allVms.size()) {
                throw new CheckpointException("section HEAD: the snapshot has " + count + " VMs, this kernel has "
                    + allVms.size() + ": start the same images with the same --count");
            }
            for (VirtualMachine vm : allVms) {
                int id = in.readInt();
                int memorySize = in.readInt();
                long mac = in.readLong();
                byte[] digest = new byte[32];
                in.readFully(digest);
                if (id != vm.id() || memorySize != vm.config().memorySize() || mac != vm.config().nicMac()) {
                    throw new CheckpointException(String.format("section HEAD: VM %d had %d bytes of memory and MAC "
                        + "%012x in the snapshot, this kernel's VM %d has %d bytes and %012x", id,
                        Integer.toUnsignedLong(memorySize), mac, vm.id(),
                        Integer.toUnsignedLong(vm.config().memorySize()), vm.config().nicMac()));
                }
                boolean endedThere = java.util.Arrays.equals(digest, new byte[32]);
                if (!endedThere && !java.util.Arrays.equals(digest, vm.image().digest())) {
                    throw new CheckpointException("section HEAD: VM " + id + " ran image sha256:"
                        + java.util.HexFormat.of().formatHex(digest, 0, 8) + "… when the snapshot was taken, this "
                        + "kernel's VM " + id + " runs sha256:"
                        + java.util.HexFormat.of().formatHex(vm.image().digest(), 0, 8) + "…: not the snapshot's "
                        + "image");
                }
            }
        });
    }

    private void restoreKernelSection(KernelCheckpoint.Section kernelSection) {
        CheckpointPayload.read(kernelSection, in -> {
            clock.restoreTo(in.readLong());
            instructions = in.readLong();
            endedCompiledInstructions = in.readLong();
            quanta = in.readLong();
            vmSwitches = in.readLong();
            interruptBatches = in.readLong();
            interruptLines = in.readLong();
            wakesByTimeout = in.readLong();
            wakesByInterrupt = in.readLong();
            faults = in.readLong();
            nextId = in.readInt();
            live = in.readInt();
            admitted = in.readInt();
            int last = in.readInt();
            lastOnSingleWorker = last == 0 ? null : requireVm(last);
            idleAdmitted.clear();
            int idle = in.readInt();
            for (int i = 0; i < idle; i++) {
                idleAdmitted.add(requireVm(in.readInt()).id());
            }
            int due = in.readInt();
            for (int i = 0; i < due; i++) {
                VirtualMachine vm = requireVm(in.readInt());
                int kind = in.readUnsignedByte();
                if (kind >= DeadlineQueue.Kind.values().length) {
                    throw new java.io.IOException("unknown deadline kind " + kind);
                }
                deadlines.set(vm, DeadlineQueue.Kind.values()[kind], in.readLong());
            }
            byte[] schedulerState = VmCheckpoint.readBytes(in);
            int[] held = new int[in.readInt()];
            for (int i = 0; i < held.length; i++) {
                held[i] = requireVm(in.readInt()).id();
            }
            byte[] gatekeeperState = VmCheckpoint.readBytes(in);
            try {
                scheduler.restoreState(schedulerState);
                gatekeeper.restoreState(gatekeeperState);
            } catch (UnsupportedOperationException e) {
                throw new CheckpointException("the kernel's policy cannot restore a checkpoint: " + e.getMessage(), e);
            }
            for (int id : held) {
                scheduler.ready(id, false);
            }
            List<Integer> ready = new ArrayList<>();
            List<Integer> waiting = new ArrayList<>();
            for (VirtualMachine vm : allVms) {
                VmState state = vm.run().state();
                if (state == VmState.READY) {
                    ready.add(vm.id());
                } else if (state == VmState.WAITING) {
                    waiting.add(vm.id());
                }
            }
            scheduler.restoredRunnable(ready.stream().mapToInt(Integer::intValue).toArray());
            gatekeeper.restoredWaiting(waiting.stream().mapToInt(Integer::intValue).toArray());
            // A host thread may have set a line of an idle VM just as the checkpoint was taken, before it could
            // take the lock to wake it: wake it now, as that thread was about to (never at a quantum boundary of a
            // deterministic run, where raising and waking happen under one lock).
            for (VirtualMachine vm : allVms) {
                if (vm.run().state() == VmState.IDLE && vm.interrupts().pending() != 0) {
                    wake(vm, VirtualInstructions.WOKE_BY_INTERRUPT);
                }
            }
        });
    }

    private VirtualMachine requireVm(int id) {
        if (id < 1 || id > allVms.size()) {
            throw new IllegalArgumentException("no VM " + id);
        }
        return allVms.get(id - 1);
    }

    // ------------------------------------------------------------------ statistics

    public KernelStatistics statistics() {
        synchronized (monitor) {
            long pageIns = 0;
            long pageOuts = 0;
            long compiled = endedCompiledInstructions;
            for (VirtualMachine vm : allVms) {
                pageIns += vm.pageIns();
                pageOuts += vm.pageOuts();
                compiled += vm.cpu() == null ? 0 : vm.cpu().instructionsCompiled();
            }
            long elapsed = elapsedNanos != 0 ? elapsedNanos : startNanos == 0 ? 0 : System.nanoTime() - startNanos;
            return new KernelStatistics(instructions, quanta, vmSwitches, interruptBatches, interruptLines,
                wakesByTimeout, wakesByInterrupt, faults, pageIns, pageOuts, elapsed, compiled);
        }
    }

    /** Entries in the deadline queue: at most two per live VM (tests check that guests cannot grow it). */
    int pendingDeadlines() {
        synchronized (monitor) {
            return deadlines.size();
        }
    }

    /** The kernel clock now, in ns (virtual in deterministic mode). */
    public long nowNanos() {
        return clock.nanos();
    }
}
