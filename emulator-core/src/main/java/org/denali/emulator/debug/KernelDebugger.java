package org.denali.emulator.debug;

import static org.denali.emulator.cpu.decode.Registers.EAX;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.denali.emulator.arch.VirtualInstructions;
import org.denali.emulator.cpu.Breakpoints;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Decoder;
import org.denali.emulator.cpu.decode.Mnemonic;
import org.denali.emulator.debug.core.CoreDump;
import org.denali.emulator.debug.core.VmCore;
import org.denali.emulator.kernel.FaultReport;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.KernelLock;
import org.denali.emulator.kernel.MemoryManager;
import org.denali.emulator.kernel.QuantumLimit;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.kernel.VmState;
import org.denali.emulator.kernel.policy.FifoGatekeeper;
import org.denali.emulator.kernel.policy.RoundRobinScheduler;
import org.denali.emulator.memory.PageFault;
import org.denali.emulator.memory.PagedMemory;

/**
 * The debug API of a running kernel: commands (suspend/resume/step/run-to, breakpoints and watchpoints,
 * register, memory and virtual-register access, snapshots of interrupt queues, swap and scheduler) answer
 * synchronously; what happens later (stops, console output, VMs starting and ending) arrives as
 * {@link DebugEvent}s on listeners.
 *
 * <p>Mechanism: the kernel is built with a {@link DebugScheduler} that parks VMs the debugger holds, a
 * {@link org.denali.emulator.kernel.QuantumLimit} that makes a step a one-instruction quantum, and a quantum
 * observer that turns quantum ends into stops via {@link StopCauses}. So a stopped VM is simply one the kernel
 * does not schedule: other VMs keep running unless the {@link StopMode} policy says all stop.
 *
 * <p>Concurrency: all debugger state is guarded by the kernel's private lock (the kernel calls the scheduler,
 * observer and quantum limit with it held), so commands run under it too ({@link KernelLock#run}). Registers and
 * memory of a VM are only touched while the VM is stopped, i.e. not on a worker thread.
 */
public final class KernelDebugger {
    private final Kernel kernel;
    /** The kernel's lock: debugger state is shared with the hooks the kernel calls under it. */
    private final KernelLock lock;
    private final DebugScheduler scheduler;
    private final DebugGatekeeper gatekeeper;
    private final EventDispatcher events = new EventDispatcher();
    private final Map<Integer, VmDebugState> states = new LinkedHashMap<>();
    /**
     * A superset of the live VMs that are not stopped (kernel lock): every VM enters when it is created or
     * released, and leaves lazily once seen stopped or ended. All-stop work (suspend all, stop the others, wait
     * for all stopped) visits only these, so a step of one VM costs the same with 1 or 10,000 stopped VMs.
     */
    private final Set<VmDebugState> unsettled = new LinkedHashSet<>();
    /**
     * The process-wide breakpoints (gdb's {@code Z0}: every VM, those created later too), one table that every
     * VM's CPU consults beside its own ({@link Breakpoints#share}): inserting or removing one costs the same with
     * 1 or 10,000 VMs. A VM's own set keeps its per-VM breakpoints and a run-to's temporary one (kernel lock).
     */
    private final Breakpoints everyVm = new Breakpoints();
    /** The smallest memory of the kernel's VMs when it had {@link #sizedVmCount} VMs (an every-VM breakpoint
     *  must be inside each VM's memory), recomputed only when VMs were added. */
    private long smallestMemory;
    private int sizedVmCount = -1;
    /** The kernel's VMs by id, as far as this debugger has seen them (kernel lock). */
    private final Map<Integer, VirtualMachine> known = new HashMap<>();
    /** Names given before the VM's debug state exists ({@link #name}); the state takes it when it is made. */
    private final Map<Integer, String> names = new HashMap<>();
    private StopMode stopMode = StopMode.ALL_STOP;
    private boolean attached;
    /** New VMs start held (set by suspendAll, cleared by resumeAll): "--wait" and all-stop need it. */
    private boolean holdNewVms;
    private AutoCloseable keepAlive;
    /** The recorded run's history (reverse execution), or null. */
    private RunHistory history;
    /** What core files name as the program (gdb compares it with the executable's file name). */
    private String programName = "denali";
    private String programArguments = "denali";

