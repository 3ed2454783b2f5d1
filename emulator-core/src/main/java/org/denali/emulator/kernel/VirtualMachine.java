package org.denali.emulator.kernel;

import java.util.List;
import org.denali.emulator.arch.VirtualRegisters;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.devices.console.Console;
import org.denali.emulator.devices.keyboard.Keyboard;
import org.denali.emulator.kernel.memory.ResidencyMap;
import org.denali.emulator.memory.PagedMemory;

/**
 * One VM as the kernel holds it: CPU, memory, register page, devices, pending interrupts and its place in the
 * life cycle. Its run state ({@link VmRunState}) has one owner, changed by the kernel under its private lock; the
 * CPU and memory belong to the worker running the VM. When the VM ends, the kernel drops its CPU, memory and
 * devices so they can be collected, keeping only the exit and the counters.
 */
public final class VirtualMachine {
    private final int id;
    /** The grant as requested, shared by the VMs instantiated from one request; see {@link #config()}. */
    private final VmConfig config;
    private final RegisterPage registers;
    private final InterruptState interrupts;
    /** Kernel-clock time it was created (SYSTEM_TIME_US counts from it); set again when a checkpoint is restored. */
    private long createdAtNanos;
    /** What it runs, or null once ended. */
    private GuestImage image;
    private Cpu cpu;
    private PagedMemory memory;
    private VmBacking backing;
    private Console console;
    private Keyboard keyboard;
    private List<VmDeviceHooks> deviceHooks = List.of();

    /** Life cycle, admission, deadlines, held fault: changed only by its own transitions (kernel lock). */
    private final VmRunState run = new VmRunState();
    private long pageIns;
    private long pageOuts;

    VirtualMachine(int id, VmConfig config, RegisterPage registers, InterruptState interrupts, long createdAtNanos) {
        this.id = id;
        this.config = config;
        this.registers = registers;
        this.interrupts = interrupts;
        this.createdAtNanos = createdAtNanos;
    }

    void attach(GuestImage guestImage, Cpu cpu, PagedMemory memory, VmBacking backing, Console console,
            Keyboard keyboard, List<VmDeviceHooks> hooks) {
        this.image = guestImage;
        this.deviceHooks = List.copyOf(hooks);
        this.cpu = cpu;
        this.memory = memory;
        this.backing = backing;
        this.console = console;
        this.keyboard = keyboard;
    }

    /**
     * The VM is out of memory (waiting for admission, or swapped out by the gatekeeper): drop its page table and
     * shrink its register page to the register bytes, so it costs a small fixed record (docs/architecture.md §4).
     * Its pages live on in the memory manager (swap); the CPU's registers are a few dozen bytes and stay. The
     * first memory access after admission (by the CPU, on the VM's worker) rebuilds the table and maps the
     * register page again. True if it held tables until now.
     */
    boolean releaseTables() {
        PagedMemory m = memory;
        if (m != null && !m.tablesDropped()) {
            m.dropTables(this::reinstallRegisterPage);
            registers.shrinkToRecord();
            return true;
        }
        return false;
    }

    /** Heap its page table and register page take while it holds them (16 bytes a page for the four arrays). */
    long tableBytes() {
        return (Integer.toUnsignedLong(config.memorySize()) >>> 12) * 16 + 4096 + 64;
    }

    private void reinstallRegisterPage() {
        registers.installIn(memory);
    }

    public int id() {
        return id;
    }

    /** Its grant, with the MAC it got ({@link VmConfig#forVm}). */
    public VmConfig config() {
        return config.forVm(id);
    }

    public RegisterPage registers() {
        return registers;
    }

    /** Pending mask and the raise/deliver history (the debugger's interrupt-queue view). */
    public List<InterruptEvent> interruptHistory() {
        return interrupts.history();
    }

    public int pendingInterrupts() {
        return interrupts.pending();
    }

    InterruptState interrupts() {
        return interrupts;
    }