    private KernelDebugger(Kernel kernel, DebugScheduler scheduler, DebugGatekeeper gatekeeper) {
        this.kernel = kernel;
        this.lock = kernel.lock();
        this.scheduler = scheduler;
        this.gatekeeper = gatekeeper;
        scheduler.parkWhen(id -> !state(id).mayRun());
        scheduler.beforeDispatch(this::vmRemoved);
        kernel.observe((vmId, reason, instructions, delivered, clockNanos) -> quantumEnded(vmId, reason, clockNanos));
        kernel.holdFaults(this::holdFault);
        kernel.limitQuanta(new QuantumLimit() {
            @Override
            public long maxInstructions(int vmId) {
                return beforeQuantum(vmId);
            }

            /** A step never lands in the interrupt handler (as QEMU's stub masks IRQs while stepping): the batch
             *  stays pending and is delivered at the next quantum that is not a step. */
            @Override
            public boolean deliverInterrupts(int vmId) {
                return !state(vmId).stepping;
            }
        });
    }

    /** A kernel with the default policies (round robin, FIFO gatekeeper) that this debugger can control. */
    public static KernelDebugger newKernel(KernelConfig config, MemoryManager memoryManager) {
        DebugScheduler scheduler = new DebugScheduler(new RoundRobinScheduler());
        DebugGatekeeper gatekeeper = new DebugGatekeeper(new FifoGatekeeper(config.minFreeBackingPages()));
        return new KernelDebugger(new Kernel(config, memoryManager, gatekeeper, scheduler), scheduler, gatekeeper);
    }

    public Kernel kernel() {
        return kernel;
    }

    /**
     * Keeps {@code runHistory} informed of the debugger's writes and lets it drive the kernel through recorded
     * quanta ({@code denali run --gdb --record}); set once, before any VM runs.
     */
    public void keepHistory(RunHistory runHistory) {
        lock.run(() -> {
            history = runHistory;
            scheduler.force(runHistory::forcedVm);
        });
    }

    /** The history of this run (reverse execution), or null when it is not recorded. */
    public RunHistory history() {
        return lock.get(() -> {
            return history;
        });
    }

    /**
     * Applies a logged write again during a replay (under the kernel's lock, the VM between quanta), as
     * {@link #setRegisters}/{@link #writeMemory} did, without logging it again.
     */
    public void replayWrite(RunHistory.GuestWrite write) {
        lock.run(() -> {
            VmDebugState s = live(write.vmId());
            if (write.registers() != null) {
                Cpu cpu = s.vm.cpu();
                for (int i = 0; i < 8; i++) {
                    cpu.setRegister(i, write.registers().gpr(i));
                }
                cpu.setEip(write.registers().eip());
                cpu.setEflags(write.registers().eflags());
            } else {
                byte[] bytes = write.bytes();
                s.watchpoints.muted(() -> {
                    s.vm.memory().writeBytes(write.address(), bytes, 0, bytes.length);
                    return null;
                });
            }
        });
    }

    /**
     * After a seek: every VM is stopped where the history put it; {@code vmId} reports {@code cause} (the others
     * keep a suspended stop).
     */
    public void stoppedAt(int vmId, StopCause cause) {
        lock.run(() -> {
            for (VmDebugState s : liveStates()) {
                s.lastStop = s.vm.id() == vmId ? cause : StopCauses.suspended();
                s.stepping = false;
            }
        });
    }

    /** Every live VM's state, in creation order (kernel lock held). */
    private List<VmDebugState> liveStates() {
        List<VmDebugState> live = new ArrayList<>();
        for (VirtualMachine vm : kernel.vms()) {
            if (vm.state() != VmState.ENDED) {
                live.add(state(vm.id()));
            }
        }
        return live;
    }

    /** A step's stop (what a seek reports for the VM it moved). */
    public static StopCause stepStop() {
        return new StopCause(StopCause.Kind.STEP, 0, null, null, null);
    }

    // ------------------------------------------------------------------ session

    /** A client attached: stops are reported, the kernel stays alive even if every VM idles forever. */
    public void attach() {
        lock.run(() -> {
            attached = true;
            updateKeepAlive();
            for (VirtualMachine vm : kernel.vms()) {
                if (vm.state() != VmState.ENDED) {
                    state(vm.id());
                }
            }
        });
    }

    /** The client left: every breakpoint and watchpoint is removed and every VM resumes. */
    public void detach() {
        lock.run(() -> {
            everyVm.clear();
            for (VmDebugState s : states.values()) {
                if (s.vm.state() == VmState.ENDED) {
                    continue;
                }
                for (int address : List.copyOf(s.breakpoints)) {
                    removeBreakpoint(s.vm.id(), address);
                }
                for (Watchpoint w : s.watchpoints.list()) {
                    removeWatchpoint(s.vm.id(), w);
                }
            }
            attached = false;
            resumeAll();
            updateKeepAlive();
        });
    }

    public boolean isAttached() {
        return lock.get(() -> {
            return attached;
        });
    }

    public void setStopMode(StopMode mode) {
        lock.run(() -> {
            stopMode = mode;
        });
    }

    public StopMode stopMode() {
        return lock.get(() -> {
            return stopMode;
        });
    }

    public void addListener(DebugListener listener) {
        events.add(listener);
    }

    public void removeListener(DebugListener listener) {
        events.remove(listener);
    }

    /** Wraps a VM's console stream so its output also becomes events; bind the tap to the VM once created. */
    public ConsoleTap consoleTap(OutputStream console) {
        return new ConsoleTap(console, events::post);
    }

    /** The image's file name and command line, for core files ({@link #core}); default "denali". */
    public void program(String fileName, String commandLine) {
        lock.run(() -> {
            programName = fileName;
            programArguments = commandLine;
        });
    }

    /**
     * The name shown for a VM (gdb's thread name, the monitor's VM list); default "vmN". Naming a VM does not make
     * its debug state early (that stays the scheduler's first look at it), so naming every VM as it is
     * instantiated costs O(1) each.
     */
    public void name(int vmId, String name) {
        lock.run(() -> {
            VmDebugState s = states.get(vmId);
            if (s != null) {
                s.name = name;
            } else {
                names.put(vmId, name);
            }
        });
    }

    // ------------------------------------------------------------------ run control (commands)

    /** Stops one VM; if it is on a worker now, it stops when its current quantum ends. Others keep running. */
    public void suspend(int vmId) {
        lock.run(() -> {
            halt(state(vmId), StopCauses.suspended());
        });
    }

    /** Stops every live VM (and VMs created from now on, until {@link #resumeAll()}). */
    public void suspendAll() {
        lock.run(() -> {
            holdNewVms = true;
            // Only VMs that may be running need a halt; VMs without a debug state yet are not running (the
            // scheduler asks for the state before it runs a VM) and are held when it does (holdNewVms).
            for (VmDebugState s : List.copyOf(unsettled)) {
                if (s.vm.state() != VmState.ENDED) {
                    halt(s, StopCauses.suspended());
                }
            }
            settle();
            updateKeepAlive();
        });
    }

    public void resume(int vmId) {
        lock.run(() -> {
            VmDebugState s = live(vmId);
            release(s);
            events.post(new DebugEvent.VmResumed(vmId));
        });
    }

    public void resumeAll() {
        lock.run(() -> {
            holdNewVms = false;
            for (VmDebugState s : states.values()) {
                if (s.vm.state() != VmState.ENDED && (s.haltRequested || s.lastStop != null)) {
                    release(s);
                    events.post(new DebugEvent.VmResumed(s.vm.id()));
                }
            }
            updateKeepAlive();
        });
    }

    /** Executes one instruction of a stopped VM (as a one-instruction quantum); a STEP stop follows. */
    public void step(int vmId) {
        lock.run(() -> {
            VmDebugState s = stopped(vmId);
            s.stepping = true;
            release(s);
        });
    }

    /** Like {@link #step}, but a call runs until it returns to the next instruction. */
    public void stepOver(int vmId) {
        lock.run(() -> {
            VmDebugState s = stopped(vmId);
            Cpu cpu = s.vm.cpu();
            PagedMemory memory = s.vm.memory();
            DecodedInstruction insn = s.watchpoints.muted(() -> Decoder.decode(address -> {
                try {
                    return memory.read8(address);
                } catch (PageFault f) {
                    return -1;
                }
            }, cpu.eip()));
            if (insn.mnemonic() == Mnemonic.CALL) {
                runTo(vmId, insn.nextAddress());
            } else {
                step(vmId);
            }
        });
    }