    long createdAtNanos() {
        return createdAtNanos;
    }

    void restoreCreatedAt(long nanos) {
        createdAtNanos = nanos;
    }

    /** The CPU, or null once the VM has ended. Only touch it while the VM is not running. */
    public Cpu cpu() {
        return cpu;
    }

    public PagedMemory memory() {
        return memory;
    }

    VmBacking backing() {
        return backing;
    }

    /** The image it runs, or null once ended. */
    public GuestImage image() {
        return image;
    }

    Console console() {
        return console;
    }

    public Keyboard keyboard() {
        return keyboard;
    }

    List<VmDeviceHooks> deviceHooks() {
        return deviceHooks;
    }

    /** Its run state, the one owner of its life-cycle fields. */
    VmRunState run() {
        return run;
    }

    public VmState state() {
        return run.state();
    }

    /** How it ended, or null while alive. */
    public VmExit exit() {
        return run.exit();
    }

    public long instructionsRetired() {
        return registers.getLong(VirtualRegisters.INSTRUCTIONS_RETIRED);
    }

    /** The fault a debugger holds this VM at (alive, inspectable, not yet ended), or null. */
    public FaultReport heldFault() {
        return run.heldFault();
    }

    /** Whether the gatekeeper has it admitted (in memory, schedulable); read under the kernel's lock. */
    public boolean admitted() {
        return run.admitted();
    }

    /** Backing pages it holds now, or 0 once ended (the debugger's swap view). */
    public long residentPages() {
        VmBacking b = backing;
        return b != null ? b.residentPages() : 0;
    }

    /** Backing pages it is expected to need when admitted, or 0 once ended. */
    public long footprintPages() {
        VmBacking b = backing;
        return b != null ? b.footprintPages() : 0;
    }

    /** Resident and swapped pages as the memory manager knows them, or null (no swap manager, or ended). */
    public ResidencyMap residency() {
        VmBacking b = backing;
        return b != null ? b.residency() : null;
    }

    /** Copies of its pages on swap now by page number, read without paging them in; empty if none or ended. */
    public java.util.SortedMap<Integer, byte[]> peekSwappedPages() {
        VmBacking b = backing;
        return b != null ? b.peekSwapped() : java.util.Collections.emptySortedMap();
    }

    /** Demand faults served by its memory manager so far (0 if the manager does not count them, or ended). */
    public long demandFaults() {
        VmBacking b = backing;
        return b != null ? b.demandFaults() : 0;
    }

    public long quanta() {
        return run.quanta();
    }

    public long pageIns() {
        return backing != null ? backing.pageIns() : pageIns;
    }

    public long pageOuts() {
        return backing != null ? backing.pageOuts() : pageOuts;
    }

    /**
     * Drops what the VM held once the kernel ended it ({@link VmRunState#ended}). Called by the kernel under its
     * lock.
     */
    void releaseEnded() {
        if (cpu != null) {
            registers.setTime(registers.getLong(VirtualRegisters.SYSTEM_TIME_US),
                cpu.instructionsRetired());
        }
        if (backing != null) {
            pageIns = backing.pageIns();
            pageOuts = backing.pageOuts();
            backing.release();
        }
        for (VmDeviceHooks hook : deviceHooks) {
            try {
                hook.vmEnded();
            } catch (RuntimeException e) {
                // a device failing to detach must not stop the kernel; the VM is gone either way
            }
        }
        deviceHooks = List.of();
        // The registers stay readable (instructions retired, the debugger's view) from their 140-byte record; the
        // 4 KB page went with the memory. Kept, it made every ended VM cost 4 KB: 4 GB for run --count 1000000.
        registers.shrinkToRecord();
        image = null;
        cpu = null;
        memory = null;
        backing = null;
        console = null;
        keyboard = null;
    }

    @Override
    public String toString() {
        return "vm" + id + "(" + run.state() + ")";
    }
}