    /** Resumes a stopped VM until EIP reaches {@code address} (a STEP stop) or something else stops it first. */
    public void runTo(int vmId, int address) {
        lock.run(() -> {
            VmDebugState s = stopped(vmId);
            Cpu cpu = s.vm.cpu();
            s.runToOwnsBreakpoint = !cpu.breakpoints().containsOwn(address);
            cpu.breakpoints().add(address);
            s.runToAddress = address;
            release(s);
        });
    }

    /** Waits until the VM is stopped (or ended); false on timeout. */
    public boolean awaitStopped(int vmId, long timeoutMillis) throws InterruptedException {
        return awaitCondition(() -> state(vmId).vm.state() == VmState.ENDED || isStopped(state(vmId)), timeoutMillis);
    }

    /** Waits until every live VM is stopped; false on timeout. */
    public boolean awaitAllStopped(long timeoutMillis) throws InterruptedException {
        return awaitCondition(() -> {
            settle();
            return unsettled.isEmpty();
        }, timeoutMillis);
    }

    /** The fault VM {@code vmId} is held at (alive, stopped), or the fault it ended with; null if neither. */
    public FaultReport fault(int vmId) {
        return lock.get(() -> {
            VmDebugState s = state(vmId);
            FaultReport held = s.vm.heldFault();
            if (held != null) {
                return held;
            }
            return s.vm.exit() != null ? s.vm.exit().fault() : null;
        });
    }

    /** Whether any VM is live (not ended); O(1). */
    public boolean anyAlive() {
        return lock.get(() -> {
            return kernel.liveVmCount() > 0;
        });
    }

    /** Whether VM {@code vmId} exists and has not ended; O(1). */
    public boolean isAlive(int vmId) {
        return lock.get(() -> {
            return kernel.vm(vmId) != null;
        });
    }

    public boolean isStopped(int vmId) {
        return lock.get(() -> {
            return isStopped(state(vmId));
        });
    }

    // ------------------------------------------------------------------ breakpoints and watchpoints

    public void insertBreakpoint(int vmId, int address) {
        lock.run(() -> {
            VmDebugState s = live(vmId);
            requireInside(s, address);
            addBreakpoint(s, address);
        });
    }

    public void removeBreakpoint(int vmId, int address) {
        lock.run(() -> {
            dropBreakpoint(live(vmId), address);
        });
    }

    /**
     * A breakpoint in every VM, those created later too (gdb's breakpoints are process-wide; VMs of one image
     * share code addresses): one insertion into the table every VM's CPU consults, O(1) in the number of VMs.
     * Nothing is inserted if {@code address} is outside some VM's memory.
     */
    public void insertBreakpointInEveryVm(int address) {
        lock.run(() -> {
            requireInside(smallestMemory(), address);
            everyVm.add(address);
        });
    }

    public void removeBreakpointFromEveryVm(int address) {
        lock.run(() -> {
            everyVm.remove(address);
        });
    }

    private static void requireInside(VmDebugState s, int address) {
        requireInside(Integer.toUnsignedLong(s.vm.config().memorySize()), address);
    }

    private static void requireInside(long memorySize, int address) {
        if (Integer.toUnsignedLong(address) >= memorySize) {
            throw new DebugException(String.format("breakpoint at %08x is outside the VM's memory (kernel "
                + "addresses are not the guest's)", address));
        }
    }

    /** The smallest memory size of the kernel's VMs; a pass over them only when VMs were added since the last. */
    private long smallestMemory() {
        List<VirtualMachine> all = kernel.vms();
        if (all.size() != sizedVmCount) {
            long smallest = 0x1_0000_0000L;
            VmConfig last = null;
            for (VirtualMachine vm : all) {
                if (vm.config() != last) { // VMs of one request share their config
                    last = vm.config();
                    smallest = Math.min(smallest, Integer.toUnsignedLong(last.memorySize()));
                }
            }
            smallestMemory = smallest;
            sizedVmCount = all.size();
        }
        return smallestMemory;
    }

    private void addBreakpoint(VmDebugState s, int address) {
        s.breakpoints.add(address);
        edit(s, vm -> vm.cpu().breakpoints().add(address));
    }

    private void dropBreakpoint(VmDebugState s, int address) {
        s.breakpoints.remove(address);
        boolean runToUsesIt = s.runToAddress == address;
        edit(s, vm -> {
            if (!runToUsesIt) {
                vm.cpu().breakpoints().remove(address);
            } else {
                s.runToOwnsBreakpoint = true; // the run-to still needs it; it goes when the run-to ends
            }
        });
    }

    public List<Integer> breakpoints(int vmId) {
        return lock.get(() -> {
            return List.copyOf(state(vmId).breakpoints);
        });
    }

    public void insertWatchpoint(int vmId, Watchpoint watchpoint) {
        lock.run(() -> {
            VmDebugState s = live(vmId);
            long end = Integer.toUnsignedLong(watchpoint.address()) + watchpoint.length();
            if (end > Integer.toUnsignedLong(s.vm.config().memorySize())) {
                throw new DebugException(String.format("watchpoint at %08x is outside the VM's memory",
                    watchpoint.address()));
            }
            edit(s, vm -> s.watchpoints.add(watchpoint, vm.memory()));
        });
    }

    public void removeWatchpoint(int vmId, Watchpoint watchpoint) {
        lock.run(() -> {
            VmDebugState s = live(vmId);
            edit(s, vm -> s.watchpoints.remove(watchpoint, vm.memory()));
        });
    }

    public List<Watchpoint> watchpoints(int vmId) {
        return lock.get(() -> {
            return state(vmId).watchpoints.list();
        });
    }

    // ------------------------------------------------------------------ state access

    /** The registers of a stopped VM, or its last registers if it has ended (faulted or terminated). */
    public CpuRegisters registers(int vmId) {
        return lock.get(() -> {
            VmDebugState s = state(vmId);
            if (s.vm.state() == VmState.ENDED) {
                if (s.finalRegisters == null) {
                    throw new DebugException("VM " + vmId + " has ended");
                }
                return s.finalRegisters;
            }
            return CpuRegisters.of(stopped(vmId).vm.cpu());
        });
    }

    /** Writes the GPRs, EIP and EFLAGS of a stopped VM (EFLAGS: only the bits the guest could write). */
    public void setRegisters(int vmId, CpuRegisters registers) {
        lock.run(() -> {
            Cpu cpu = stopped(vmId).vm.cpu();
            if (history != null) {
                history.guestWrite(new RunHistory.GuestWrite(vmId, registers, 0, null));
            }
            for (int i = 0; i < 8; i++) {
                cpu.setRegister(i, registers.gpr(i));
            }
            cpu.setEip(registers.eip());
            cpu.setEflags(registers.eflags());
        });
    }

    public byte[] readMemory(int vmId, int address, int length) {
        return withMemory(vmId, memory -> {
            byte[] bytes = new byte[length];
            memory.readBytes(address, bytes, 0, length);
            return bytes;
        });
    }

    /** Writes as the guest would: read-only image pages are copied on write, page 0 keeps its RO registers. */
    public void writeMemory(int vmId, int address, byte[] bytes) {
        VirtualRegister readOnly = readOnlyRegisterIn(address, bytes.length);
        if (readOnly != null) {
            // The guest's own store there is dropped by the register page; a debugger gets told instead.
            throw new DebugException(readOnly.name() + " is read-only: the kernel owns it");
        }
        withMemory(vmId, memory -> {
            if (history != null) {
                history.guestWrite(new RunHistory.GuestWrite(vmId, null, address, bytes));
            }
            memory.writeBytes(address, bytes, 0, bytes.length);
            return null;
        });
    }

    /** The first read-only virtual register a write of {@code length} bytes at {@code address} would touch. */
    private static VirtualRegister readOnlyRegisterIn(int address, int length) {
        long start = Integer.toUnsignedLong(address);
        long end = start + length;
        for (VirtualRegister r : VirtualRegister.ALL) {
            if (!r.writable() && start < r.offset() + r.size() && r.offset() < end) {
                return r;
            }
        }
        return null;
    }

    /** A virtual register's value (zero-extended to 64 bits); readable whether the VM runs or not. */
    public long readVirtualRegister(int vmId, VirtualRegister register) {
        return lock.get(() -> {
            var page = state(vmId).vm.registers();
            return register.size() == 8 ? page.getLong(register.offset())
                : Integer.toUnsignedLong(page.get(register.offset()));
        });
    }

    /** Writes a guest-writable virtual register of a stopped VM (INTERRUPTS_ENABLED, INTERRUPT_HANDLER). */
    public void writeVirtualRegister(int vmId, VirtualRegister register, long value) {
        if (!register.writable()) {
            throw new DebugException(register.name() + " is read-only: the kernel owns it");
        }
        withMemory(vmId, memory -> {
            if (history != null) {
                byte[] le = {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
                history.guestWrite(new RunHistory.GuestWrite(vmId, null, register.offset(), le));
            }
            memory.write32(register.offset(), (int) value);
            return null;
        });
    }

    /**
     * A core of a stopped (or fault-held) VM: registers, virtual registers and its mapped and swapped pages, read
     * without disturbing it (see {@link VmCore}); write it with {@link ElfCoreWriter}.
     */
    public CoreDump core(int vmId) {
        return lock.get(() -> {
            VmDebugState s = stopped(vmId);
            return VmCore.capture(s.vm, CpuRegisters.of(s.vm.cpu()), Signals.of(s.lastStop), s.vm.heldFault(),
                programName, programArguments);
        });
    }

    // ------------------------------------------------------------------ snapshots

    public List<VmInfo> vms() {
        return lock.get(() -> {
            List<VmInfo> infos = new ArrayList<>();
            for (VirtualMachine vm : kernel.vms()) {
                infos.add(info(state(vm.id())));
            }
            return infos;
        });
    }

    /** How many VMs the kernel has instantiated, ended ones included (the size {@link #vms(int, int)} pages). */
    public int vmCount() {
        return lock.get(() -> {
            return kernel.vms().size();
        });
    }

    /** VMs {@code first .. first+count-1} in creation order: one page of {@link #vms()} for a big kernel. */
    public List<VmInfo> vms(int first, int count) {
        return lock.get(() -> {
            List<VirtualMachine> all = kernel.vms();
            List<VmInfo> page = new ArrayList<>();
            for (int i = Math.max(0, first); i < all.size() && i - first < count; i++) {
                page.add(info(state(all.get(i).id())));
            }
            return page;
        });
    }

    public VmInfo vm(int vmId) {
        return lock.get(() -> {
            return info(state(vmId));
        });
    }

    public InterruptQueueSnapshot interrupts(int vmId) {
        return lock.get(() -> {
            return Snapshots.interrupts(state(vmId).vm);
        });
    }

    public SwapSnapshot swap(int vmId) {
        return lock.get(() -> {
            return Snapshots.swap(state(vmId).vm);
        });
    }

    public SchedulerSnapshot scheduler() {
        return lock.get(() -> {
            kernel.vms().forEach(vm -> state(vm.id()));
            return Snapshots.scheduler(kernel.nowNanos(), List.copyOf(states.values()), scheduler, gatekeeper);
        });
    }

    // ------------------------------------------------------------------ kernel hooks (kernel lock held)

    private long beforeQuantum(int vmId) {
        VmDebugState s = state(vmId);
        // every quantum, not once: the CPU exists only from the VM's first quantum on (a VM waiting for memory
        // has none yet), and a volatile write per quantum costs nothing next to the quantum
        s.vm.cpu().breakpoints().share(everyVm);
        if (!s.pendingEdits.isEmpty()) {
            s.pendingEdits.forEach(edit -> edit.accept(s.vm));
            s.pendingEdits.clear();
        }
        if (history != null && history.replaying()) {
            return Long.MAX_VALUE; // the history fixes the quantum
        }
        return s.stepping ? 1 : Long.MAX_VALUE;
    }

    private void quantumEnded(int vmId, StopReason reason, long clockNanos) {
        VmDebugState s = state(vmId);
        Cpu cpu = s.vm.cpu();
        recordIdle(s, reason, cpu, clockNanos);
        if (history != null && history.replaying()) {
            // A replay: nobody stops; a breakpoint or watchpoint reached is the history's to note. A watched access
            // by the quantum's last instruction ends the quantum by its length, not by WATCHPOINT: ask the
            // watchpoints whatever the reason.
            if (reason == StopReason.BREAKPOINT) {
                history.hit(vmId, new StopCause(StopCause.Kind.BREAKPOINT, cpu.eip(), null, null, null));
            }
            Watchpoint watched = s.watchpoints.takeHit();
            if (watched != null) {
                history.hit(vmId, new StopCause(StopCause.Kind.WATCHPOINT, watched.address(), watched.kind(), null,
                    null));
            }
            return;
        }
        if (reason == StopReason.FAULT || reason == StopReason.TERMINATED) {
            s.finalRegisters = CpuRegisters.of(cpu); // the kernel drops the CPU right after this call
            endRunTo(s);
            return;
        }
        StopCause cause = StopCauses.afterQuantum(reason, cpu.eip(), s);
        if (cause != null) {
            stopped(s, cause);
        }
    }

    /** A VM left the scheduler: if the kernel ended it, report how (its exit is recorded by now). */
    private void vmRemoved(int vmId) {
        VmDebugState s = state(vmId);
        if (s.vm.state() != VmState.ENDED || s.endReported) {
            return;
        }
        s.endReported = true;
        StopCause cause = StopCauses.ended(s.vm.exit());
        s.lastStop = cause;
        s.stepping = false;
        if (cause.kind() == StopCause.Kind.FAULTED && !s.faultHeld) {
            // Not held (no client was attached when it faulted): report it, but stop nobody else. Only an
            // attached client in all-stop mode stops the world (and then the fault was held, see holdFault).
            events.post(new DebugEvent.VmStopped(vmId, cause));
            if (attached) {
                stopOthersIfAllStop(s);
            }
        }
        s.faultHeld = false;
        events.post(new DebugEvent.VmEnded(vmId, s.vm.exit()));
        if (kernel.vms().stream().allMatch(vm -> vm.state() == VmState.ENDED)) {
            events.post(new DebugEvent.KernelEnded());
        }
        updateKeepAlive();
    }

    /**
     * The kernel's fault hold: with a client attached, a faulted VM stays alive and stopped at the faulting
     * instruction (registers, memory and stack readable) until the client resumes it (the fault is delivered and
     * the VM ends) or kills the kernel. In all-stop mode every other VM stops too; in non-stop mode only this one.
     * Without a client nothing is held and nothing else stops.
     */
    private boolean holdFault(int vmId, FaultReport fault) {
        if (!attached) {
            return false;
        }
        VmDebugState s = state(vmId);
        s.faultHeld = true;
        stopped(s, StopCauses.faulted(fault));
        updateKeepAlive();
        return true;
    }

    private void recordIdle(VmDebugState s, StopReason reason, Cpu cpu, long clockNanos) {
        if (reason == StopReason.IDLE || reason == StopReason.HALTED) {
            long timeout = reason == StopReason.HALTED ? VirtualInstructions.IDLE_FOREVER
                : Integer.toUnsignedLong(cpu.register(EAX));
            boolean forever = timeout == Integer.toUnsignedLong(VirtualInstructions.IDLE_FOREVER);
            s.idleTimeoutMicros = forever ? VmDebugState.NONE : timeout;
            s.idleWakeAtNanos = forever ? VmDebugState.NONE : clockNanos + timeout * 1000;
        } else {
            s.idleTimeoutMicros = VmDebugState.NONE;
            s.idleWakeAtNanos = VmDebugState.NONE;
        }
    }

    // ------------------------------------------------------------------ mechanism (kernel lock held)

    private VmDebugState state(int vmId) {
        VmDebugState s = states.get(vmId);
        if (s != null) {
            return s;
        }
        VirtualMachine vm = known.get(vmId);
        if (vm == null) {
            // One pass indexes every VM instantiated since the last miss, so a kernel starting 10,000 VMs costs
            // O(n) here, not O(n) per VM (the scheduler hook asks for each VM as it becomes runnable).
            for (VirtualMachine v : kernel.vms()) {
                known.putIfAbsent(v.id(), v);
            }
            vm = known.get(vmId);
            if (vm == null) {
                throw new DebugException("no VM " + vmId);
            }
        }
        String name = names.remove(vmId);
        s = new VmDebugState(vm, name != null ? name : "vm" + vmId);
        states.put(vmId, s);
        events.post(new DebugEvent.VmStarted(vmId, s.name));
        if (vm.state() != VmState.ENDED) {
            unsettled.add(s);
            if (holdNewVms) {
                halt(s, StopCauses.suspended());
            }
        }
        return s;
    }

    private VmDebugState live(int vmId) {
        VmDebugState s = state(vmId);
        if (s.vm.state() == VmState.ENDED) {
            throw new DebugException("VM " + vmId + " has ended: " + s.vm.exit());
        }
        return s;
    }

    private VmDebugState stopped(int vmId) {
        VmDebugState s = live(vmId);
        if (!isStopped(s)) {
            throw new DebugException("VM " + vmId + " is running; suspend it first");
        }
        return s;
    }

    private boolean isStopped(VmDebugState s) {
        return s.lastStop != null && s.vm.state() != VmState.RUNNING;
    }

    /** Asks a VM to stop; reports the stop now if it is not on a worker, else when its quantum ends. */
    private void halt(VmDebugState s, StopCause cause) {
        if (s.haltRequested && !s.stepping && s.runToAddress == VmDebugState.NONE) {
            return;
        }
        s.haltRequested = true;
        s.stepping = false;
        endRunTo(s);
        scheduler.hold(s.vm.id());
        if (s.vm.state() != VmState.RUNNING) {
            s.lastStop = cause;
            events.post(new DebugEvent.VmStopped(s.vm.id(), cause));
        }
    }

    private void stopped(VmDebugState s, StopCause cause) {
        s.haltRequested = true;
        s.stepping = false;
        endRunTo(s);
        s.lastStop = cause;
        events.post(new DebugEvent.VmStopped(s.vm.id(), cause));
        if (cause.kind() != StopCause.Kind.SUSPENDED) {
            stopOthersIfAllStop(s);
        }
        kernel.lock().signalAll();
    }

    private void stopOthersIfAllStop(VmDebugState stoppedVm) {
        if (stopMode != StopMode.ALL_STOP) {
            return;
        }
        for (VmDebugState other : List.copyOf(unsettled)) {
            if (other != stoppedVm && other.vm.state() != VmState.ENDED) {
                halt(other, StopCauses.suspended());
            }
        }
        settle();
    }

    /** Drops the VMs that are stopped or ended from {@link #unsettled}. */
    private void settle() {
        unsettled.removeIf(s -> s.vm.state() == VmState.ENDED || isStopped(s));
    }

    private void release(VmDebugState s) {
        if (!s.stepping) {
            s.haltRequested = false;
        }
        s.lastStop = null;
        unsettled.add(s);
        scheduler.release(s.vm.id());
        kernel.lock().signalAll();
    }

    private void endRunTo(VmDebugState s) {
        if (s.runToAddress == VmDebugState.NONE) {
            return;
        }
        int address = s.runToAddress;
        boolean owned = s.runToOwnsBreakpoint && !s.breakpoints.contains(address);
        s.runToAddress = VmDebugState.NONE;
        s.runToOwnsBreakpoint = false;
        if (owned && s.vm.cpu() != null) {
            s.vm.cpu().breakpoints().remove(address); // only called while the VM is off its worker
        }
    }

    /** Applies a change to the VM's CPU or memory now if it is off its worker, else before its next quantum. */
    private void edit(VmDebugState s, Consumer<VirtualMachine> change) {
        if (s.vm.state() == VmState.RUNNING) {
            s.pendingEdits.add(change);
        } else {
            change.accept(s.vm);
        }
    }

    private <T> T withMemory(int vmId, Function<PagedMemory, T> access) {
        return lock.get(() -> {
            VmDebugState s = stopped(vmId);
            PagedMemory memory = s.vm.memory();
            try {
                return s.watchpoints.muted(() -> access.apply(memory));
            } catch (PageFault f) {
                throw new DebugException(String.format("cannot access memory at %08x", f.address()));
            }
        });
    }

    private VmInfo info(VmDebugState s) {
        VirtualMachine vm = s.vm;
        return new VmInfo(vm.id(), s.name, vm.state(), isStopped(s), s.lastStop, vm.instructionsRetired(),
            vm.exit());
    }

    private void updateKeepAlive() {
        // attached first: with a client attached (every step) the scan over all VMs is not needed
        boolean want = attached || holdNewVms || states.values().stream()
            .anyMatch(s -> s.haltRequested && s.vm.state() != VmState.ENDED);
        try {
            if (want && keepAlive == null) {
                keepAlive = kernel.holdOpen();
            } else if (!want && keepAlive != null) {
                keepAlive.close();
                keepAlive = null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Condition {
        boolean holds();
    }

    private boolean awaitCondition(Condition condition, long timeoutMillis) throws InterruptedException {
        // The kernel signals its lock after every quantum and on every state change.
        return lock.await(condition::holds, timeoutMillis);
    }
}
