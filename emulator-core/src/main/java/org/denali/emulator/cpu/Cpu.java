package org.denali.emulator.cpu;

import static org.denali.emulator.cpu.decode.Registers.EAX;
import static org.denali.emulator.cpu.decode.Registers.EBP;
import static org.denali.emulator.cpu.decode.Registers.ECX;
import static org.denali.emulator.cpu.decode.Registers.EDI;
import static org.denali.emulator.cpu.decode.Registers.EDX;
import static org.denali.emulator.cpu.decode.Registers.ESI;
import static org.denali.emulator.cpu.decode.Registers.ESP;

import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.arch.GuestException;
import org.denali.emulator.cpu.decode.ByteSource;
import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Decoder;
import org.denali.emulator.cpu.decode.Mnemonic;
import org.denali.emulator.cpu.decode.Operand;
import org.denali.emulator.cpu.decode.OperandKind;
import org.denali.emulator.cpu.decode.Prefixes;
import org.denali.emulator.memory.PageFault;
import org.denali.emulator.memory.PagedMemory;

/**
 * The Denali virtual CPU: an interpreter for the 32-bit x86 integer subset over {@link PagedMemory}.
 *
 * <p>Execution model: {@link #run(long)} fetches pre-decoded instructions from the decode cache attached to each
 * code page (so VMs sharing an image share decoded code; a store into a code page drops its cache) and
 * dispatches on the mnemonic in one {@code switch}; EIP and the retired count live in locals in the hot loop.
 * The common instructions are handled inline; the rest go through {@link #executeRare}.
 *
 * <p>Flags are evaluated lazily: arithmetic records the operation kind, operand width, operands and result,
 * and a flag is computed only when read (carry/borrow vectors as in Bochs' lazy_flags.h).
 *
 * <p>Restartability: every instruction performs all its memory reads and writes before it changes registers or
 * flags, and multi-byte writes fault before writing any byte; so a faulting instruction leaves the state as it
 * was and can be restarted. (rep string instructions are restartable per iteration, like hardware.)
 */
public final class Cpu {
    static final int LAZY_NONE = 0;
    static final int LAZY_ADD = 1;
    static final int LAZY_SUB = 2;
    static final int LAZY_LOGIC = 3;
    static final int LAZY_INC = 4;
    static final int LAZY_DEC = 5;
    /** The CS value in interrupt frames the kernel pushes (architecture.md: CS = 0x08 in the flat model). */
    public static final int KERNEL_FRAME_CS = 0x08;
    /** EFLAGS bits that must be zero in an iret frame: 3, 5, 15 and 22..31. */
    private static final int RESERVED_EFLAGS = 0xFFC0_8028;
    /** rep string instructions give the loop back after this many iterations (EIP stays on the instruction). */
    private static final int REP_CHUNK = 1 << 16;

    private final PagedMemory memory;
    private final CpuHost host;
    /** The eight GPRs, a constant zero at {@link Insn#ZERO_REG} (effective addresses need no branches), flag slots. */
    private final int[] regs = new int[CompiledTrace.STATE_LENGTH];
    /*
     * Slots 9..12 of regs hold the lazy flags while the run loop executes (kind | bits << 8, first operand, second
     * operand, result). In locals they took four registers for the whole loop, and C2 then kept the current trace
     * element in a stack slot, which put a store-to-load forwarding on every element's critical path; in the
     * register array they are plain stores, and helpers need no flag arguments. Everywhere else the flag fields
     * (flagOp...) are the truth; execute() copies them in and back.
     */
    private static final int F_OP = CompiledTrace.FLAG_OP;
    private static final int F_A = CompiledTrace.FLAG_A;
    private static final int F_B = CompiledTrace.FLAG_B;
    private static final int F_RES = CompiledTrace.FLAG_RES;
    private final Breakpoints breakpoints = new Breakpoints();
    /**
     * Whether, and where, a debugger last saw this CPU stop (a breakpoint, a watchpoint or a step): the next run executes the instruction there without checking it for a breakpoint, so resuming does not hit the
     * breakpoint it stopped at again. Any other end of a run (a quantum's budget, an idle) leaves the next first
     * instruction checked like every other: a quantum that ends just before a breakpoint must still hit it.
     */
    private boolean debugStopped;
    private int debugStopEip;
    private final ByteSource fetchSource;
    private int eip;
    private long retired;

    /** Materialized EFLAGS; the status bits are stale while {@link #flagOp} != LAZY_NONE (CF is live for INC/DEC). */
    private int eflags = Flags.RESERVED1 | Flags.IF;
    private int flagOp;
    private int flagBits;
    private int flagA;
    private int flagB;
    private int flagRes;

    /** Set by instructions that end a run after retiring (idle, terminate, hlt, int n, int3). */
    private StopReason pendingStop;
    private int pendingValue;
    /** retired + instructions executed so far in the current run, for rdtsc. */
    private long retiredNow;
    /** Set by {@link #execute}: instructions it completed, and the instruction (if any) that must run generically. */
    private int ranCount;
    /** The limit of the running execute() call (its count of completed instructions is runLimit - left). */
    private int runLimit;
    private Insn slowInsn;
    /** The trace element execute() last left from because it had no successor link to the next trace; or null. */
    private Insn unlinked;
    /** The page decode cache holding {@link #unlinked}. */
    private Object[] unlinkedCache;
    /** The compiled trace the last compiled run finished with normally, to chain to the next one; or null. */
    private CompiledTrace chainFrom;
    /** The page decode cache holding {@link #chainFrom}'s trace. */
    private Object[] chainCache;
    /** Compiles hot traces; null: interpret only. */
    private TraceCompiler compiler;
    /** Instructions retired by compiled code since creation. */
    private long compiledRetired;
    /** The compiled trace that ran last in the current run (CompiledTrace.run's out-parameter). */
    private final CompiledTrace[] lastCompiled = new CompiledTrace[1];
    private static final java.lang.invoke.VarHandle SHORT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
        short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
        int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** A CPU in the architecture's reset state: GPRs 0 except ESP = memory size, EFLAGS = 0x202, EIP = 0. */
    public Cpu(PagedMemory memory, CpuHost host) {
        this.memory = memory;
        this.host = host;
        this.regs[ESP] = memory.size();
        this.fetchSource = address -> {
            try {
                return memory.read8(address);
            } catch (PageFault f) {
                return -1;
            }
        };
    }

    // ------------------------------------------------------------------ state access

    public PagedMemory memory() {
        return memory;
    }

    public int register(int number) {
        return regs[java.util.Objects.checkIndex(number, 8)];
    }

    public void setRegister(int number, int value) {
        regs[java.util.Objects.checkIndex(number, 8)] = value;
    }

    public int eip() {
        return eip;
    }

    public void setEip(int eip) {
        this.eip = eip;
    }

    /** Instructions retired since creation; also what rdtsc returns and the INSTRUCTIONS_RETIRED register. */
    public long instructionsRetired() {
        return retired;
    }

    /** Puts back the retired count of a checkpoint being restored (the CPU is not running). */
    public void restoreInstructionsRetired(long count) {
        retired = count;
    }

    public Breakpoints breakpoints() {
        return breakpoints;
    }

    /**
     * Compiles hot traces with {@code traceCompiler} from now on (null: interpret only). Breakpoints, watchpoints,
     * single steps and budget ends still run in the interpreter, so they stay exact.
     */
    public void setCompiler(TraceCompiler traceCompiler) {
        this.compiler = traceCompiler;
    }

    /** Of {@link #instructionsRetired()}, those retired by compiled code. */
    public long instructionsCompiled() {
        return compiledRetired;
    }

    /** EFLAGS with all status bits evaluated. */
    public int eflags() {
        return (eflags & ~Flags.STATUS) | cf() | pf() | af() | zf() | sf() | of() | Flags.RESERVED1 | Flags.IF;
    }

    /** Replaces the writable flags ({@link Flags#WRITABLE}); other bits keep their fixed values. */
    public void setEflags(int value) {
        eflags = (value & Flags.WRITABLE) | Flags.RESERVED1 | Flags.IF;
        flagOp = LAZY_NONE;
    }

    // ------------------------------------------------------------------ run loop

    /** Executes one instruction (or stops before it at nothing: breakpoints are not checked). */
    public RunResult step() {
        RunResult r = run(1);
        if (r.reason() != StopReason.BUDGET_EXHAUSTED) {
            return r;
        }
        markDebugStop();
        return new RunResult(StopReason.STEPPED, r.instructions(), 0, null);
    }

    private void markDebugStop() {
        debugStopped = true;
        debugStopEip = eip;
    }

    /**
     * Runs until {@code budget} instructions have retired or something stops the CPU. Breakpoints are checked
     * before every instruction, except the first when the last run stopped there for a debugger (a breakpoint, a
     * watchpoint or a step), so resuming from a breakpoint executes the instruction there.
     */
    public RunResult run(long budget) {
        return run(budget, budget);
    }

    /**
     * Runs as {@link #run(long)} with a budget of {@code slice}, except that the last compiled region or trace it
     * enters may run to its next exit past {@code slice}, never past {@code limit}: a caller that only needs
     * {@code limit} to be exact (the kernel between its preemption checks) then never finishes a slice in the
     * interpreter one instruction at a time, and the next slice starts where a region or trace ended, not at an
     * address inside one (where the interpreter would build and compile yet another region). Breakpoints,
     * watchpoints and single steps stop exactly as in {@link #run(long)} (they run one instruction at a time).
     * {@code run(n, n)} is {@code run(n)}.
     */
    public RunResult run(long slice, long limit) {
        if (slice > limit) {
            throw new IllegalArgumentException("slice " + slice + " > limit " + limit);
        }
        final long budget = slice;
        final PagedMemory mem = memory;
        // Watched pages (data watchpoints) reuse the breakpoint path: one instruction per trace, checked after each.
        final boolean checkBreakpoints = !breakpoints.isEmpty() || mem.hasWatchedPages();
        int eip = this.eip;
        final boolean resumingFromDebugStop = debugStopped && debugStopEip == eip;
        debugStopped = false;
        long executed = 0;
        int cachePage = -1;
        int epoch = 0;
        Object[] cache = null;
        pendingStop = null;
        if (checkBreakpoints) {
            mem.takeWatchTrigger(); // a trigger left from outside a run (a device's access) is not this run's
        }
        try {
            while (executed < budget) {
                if (checkBreakpoints && (executed > 0 || !resumingFromDebugStop)) {
                    if (mem.takeWatchTrigger()) {
                        return finish(eip, executed, new RunResult(StopReason.WATCHPOINT, executed, eip, null));
                    }
                    if (breakpoints.contains(eip)) {
                        return finish(eip, executed, new RunResult(StopReason.BREAKPOINT, executed, eip, null));
                    }
                }
                if ((eip >>> 12) != cachePage || epoch != mem.codeEpoch()) {
                    if ((eip >>> 12) == 0) {
                        // page 0 holds the virtual registers: readable, never executable (docs/architecture.md §4)
                        return finish(eip, executed, faultResult(executed, FaultVector.PF, eip, eip, null,
                            String.format("instruction fetch from page 0 (the virtual registers) at %08x", eip)));
                    }
                    cache = mem.codeCache(eip);
                    cachePage = eip >>> 12;
                    epoch = mem.codeEpoch();
                }
                Insn head = (Insn) cache[eip & 0xFFF];
                if (head == null) {
                    head = decodeAt(eip, cache);
                }
                long left = budget - executed;
                long room = limit - executed;
                Trace trace = null;
                if (!checkBreakpoints && room >= 2) {
                    trace = head.trace != null ? head.trace : buildTrace(head, cache);
                }
                if (unlinked != null) {
                    // Successor link from the element the last execute() left from, to this trace: only within one
                    // page cache (shared caches must never lead into a VM's private copy of a page). With a compiler,
                    // only into traces it declined: a linked trace would run on in execute() and never get hot here.
                    if (trace != null && cache == unlinkedCache && (compiler == null || trace.uncompilable)) {
                        if (unlinked.linkA == null) {
                            unlinked.linkA = trace.first;
                        } else {
                            unlinked.linkB = trace.first;
                        }
                    }
                    unlinked = null;
                }
                int nextEip;
                CompiledTrace code = trace == null || compiler == null ? null : compiledCode(trace, cache);
                if (chainFrom != null) {
                    if (code != null && cache == chainCache) {
                        chainFrom.chain(code);
                    }
                    chainFrom = null;
                }
                if (code != null && room >= code.span()) {
                    nextEip = runCompiled(code, within(left, code.span(), room));
                    if (ranCount == 0) {
                        // It stopped before its first instruction (a page it may not touch, say): interpret that,
                        // the whole trace if it fits (a region cut short by an instruction it leaves to the
                        // interpreter can have a shorter span than its first trace), else one instruction.
                        if (room >= trace.count) {
                            nextEip = execute(trace.first, within(left, trace.count, room));
                            unlinkedCache = cache;
                        } else {
                            nextEip = execute(head, 0);
                        }
                    } else {
                        chainCache = cache;
                    }
                } else if (trace != null && room >= trace.count) {
                    nextEip = execute(trace.first, within(left, trace.count, room));
                    unlinkedCache = cache;
                } else {
                    // Careful path: one guest instruction at a time, to stop exactly at the budget or a breakpoint.
                    nextEip = execute(head, 0); // head.link is null: one instruction
                }
                executed += ranCount;
                Insn in = slowInsn;
                if (in != null) {
                    // The generic path runs exactly one guest instruction (the first of a super-instruction).
                    slowInsn = null;
                    DecodedInstruction d = in.decoded;
                    eip = in.addr; // a fault leaves the state before this instruction
                    retiredNow = retired + executed;
                    nextEip = executeDecoded(d, eip, d.nextAddress());
                    executed++;
                    if (pendingStop != null) {
                        Fault trap = pendingStop != StopReason.FAULT ? null : new Fault(FaultVector.BP, nextEip,
                            0, d.bytes(), "int3 at " + hex(d.address()));
                        return finish(nextEip, executed, new RunResult(pendingStop, executed, pendingValue, trap));
                    }
                }
                eip = nextEip;
            }
            if (checkBreakpoints && mem.takeWatchTrigger()) {
                return finish(eip, executed, new RunResult(StopReason.WATCHPOINT, executed, eip, null));
            }
            return finish(eip, executed, new RunResult(StopReason.BUDGET_EXHAUSTED, executed, 0, null));
        } catch (PageFault pf) {
            DecodedInstruction d = faultingInstruction(eip);
            String what = d == null ? "instruction fetch" : describe(d);
            // Inside the accessible range only a write can fault: the page is read-only (the image's code or
            // read-only data); outside it, say where the range ends.
            boolean inside = Integer.compareUnsigned(pf.address(), mem.size()) < 0;
            String why = inside && pf.isWrite() ? "the page is read-only (the image's code or read-only data)"
                : String.format("outside the accessible range [0, %08x)", mem.size());
            return finish(eip, executed, faultResult(executed, FaultVector.PF, eip, pf.address(), d,
                String.format("%s: %s at %08x: %s", what, pf.isWrite() ? "write" : "read", pf.address(), why)));
        } catch (GuestException e) {
            DecodedInstruction d = faultingInstruction(eip);
            return finish(eip, executed, faultResult(executed, e.vector(), eip, 0, d, e.getMessage()));
        }
    }

    /**
     * Executes a trace's elements, and the traces it leads to through successor links while they fit in
     * {@code limit} instructions, until an instruction needs the generic path or the next trace is not linked yet
     * (then {@link #unlinked} names the element, for run() to link); returns the next EIP and leaves the number of
     * completed instructions in {@link #ranCount}. If {@link #slowInsn} is set, that instruction did nothing and
     * must run on the generic path: generic instructions and every memory access that is not a plain access to a
     * directly readable/writable page (page faults, copy-on-write, stores into decoded code, interceptors, watched
     * pages). So this loop calls nothing, cannot fault and cannot modify
     * decoded code, which lets C2 keep its state in registers.
     */
    private int execute(Insn first, int limit) {
        final PagedMemory mem = memory;
        final int[] r = regs;
        r[F_OP] = flagOp | flagBits << 8;
        r[F_A] = flagA;
        r[F_B] = flagB;
        r[F_RES] = flagRes;
        // Instructions of the budget still left after the current trace's: one live value instead of a count and
        // the limit (leave/slow turn it back into a count with runLimit).
        int left = limit;
        runLimit = limit;
        Insn in = first;
        while (true) {
          int next;
          trace:
          while (true) {
            switch (in.op) {
                case Insn.MOV_RR -> {
                    r[in.r1] = r[in.r2];
                }
                case Insn.MOV_RI -> {
                    r[in.r1] = in.imm;
                }
                case Insn.MOV_RM -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (int) INT.get(vP, vA & 0xFFF);
                    r[in.r1] = v;
                }
                case Insn.MOV_RM_B -> {
                    int vA = in.disp + r[in.base];
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    r[in.r1] = (int) INT.get(vP, vA & 0xFFF);
                }
                case Insn.MOV_MR_B -> {
                    int wA = in.disp + r[in.base];
                    byte[] wP = mem.directWritable(wA, 4);
                    if (wP == null) {
                        return slow(in, left - in.before);
                    }
                    INT.set(wP, wA & 0xFFF, r[in.r2]);
                }
                case Insn.MOV_MR -> {
                    int wA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] wP = mem.directWritable(wA, 4);
                    if (wP == null) {
                        return slow(in, left - in.before);
                    }
                    INT.set(wP, wA & 0xFFF, r[in.r2]);
                }
                case Insn.MOV_MI -> {
                    int wA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] wP = mem.directWritable(wA, 4);
                    if (wP == null) {
                        return slow(in, left - in.before);
                    }
                    INT.set(wP, wA & 0xFFF, in.imm);
                }
                case Insn.ADD_RR -> {
                    r[F_A] = r[in.r1];
                    r[F_B] = r[in.r2];
                    r[F_RES] = r[F_A] + r[F_B];
                    r[F_OP] = LAZY_ADD | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.ADD_RI -> {
                    r[F_A] = r[in.r1];
                    r[F_B] = in.imm;
                    r[F_RES] = r[F_A] + r[F_B];
                    r[F_OP] = LAZY_ADD | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.ADD_RM -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (int) INT.get(vP, vA & 0xFFF);
                    r[F_A] = r[in.r1];
                    r[F_B] = v;
                    r[F_RES] = r[F_A] + r[F_B];
                    r[F_OP] = LAZY_ADD | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.ADD_MR -> {
                    int wA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] wP = mem.directWritable(wA, 4);
                    if (wP == null) {
                        return slow(in, left - in.before);
                    }
                    r[F_A] = (int) INT.get(wP, wA & 0xFFF);
                    r[F_B] = r[in.r2];
                    r[F_RES] = r[F_A] + r[F_B];
                    r[F_OP] = LAZY_ADD | 32 << 8;
                    INT.set(wP, wA & 0xFFF, r[F_RES]);
                }
                case Insn.ADD_MI -> {
                    int wA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] wP = mem.directWritable(wA, 4);
                    if (wP == null) {
                        return slow(in, left - in.before);
                    }
                    r[F_A] = (int) INT.get(wP, wA & 0xFFF);
                    r[F_B] = in.imm;
                    r[F_RES] = r[F_A] + r[F_B];
                    r[F_OP] = LAZY_ADD | 32 << 8;
                    INT.set(wP, wA & 0xFFF, r[F_RES]);
                }
                case Insn.SUB_RR -> {
                    r[F_A] = r[in.r1];
                    r[F_B] = r[in.r2];
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.SUB_RI -> {
                    r[F_A] = r[in.r1];
                    r[F_B] = in.imm;
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.SUB_RM -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (int) INT.get(vP, vA & 0xFFF);
                    r[F_A] = r[in.r1];
                    r[F_B] = v;
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.CMP_RR -> {
                    r[F_A] = r[in.r1];
                    r[F_B] = r[in.r2];
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                }
                case Insn.CMP_RI -> {
                    r[F_A] = r[in.r1];
                    r[F_B] = in.imm;
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                }
                case Insn.CMP_RM -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (int) INT.get(vP, vA & 0xFFF);
                    r[F_A] = r[in.r1];
                    r[F_B] = v;
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                }
                case Insn.CMP_MR -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (int) INT.get(vP, vA & 0xFFF);
                    r[F_A] = v;
                    r[F_B] = r[in.r2];
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                }
                case Insn.CMP_MI -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (int) INT.get(vP, vA & 0xFFF);
                    r[F_A] = v;
                    r[F_B] = in.imm;
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                }
                case Insn.AND_RR -> {
                    r[F_RES] = r[in.r1] & r[in.r2];
                    r[F_OP] = LAZY_LOGIC | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.AND_RI -> {
                    r[F_RES] = r[in.r1] & in.imm;
                    r[F_OP] = LAZY_LOGIC | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.OR_RR -> {
                    r[F_RES] = r[in.r1] | r[in.r2];
                    r[F_OP] = LAZY_LOGIC | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.OR_RI -> {
                    r[F_RES] = r[in.r1] | in.imm;
                    r[F_OP] = LAZY_LOGIC | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.XOR_RR -> {
                    r[F_RES] = r[in.r1] ^ r[in.r2];
                    r[F_OP] = LAZY_LOGIC | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.XOR_RI -> {
                    r[F_RES] = r[in.r1] ^ in.imm;
                    r[F_OP] = LAZY_LOGIC | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.TEST_RR -> {
                    r[F_RES] = r[in.r1] & r[in.r2];
                    r[F_OP] = LAZY_LOGIC | 32 << 8;
                }
                case Insn.TEST_RI -> {
                    r[F_RES] = r[in.r1] & in.imm;
                    r[F_OP] = LAZY_LOGIC | 32 << 8;
                }
                case Insn.JCC_O + 0 -> { // jo / jno
                    if (isO(r[F_OP] & 0xFF, r[F_OP] >>> 8, r[F_A], r[F_B], r[F_RES], eflags) != ((in.cc & 1) != 0)) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.JCC_O + 1 -> { // jb / jnb
                    if (isB(r[F_OP] & 0xFF, r[F_OP] >>> 8, r[F_A], r[F_B], r[F_RES], eflags) != ((in.cc & 1) != 0)) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.JCC_O + 2 -> { // jz / jnz
                    if (isZ(r[F_OP] & 0xFF, r[F_OP] >>> 8, r[F_A], r[F_B], r[F_RES], eflags) != ((in.cc & 1) != 0)) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.JCC_O + 3 -> { // jbe / jnbe
                    if (isBE(r[F_OP] & 0xFF, r[F_OP] >>> 8, r[F_A], r[F_B], r[F_RES], eflags) != ((in.cc & 1) != 0)) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.JCC_O + 4 -> { // js / jns
                    if (isS(r[F_OP] & 0xFF, r[F_OP] >>> 8, r[F_A], r[F_B], r[F_RES], eflags) != ((in.cc & 1) != 0)) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.JCC_O + 5 -> { // jp / jnp
                    if (isP(r[F_OP] & 0xFF, r[F_OP] >>> 8, r[F_A], r[F_B], r[F_RES], eflags) != ((in.cc & 1) != 0)) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.JCC_O + 6 -> { // jl / jnl
                    if (isL(r[F_OP] & 0xFF, r[F_OP] >>> 8, r[F_A], r[F_B], r[F_RES], eflags) != ((in.cc & 1) != 0)) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.JCC_O + 7 -> { // jle / jnle
                    if (isLE(r[F_OP] & 0xFF, r[F_OP] >>> 8, r[F_A], r[F_B], r[F_RES], eflags) != ((in.cc & 1) != 0)) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.JMP -> {
                    next = in.target;
                    break trace;
                }
                case Insn.CALL -> {
                    int wA = r[ESP] - 4;
                    byte[] wP = mem.directWritable(wA, 4);
                    if (wP == null) {
                        return slow(in, left - in.before);
                    }
                    INT.set(wP, wA & 0xFFF, in.next);
                    r[ESP] = wA;
                    next = in.target;
                    break trace;
                }
                case Insn.RET -> {
                    int vA = r[ESP];
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (int) INT.get(vP, vA & 0xFFF);
                    r[ESP] = vA + 4;
                    next = v;
                    break trace;
                }
                case Insn.PUSH_R -> {
                    int wA = r[ESP] - 4;
                    byte[] wP = mem.directWritable(wA, 4);
                    if (wP == null) {
                        return slow(in, left - in.before);
                    }
                    INT.set(wP, wA & 0xFFF, r[in.r1]);
                    r[ESP] = wA;
                }
                case Insn.PUSH_I -> {
                    int wA = r[ESP] - 4;
                    byte[] wP = mem.directWritable(wA, 4);
                    if (wP == null) {
                        return slow(in, left - in.before);
                    }
                    INT.set(wP, wA & 0xFFF, in.imm);
                    r[ESP] = wA;
                }
                case Insn.POP_R -> {
                    int vA = r[ESP];
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (int) INT.get(vP, vA & 0xFFF);
                    r[ESP] = vA + 4;
                    r[in.r1] = v;
                }
                case Insn.LEA -> {
                    r[in.r1] = in.disp + r[in.base] + (r[in.index] << in.scale);
                }
                case Insn.NOP -> {
                }
                case Insn.MOVZX8_RM -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 1);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = vP[vA & 0xFFF] & 0xFF;
                    r[in.r1] = v;
                }
                case Insn.MOVZX8_RR -> {
                    r[in.r1] = in.r2 < 4 ? r[in.r2] & 0xFF : r[in.r2 - 4] >>> 8 & 0xFF;
                }
                case Insn.INC_R, Insn.DEC_R, Insn.INC_JCC, Insn.DEC_JCC -> {
                    // One block for all four, so C2 does not hoist the carry evaluation into the dispatch.
                    if ((r[F_OP] & 0xFF) != LAZY_INC && (r[F_OP] & 0xFF) != LAZY_DEC) {
                        // INC/DEC keep CF
                        eflags = (eflags & ~Flags.CF)
                            | cfOf(r[F_OP] & 0xFF, r[F_OP] >>> 8, r[F_A], r[F_B], r[F_RES], eflags);
                    }
                    int op = in.op;
                    r[F_A] = r[in.r1];
                    r[F_B] = 1;
                    if (op == Insn.DEC_R || op == Insn.DEC_JCC) {
                        r[F_RES] = r[F_A] - 1;
                        r[F_OP] = LAZY_DEC | 32 << 8;
                    } else {
                        r[F_RES] = r[F_A] + 1;
                        r[F_OP] = LAZY_INC | 32 << 8;
                    }
                    r[in.r1] = r[F_RES];
                    if (op == Insn.DEC_JCC) {
                        if (incDecCondition(in.cc, r[F_RES], Integer.MAX_VALUE, eflags)) {
                            next = in.target;
                            break trace;
                        }
                    }
                    if (op == Insn.INC_JCC) {
                        if (incDecCondition(in.cc, r[F_RES], Integer.MIN_VALUE, eflags)) {
                            next = in.target;
                            break trace;
                        }
                    }
                }
                case Insn.CMP_RR_JCC -> {
                    r[F_A] = r[in.r1];
                    r[F_B] = r[in.r2];
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                    if (subCondition(in.cc, r[F_A], r[F_B], r[F_RES])) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.CMP_RI_JCC -> {
                    r[F_A] = r[in.r1];
                    r[F_B] = in.imm;
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                    if (subCondition(in.cc, r[F_A], r[F_B], r[F_RES])) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.CMP_RM_JCC -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (int) INT.get(vP, vA & 0xFFF);
                    r[F_A] = r[in.r1];
                    r[F_B] = v;
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                    if (subCondition(in.cc, r[F_A], r[F_B], r[F_RES])) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.CMP_MR_JCC -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (int) INT.get(vP, vA & 0xFFF);
                    r[F_A] = v;
                    r[F_B] = r[in.r2];
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                    if (subCondition(in.cc, r[F_A], r[F_B], r[F_RES])) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.CMP_MI_JCC -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (int) INT.get(vP, vA & 0xFFF);
                    r[F_A] = v;
                    r[F_B] = in.imm;
                    r[F_RES] = r[F_A] - r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                    if (subCondition(in.cc, r[F_A], r[F_B], r[F_RES])) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.TEST_RR_JCC -> {
                    r[F_RES] = r[in.r1] & r[in.r2];
                    r[F_OP] = LAZY_LOGIC | 32 << 8;
                    if (logicCondition(in.cc, r[F_RES])) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.TEST_RI_JCC -> {
                    r[F_RES] = r[in.r1] & in.imm;
                    r[F_OP] = LAZY_LOGIC | 32 << 8;
                    if (logicCondition(in.cc, r[F_RES])) {
                        next = in.target;
                        break trace;
                    }
                }
                case Insn.NEG_R -> {
                    r[F_A] = 0;
                    r[F_B] = r[in.r1];
                    r[F_RES] = -r[F_B];
                    r[F_OP] = LAZY_SUB | 32 << 8;
                    r[in.r1] = r[F_RES];
                }
                case Insn.NOT_R -> {
                    r[in.r1] = ~r[in.r1];
                }
                case Insn.SHIFT_RI, Insn.SHIFT_RC -> {
                    int c = in.op == Insn.SHIFT_RI ? in.imm & 31 : r[ECX] & 31;
                    if (c != 0) { // a zero count changes neither the operand nor the flags
                        int v = r[in.r1];
                        int res = shifted(in.alu, v, c);
                        r[in.r1] = res;
                        eflags = eflags & ~Flags.STATUS | shiftFlags(in.alu, v, c, res);
                        r[F_OP] = LAZY_NONE;
                    }
                }
                case Insn.IMUL_RRI -> {
                    long p = (long) r[in.r2] * in.imm;
                    r[in.r1] = (int) p;
                    eflags = eflags & ~Flags.STATUS | multiplyFlags(p != (int) p, (int) p);
                    r[F_OP] = LAZY_NONE;
                }
                case Insn.IMUL_RR -> {
                    long p = (long) r[in.r1] * r[in.r2];
                    r[in.r1] = (int) p;
                    eflags = eflags & ~Flags.STATUS | multiplyFlags(p != (int) p, (int) p);
                    r[F_OP] = LAZY_NONE;
                }
                case Insn.IMUL_RMI, Insn.IMUL_RM -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    long p = (long) (int) INT.get(vP, vA & 0xFFF) * (in.op == Insn.IMUL_RMI ? in.imm : r[in.r1]);
                    r[in.r1] = (int) p;
                    eflags = eflags & ~Flags.STATUS | multiplyFlags(p != (int) p, (int) p);
                    r[F_OP] = LAZY_NONE;
                }
                case Insn.MUL_R -> {
                    long p = (r[EAX] & 0xFFFF_FFFFL) * (r[in.r1] & 0xFFFF_FFFFL);
                    r[EAX] = (int) p;
                    r[EDX] = (int) (p >>> 32);
                    eflags = eflags & ~Flags.STATUS | multiplyFlags((p >>> 32) != 0, (int) p);
                    r[F_OP] = LAZY_NONE;
                }
                case Insn.MOVSX8_RR -> {
                    r[in.r1] = (byte) (r[in.r2 & 3] >>> ((in.r2 & 4) << 1));
                }
                case Insn.MOVZX16_RR -> {
                    r[in.r1] = r[in.r2] & 0xFFFF;
                }
                case Insn.MOVSX16_RR -> {
                    r[in.r1] = (short) r[in.r2];
                }
                case Insn.MOVSX8_RM, Insn.MOV8_RM, Insn.CMP8_RM, Insn.CMP8_MR, Insn.CMP8_MI -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 1);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = vP[vA & 0xFFF];
                    int op = in.op;
                    if (op == Insn.MOVSX8_RM) {
                        r[in.r1] = v;
                    } else if (op == Insn.MOV8_RM) {
                        int n = in.r1 & 3;
                        int sh = (in.r1 & 4) << 1;
                        r[n] = r[n] & ~(0xFF << sh) | (v & 0xFF) << sh;
                    } else {
                        int reg = op == Insn.CMP8_MI ? in.imm : r[(op == Insn.CMP8_RM ? in.r1 : in.r2) & 3]
                            >>> (((op == Insn.CMP8_RM ? in.r1 : in.r2) & 4) << 1);
                        r[F_A] = (op == Insn.CMP8_RM ? reg : v) & 0xFF;
                        r[F_B] = (op == Insn.CMP8_RM ? v : reg) & 0xFF;
                        r[F_RES] = r[F_A] - r[F_B];
                        r[F_OP] = LAZY_SUB | 8 << 8;
                    }
                }
                case Insn.MOVZX16_RM, Insn.MOVSX16_RM -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 2);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (short) SHORT.get(vP, vA & 0xFFF);
                    r[in.r1] = in.op == Insn.MOVSX16_RM ? v : v & 0xFFFF;
                }
                case Insn.MOV8_MR, Insn.MOV8_MI -> {
                    int wA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] wP = mem.directWritable(wA, 1);
                    if (wP == null) {
                        return slow(in, left - in.before);
                    }
                    wP[wA & 0xFFF] = (byte) (in.op == Insn.MOV8_MI ? in.imm : r[in.r2 & 3] >>> ((in.r2 & 4) << 1));
                }
                case Insn.MOV8_RI, Insn.MOV8_RR -> {
                    int v = in.op == Insn.MOV8_RI ? in.imm : r[in.r2 & 3] >>> ((in.r2 & 4) << 1);
                    int n = in.r1 & 3;
                    int sh = (in.r1 & 4) << 1;
                    r[n] = r[n] & ~(0xFF << sh) | (v & 0xFF) << sh;
                }
                case Insn.CMP8_RR, Insn.CMP8_RI, Insn.TEST8_RR, Insn.TEST8_RI -> {
                    int op = in.op;
                    int a = r[in.r1 & 3] >>> ((in.r1 & 4) << 1) & 0xFF;
                    int b = (op == Insn.CMP8_RI || op == Insn.TEST8_RI ? in.imm : r[in.r2 & 3] >>> ((in.r2 & 4) << 1))
                        & 0xFF;
                    if (op == Insn.CMP8_RR || op == Insn.CMP8_RI) {
                        r[F_A] = a;
                        r[F_B] = b;
                        r[F_RES] = a - b;
                        r[F_OP] = LAZY_SUB | 8 << 8;
                    } else {
                        r[F_RES] = a & b;
                        r[F_OP] = LAZY_LOGIC | 8 << 8;
                    }
                }
                case Insn.SETCC_R -> {
                    int v = conditionOf(in.cc, r[F_OP] & 0xFF, r[F_OP] >>> 8, r[F_A], r[F_B], r[F_RES], eflags) ? 1 : 0;
                    int n = in.r1 & 3;
                    int sh = (in.r1 & 4) << 1;
                    r[n] = r[n] & ~(0xFF << sh) | v << sh;
                }
                case Insn.ALU_RM, Insn.TEST_MR -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    int v = (int) INT.get(vP, vA & 0xFFF);
                    if (in.op == Insn.TEST_MR) {
                        r[F_RES] = v & r[in.r2];
                        r[F_OP] = LAZY_LOGIC | 32 << 8;
                    } else {
                        r[F_A] = r[in.r1];
                        r[F_B] = v;
                        r[F_RES] = alu(in.alu, r[F_A], v);
                        r[F_OP] = in.lazy;
                        r[in.r1] = r[F_RES];
                    }
                }
                case Insn.ALU_MR, Insn.ALU_MI -> {
                    int wA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] wP = mem.directWritable(wA, 4);
                    if (wP == null) {
                        return slow(in, left - in.before);
                    }
                    r[F_A] = (int) INT.get(wP, wA & 0xFFF);
                    r[F_B] = in.op == Insn.ALU_MI ? in.imm : r[in.r2];
                    r[F_RES] = alu(in.alu, r[F_A], r[F_B]);
                    r[F_OP] = in.lazy;
                    INT.set(wP, wA & 0xFFF, r[F_RES]);
                }
                case Insn.LEAVE -> {
                    int vA = r[EBP];
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    r[ESP] = vA + 4;
                    r[EBP] = (int) INT.get(vP, vA & 0xFFF);
                }
                case Insn.CDQ -> {
                    r[EDX] = r[EAX] >> 31;
                }
                case Insn.JMP_R -> {
                    next = r[in.r1];
                    break trace;
                }
                case Insn.JMP_M -> {
                    int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                    byte[] vP = mem.directReadable(vA, 4);
                    if (vP == null) {
                        return slow(in, left - in.before);
                    }
                    next = (int) INT.get(vP, vA & 0xFFF);
                    break trace;
                }
                case Insn.CALL_R, Insn.CALL_M -> {
                    int target;
                    if (in.op == Insn.CALL_R) {
                        target = r[in.r1];
                    } else {
                        int vA = in.disp + r[in.base] + (r[in.index] << in.scale);
                        byte[] vP = mem.directReadable(vA, 4);
                        if (vP == null) {
                            return slow(in, left - in.before);
                        }
                        target = (int) INT.get(vP, vA & 0xFFF);
                    }
                    int wA = r[ESP] - 4;
                    byte[] wP = mem.directWritable(wA, 4);
                    if (wP == null) {
                        return slow(in, left - in.before);
                    }
                    INT.set(wP, wA & 0xFFF, in.next);
                    r[ESP] = wA;
                    next = target;
                    break trace;
                }
                default -> {
                    return slow(in, left - in.before); // the generic path, in run()
                }
            }
            Insn following = in.link;
            if (following == null) {
                next = in.next;
                break;
            }
            in = following;
          }
          // in is the element the trace left from (a taken jcc or its last one)
          left -= in.end;
          // Chain to the next trace without returning when the element it left from links to it and it fits the
          // budget. Each element remembers up to two successor traces (QEMU-style block chaining), set by run()
          // within one page's decode cache, so the loop needs neither the cache nor the page; a link is checked
          // against the trace's start, so a racy or stale one is only a miss.
          if (left <= 0) {
              return leave(left, next);
          }
          Insn last = in;
          Insn head = last.linkA;
          if (head == null || head.addr != next) {
              head = last.linkB;
              if (head == null || head.addr != next) {
                  unlinked = last; // run() links it once it has found (or built) the trace at next
                  return leave(left, next);
              }
          }
          if (head.span > left) {
              return leave(left, next);
          }
          in = head;
        }
    }

    /**
     * The limit for one compiled-code or trace call: what is left of the slice, but at least one whole pass
     * ({@code span}) so a call that starts before the slice ends finishes at its next exit, and never more than
     * the {@code room} left before the caller's hard limit (the caller checked room >= span).
     */
    private static int within(long left, int span, long room) {
        return (int) Math.min(Math.min(Math.max(left, span), room), 1 << 30);
    }

    /** The trace's compiled code, compiling it once it is hot; null while it is not (or cannot be). */
    private CompiledTrace compiledCode(Trace trace, Object[] cache) {
        CompiledTrace code = trace.compiled;
        if (code != null || trace.uncompilable || trace.heat++ < compiler.threshold()) {
            return code;
        }
        code = compiler.compile(region(trace, cache));
        if (code == null) {
            trace.uncompilable = true;
        }
        trace.compiled = code;
        return code;
    }

    /**
     * The region to compile for a hot trace: the trace, then (breadth first) the traces on the same page that its
     * branches and fall-throughs lead to and that have run, up to {@link #REGION_LIMIT} instructions.
     */
    private static java.util.List<java.util.List<DecodedInstruction>> region(Trace hot, Object[] cache) {
        java.util.List<java.util.List<DecodedInstruction>> segments = new java.util.ArrayList<>();
        java.util.Set<Integer> covered = new java.util.HashSet<>();
        java.util.ArrayDeque<Trace> work = new java.util.ArrayDeque<>();
        work.add(hot);
        int total = 0;
        while (!work.isEmpty()) {
            Trace trace = work.poll();
            if (covered.contains(trace.start) || total + trace.count > REGION_LIMIT) {
                continue;
            }
            java.util.List<DecodedInstruction> segment = new java.util.ArrayList<>(trace.count);
            int address = trace.start;
            for (int i = 0; i < trace.count; i++) {
                Insn in = (Insn) cache[address & 0xFFF];
                if (in == null || in.addr != address) { // an instruction crossing the page end is not cached
                    break;
                }
                segment.add(in.decoded);
                covered.add(address);
                address = in.next;
            }
            if (segment.isEmpty()) {
                continue;
            }
            segments.add(segment);
            total += segment.size();
            for (DecodedInstruction d : segment) {
                boolean direct = d.mnemonic() == Mnemonic.JCC || d.mnemonic() == Mnemonic.JMP
                    && d.operand(0).kind() == OperandKind.BRANCH_TARGET;
                enqueue(work, covered, cache, hot.start, direct ? d.immediate() : -1);
            }
            enqueue(work, covered, cache, hot.start, segment.get(segment.size() - 1).nextAddress());
        }
        return segments;
    }

    /**
     * The most instructions in one compiled region. Big enough for a loop with its branches (below 32 on the mix
     * guest its loops fell out of their regions: 24 halved the peak); small, because every region is compiled
     * again by the JVM's C1 and C2, whose time grows faster than the method, and because a region is entered only
     * when the budget left covers all of it (the kernel's deterministic mode runs a VM in exact slices of 1,000
     * instructions; its real-time slices end at a region's exit, see {@link #run(long, long)}). 128 -> 48:
     * one whole `denali run` of the mix took 28-36% less process CPU at the same peak (docs/performance.md, "Sixth
     * round").
     */
    private static final int REGION_LIMIT = 48;

    private static void enqueue(java.util.ArrayDeque<Trace> work, java.util.Set<Integer> covered, Object[] cache,
                                int page, int address) {
        if (address == -1 || (address >>> 12) != (page >>> 12) || covered.contains(address)) {
            return;
        }
        Insn head = (Insn) cache[address & 0xFFF];
        if (head != null && head.trace != null && (head.trace.heat > 0 || head.trace.compiled != null)) {
            work.add(head.trace);
        }
    }

    /**
     * Runs compiled code with the lazy flags and EFLAGS in the state array; leaves the instructions retired in
     * {@link #ranCount} and the last compiled trace that ran, if it finished normally, in {@link #chainFrom}.
     */
    private int runCompiled(CompiledTrace code, int limit) {
        int[] r = regs;
        r[F_OP] = flagOp | flagBits << 8;
        r[F_A] = flagA;
        r[F_B] = flagB;
        r[F_RES] = flagRes;
        r[CompiledTrace.EFLAGS] = eflags;
        CompiledTrace[] last = lastCompiled;
        int next = code.run(r, memory, limit, last);
        eflags = r[CompiledTrace.EFLAGS];
        saveRunLoopFlags();
        ranCount = r[CompiledTrace.RETIRED];
        compiledRetired += ranCount;
        chainFrom = r[CompiledTrace.SCRATCH] == 0 ? last[0] : null;
        last[0] = null;
        return next;
    }

    /** Leaves {@link #execute} with {@code left} of its limit unused; writes the lazy flags back, returns next. */
    private int leave(int left, int next) {
        saveRunLoopFlags();
        ranCount = runLimit - left;
        return next;
    }

    /** Leaves {@link #execute} with {@code left} of its limit unused, before {@code in}, which must run generically. */
    private int slow(Insn in, int left) {
        saveRunLoopFlags();
        ranCount = runLimit - left;
        slowInsn = in;
        return 0;
    }

    /** add/or/and/sub/xor by {@link Insn#alu} kind. */
    private static int alu(int kind, int a, int b) {
        return switch (kind) {
            case Insn.ALU_ADD -> a + b;
            case Insn.ALU_OR -> a | b;
            case Insn.ALU_AND -> a & b;
            case Insn.ALU_SUB -> a - b;
            default -> a ^ b;
        };
    }

    /** shl/shr/sar of a 32-bit value by {@code count} in 1..31. */
    private static int shifted(int kind, int value, int count) {
        return kind == Insn.SHIFT_SHL ? value << count : kind == Insn.SHIFT_SHR ? value >>> count : value >> count;
    }

    /** The status flags of a 32-bit shl/shr/sar by 1..31 exactly as {@link ShiftUnit#shift} sets them (AF 0). */
    private static int shiftFlags(int kind, int value, int count, int res) {
        int cf;
        int of;
        if (kind == Insn.SHIFT_SHL) {
            cf = value >>> (32 - count) & 1;
            of = res >>> 31 ^ cf;
        } else if (kind == Insn.SHIFT_SHR) {
            cf = value >>> (count - 1) & 1;
            of = value >>> 31;
        } else {
            cf = value >> (count - 1) & 1;
            of = 0;
        }
        return cf | of << 11 | resultFlags(res);
    }

    /** The status flags of a truncating multiply as {@link #setMultiplyFlags} sets them for 32 bits. */
    private static int multiplyFlags(boolean overflow, int low) {
        return (overflow ? Flags.CF | Flags.OF : 0) | resultFlags(low);
    }

    /** ZF, SF and PF of a 32-bit result. */
    private static int resultFlags(int res) {
        return (res == 0 ? Flags.ZF : 0) | (res >>> 31) << 7 | (~Integer.bitCount(res & 0xFF) & 1) << 2;
    }

    /** Moves the run loop's lazy-flag slots ({@link #F_OP}...) back to the fields the generic path uses. */
    private void saveRunLoopFlags() {
        int[] r = regs;
        storeFlags(r[F_OP] & 0xFF, r[F_OP] >>> 8, r[F_A], r[F_B], r[F_RES]);
    }

    private void storeFlags(int op, int bits, int a, int b, int res) {
        flagOp = op;
        flagBits = bits;
        flagA = a;
        flagB = b;
        flagRes = res;
    }
    /** Executes an instruction without a lowered fast form; returns the next EIP. */
    private int executeDecoded(DecodedInstruction d, int eip, int next) {
        switch (d.mnemonic()) {
            case MOV -> {
                int ea = ea(d);
                store(d.operand(0), ea, load(d.operand(1), ea));
            }
            case ADD, OR, ADC, SBB, AND, SUB, XOR, CMP, TEST -> arithmetic(d);
            case INC, DEC -> incDec(d);
            case JCC -> {
                return condition(d.condition()) ? d.immediate() : next;
            }
            case JMP -> {
                return d.operand(0).kind() == OperandKind.BRANCH_TARGET ? d.immediate() : load(d.operand(0), ea(d));
            }
            case CALL -> {
                int target = d.operand(0).kind() == OperandKind.BRANCH_TARGET ? d.immediate()
                    : load(d.operand(0), ea(d));
                int sp = regs[ESP] - 4;
                memory.write32(sp, next);
                regs[ESP] = sp;
                return target;
            }
            case RET -> {
                return ret(d);
            }
            case PUSH -> push(d);
            case POP -> pop(d);
            case LEA -> {
                Operand dst = d.operand(0);
                setRegister(dst.size(), dst.register(), ea(d));
            }
            case MOVZX, MOVSX -> extend(d);
            case NOP -> {
            }
            default -> {
                return executeRare(d, eip, next);
            }
        }
        return next;
    }

    private int add(int a, int b) {
        int result = a + b;
        setLazy(LAZY_ADD, 4, a, b, result);
        return result;
    }

    private int sub(int a, int b) {
        int result = a - b;
        setLazy(LAZY_SUB, 4, a, b, result);
        return result;
    }

    private int logic(int result) {
        flagOp = LAZY_LOGIC;
        flagBits = 32;
        flagRes = result;
        return result;
    }

    /**
     * The instruction at {@code eip} for a fault report, decoded again (the hot loop keeps no reference to it);
     * null if the fetch itself faulted. A faulting instruction changed nothing, so its bytes are as executed.
     */
    private DecodedInstruction faultingInstruction(int eip) {
        DecodedInstruction d = Decoder.decode(fetchSource, eip);
        return d.fetchFaulted() ? null : d;
    }

    private RunResult finish(int eip, long executed, RunResult result) {
        this.eip = eip;
        this.retired += executed;
        if (result.reason() == StopReason.BREAKPOINT || result.reason() == StopReason.WATCHPOINT) {
            markDebugStop();
        }
        // A link left for later is dropped: between runs the CPU must not keep decoded code alive (a VM swapped
        // out whole keeps only a small record).
        unlinked = null;
        unlinkedCache = null;
        chainFrom = null;
        chainCache = null;
        return result;
    }

    private RunResult faultResult(long executed, int vector, int eip, int address, DecodedInstruction d,
                                  String message) {
        byte[] bytes = d == null ? new byte[0] : d.bytes();
        return new RunResult(StopReason.FAULT, executed, vector, new Fault(vector, eip, address, bytes, message));
    }

    private static String describe(DecodedInstruction d) {
        return d.mnemonicText() + " at " + String.format("%08x", d.address());
    }

    /**
     * The straight-line run of lowered instructions starting at {@code head}, on head's page: it ends after the
     * first instruction that may change EIP other than by falling through (branches and the generic path), at the
     * page end, before an instruction that cannot be fetched, or after {@link Trace#MAX_LENGTH} instructions.
     */
    private Trace buildTrace(Insn head, Object[] cache) {
        java.util.ArrayList<Insn> list = new java.util.ArrayList<>();
        Insn in = head;
        while (true) {
            list.add(in);
            if (in.endsTrace || list.size() == Trace.MAX_LENGTH) {
                break;
            }
            int next = in.next;
            if ((next >>> 12) != (head.addr >>> 12)) {
                break;
            }
            Insn following = (Insn) cache[next & 0xFFF];
            if (following == null) {
                DecodedInstruction d = Decoder.decode(fetchSource, next);
                if (d.fetchFaulted() || (next & 0xFFF) + d.length() > 0x1000) {
                    break;
                }
                following = Insn.lower(d);
                cache[next & 0xFFF] = following;
            }
            in = following;
        }
        Trace trace = Trace.of(list.toArray(new Insn[0]));
        head.trace = trace;
        return trace;
    }

    private Insn decodeAt(int eip, Object[] cache) {
        DecodedInstruction d = Decoder.decode(fetchSource, eip);
        if (d.fetchFaulted()) {
            throw new PageFault(d.fetchFaultAddress(), false);
        }
        Insn in = Insn.lower(d);
        if ((eip & 0xFFF) + d.length() <= 0x1000) {
            cache[eip & 0xFFF] = in; // an instruction crossing into the next page is not cached: its SMC is unseen
        }
        return in;
    }

    // ------------------------------------------------------------------ operands

    private int ea(DecodedInstruction d) {
        int address = d.displacement();
        int base = d.base();
        if (base >= 0) {
            address += regs[base];
        }
        int index = d.index();
        if (index >= 0) {
            address += regs[index] << d.scale();
        }
        return address;
    }

    private int getRegister(int size, int n) {
        if (size == 4) {
            return regs[n];
        }
        if (size == 2) {
            return regs[n] & 0xFFFF;
        }
        return n < 4 ? regs[n] & 0xFF : regs[n - 4] >>> 8 & 0xFF;
    }

    private void setRegister(int size, int n, int value) {
        if (size == 4) {
            regs[n] = value;
        } else if (size == 2) {
            regs[n] = (regs[n] & 0xFFFF_0000) | (value & 0xFFFF);
        } else if (n < 4) {
            regs[n] = (regs[n] & 0xFFFF_FF00) | (value & 0xFF);
        } else {
            regs[n - 4] = (regs[n - 4] & 0xFFFF_00FF) | (value & 0xFF) << 8;
        }
    }

    private int readMemory(int size, int address) {
        return size == 4 ? memory.read32(address) : size == 2 ? memory.read16(address) : memory.read8(address);
    }

    private void writeMemory(int size, int address, int value) {
        if (size == 4) {
            memory.write32(address, value);
        } else if (size == 2) {
            memory.write16(address, value);
        } else {
            memory.write8(address, value);
        }
    }

    private int load(Operand o, int ea) {
        return switch (o.kind()) {
            case REGISTER -> getRegister(o.size(), o.register());
            case MEMORY -> readMemory(o.size(), ea);
            default -> o.value();
        };
    }

    private void store(Operand o, int ea, int value) {
        if (o.kind() == OperandKind.REGISTER) {
            setRegister(o.size(), o.register(), value);
        } else {
            writeMemory(o.size(), ea, value);
        }
    }

    // ------------------------------------------------------------------ lazy flags

    private void setLazy(int op, int size, int a, int b, int result) {
        flagOp = op;
        flagBits = size * 8;
        flagA = a;
        flagB = b;
        flagRes = result;
    }

    /** Writes status flags computed eagerly; {@code bits} holds the new values of the bits in {@code mask}. */
    private void setEager(int mask, int bits) {
        eflags = (eflags() & ~mask) | (bits & mask);
        flagOp = LAZY_NONE;
    }

    private int cf() {
        return cfOf(flagOp, flagBits, flagA, flagB, flagRes, eflags);
    }

    private int zf() {
        return zfOf(flagOp, flagBits, flagRes, eflags);
    }

    private int sf() {
        return sfOf(flagOp, flagBits, flagRes, eflags);
    }

    private int pf() {
        return pfOf(flagOp, flagRes, eflags);
    }

    private int af() {
        return afOf(flagOp, flagA, flagB, flagRes, eflags);
    }

    static int afOf(int op, int a, int b, int res, int eflags) {
        return switch (op) {
            case LAZY_NONE -> eflags & Flags.AF;
            case LAZY_LOGIC -> 0;
            default -> (a ^ b ^ res) & Flags.AF;
        };
    }

    /**
     * EFLAGS with the status flags of a lazy state materialised, as {@link #eflags()} computes them (for compiled
     * code that hands the flags to an eager helper such as {@link ShiftUnit}).
     */
    static int statusFlags(int op, int bits, int a, int b, int res, int eflags) {
        return (eflags & ~Flags.STATUS) | cfOf(op, bits, a, b, res, eflags) | pfOf(op, res, eflags)
            | afOf(op, a, b, res, eflags) | zfOf(op, bits, res, eflags) | sfOf(op, bits, res, eflags)
            | ofOf(op, bits, a, b, res, eflags);
    }

    private int of() {
        return ofOf(flagOp, flagBits, flagA, flagB, flagRes, eflags);
    }

    private boolean condition(int cc) {
        return conditionOf(cc, flagOp, flagBits, flagA, flagB, flagRes, eflags);
    }

    // The lazy-flag evaluation on explicit state, so the run loop can keep that state in locals (a constant
    // {@code op} folds the switches away when these are inlined into a super-instruction).

    static int cfOf(int op, int bits, int a, int b, int res, int eflags) {
        int top = bits - 1;
        return switch (op) {
            case LAZY_ADD -> ((a & b) | ((a | b) & ~res)) >>> top & 1;
            case LAZY_SUB -> ((~a & b) | (~(a ^ b) & res)) >>> top & 1;
            case LAZY_LOGIC -> 0;
            default -> eflags & Flags.CF;
        };
    }

    static int zfOf(int op, int bits, int res, int eflags) {
        if (op == LAZY_NONE) {
            return eflags & Flags.ZF;
        }
        return (res << (32 - bits)) == 0 ? Flags.ZF : 0;
    }

    static int sfOf(int op, int bits, int res, int eflags) {
        if (op == LAZY_NONE) {
            return eflags & Flags.SF;
        }
        return (res >>> (bits - 1) & 1) << 7;
    }

    static int pfOf(int op, int res, int eflags) {
        if (op == LAZY_NONE) {
            return eflags & Flags.PF;
        }
        return (~Integer.bitCount(res & 0xFF) & 1) << 2;
    }

    static int ofOf(int op, int bits, int a, int b, int res, int eflags) {
        int top = bits - 1;
        return switch (op) {
            case LAZY_ADD, LAZY_INC -> ((a ^ res) & (b ^ res)) >>> top & 1;
            case LAZY_SUB, LAZY_DEC -> ((a ^ b) & (a ^ res)) >>> top & 1;
            case LAZY_LOGIC -> 0;
            default -> eflags >>> 11 & 1;
        } << 11;
    }

    // Conditions by flag pair (jcc codes JCC_O..JCC_LE), each evaluating only the flags it needs, so an inlined
    // jcc costs C2 a few dozen bytecodes of its inlining budget instead of the whole conditionOf switch.
    static boolean isO(int op, int bits, int a, int b, int res, int eflags) {
        return ofOf(op, bits, a, b, res, eflags) != 0;
    }

    static boolean isB(int op, int bits, int a, int b, int res, int eflags) {
        return cfOf(op, bits, a, b, res, eflags) != 0;
    }

    static boolean isZ(int op, int bits, int a, int b, int res, int eflags) {
        return zfOf(op, bits, res, eflags) != 0;
    }

    static boolean isBE(int op, int bits, int a, int b, int res, int eflags) {
        return (cfOf(op, bits, a, b, res, eflags) | zfOf(op, bits, res, eflags)) != 0;
    }

    static boolean isS(int op, int bits, int a, int b, int res, int eflags) {
        return sfOf(op, bits, res, eflags) != 0;
    }

    static boolean isP(int op, int bits, int a, int b, int res, int eflags) {
        return pfOf(op, res, eflags) != 0;
    }

    static boolean isL(int op, int bits, int a, int b, int res, int eflags) {
        return (sfOf(op, bits, res, eflags) != 0) != (ofOf(op, bits, a, b, res, eflags) != 0);
    }

    static boolean isLE(int op, int bits, int a, int b, int res, int eflags) {
        return zfOf(op, bits, res, eflags) != 0 || isL(op, bits, a, b, res, eflags);
    }

    /** Condition {@code cc} after a 32-bit {@code cmp a, b} / {@code sub}: plain comparisons, no flag bits. */
    static boolean subCondition(int cc, int a, int b, int res) {
        boolean result = switch (cc >>> 1) {
            case 0 -> ((a ^ b) & (a ^ res)) < 0;
            case 1 -> (a ^ Integer.MIN_VALUE) < (b ^ Integer.MIN_VALUE);
            case 2 -> a == b;
            case 3 -> (a ^ Integer.MIN_VALUE) <= (b ^ Integer.MIN_VALUE);
            case 4 -> res < 0;
            case 5 -> (Integer.bitCount(res & 0xFF) & 1) == 0;
            case 6 -> a < b;
            default -> a <= b;
        };
        return result != ((cc & 1) != 0);
    }

    /** Condition {@code cc} after a 32-bit {@code test}/{@code and}/{@code or}/{@code xor}: CF = OF = 0. */
    static boolean logicCondition(int cc, int res) {
        boolean result = switch (cc >>> 1) {
            case 0, 1 -> false;
            case 2, 3 -> res == 0;
            case 4, 6 -> res < 0;
            case 5 -> (Integer.bitCount(res & 0xFF) & 1) == 0;
            default -> res <= 0;
        };
        return result != ((cc & 1) != 0);
    }

    /**
     * Condition {@code cc} after a 32-bit {@code inc}/{@code dec} giving {@code res}: OF is set exactly when
     * {@code res} is {@code overflowResult} (MIN_VALUE for inc, MAX_VALUE for dec); CF is the one in {@code eflags}.
     */
    static boolean incDecCondition(int cc, int res, int overflowResult, int eflags) {
        boolean of = res == overflowResult;
        boolean result = switch (cc >>> 1) {
            case 0 -> of;
            case 1 -> (eflags & Flags.CF) != 0;
            case 2 -> res == 0;
            case 3 -> (eflags & Flags.CF) != 0 || res == 0;
            case 4 -> res < 0;
            case 5 -> (Integer.bitCount(res & 0xFF) & 1) == 0;
            case 6 -> (res < 0) != of;
            default -> res == 0 || (res < 0) != of;
        };
        return result != ((cc & 1) != 0);
    }

    static boolean conditionOf(int cc, int op, int bits, int a, int b, int res, int eflags) {
        boolean result = switch (cc >>> 1) {
            case 0 -> isO(op, bits, a, b, res, eflags);
            case 1 -> isB(op, bits, a, b, res, eflags);
            case 2 -> isZ(op, bits, a, b, res, eflags);
            case 3 -> isBE(op, bits, a, b, res, eflags);
            case 4 -> isS(op, bits, a, b, res, eflags);
            case 5 -> isP(op, bits, a, b, res, eflags);
            case 6 -> isL(op, bits, a, b, res, eflags);
            default -> isLE(op, bits, a, b, res, eflags);
        };
        return result ^ ((cc & 1) != 0);
    }

    // ------------------------------------------------------------------ common instructions

    private void arithmetic(DecodedInstruction d) {
        Operand dst = d.operand(0);
        int size = dst.size();
        int ea = ea(d);
        int a = load(dst, ea);
        int b = load(d.operand(1), ea);
        int result;
        int kind;
        switch (d.mnemonic()) {
            case ADD -> {
                result = a + b;
                kind = LAZY_ADD;
            }
            case ADC -> {
                result = a + b + cf();
                kind = LAZY_ADD;
            }
            case SUB, CMP -> {
                result = a - b;
                kind = LAZY_SUB;
            }
            case SBB -> {
                result = a - b - cf();
                kind = LAZY_SUB;
            }
            case AND, TEST -> {
                result = a & b;
                kind = LAZY_LOGIC;
            }
            case OR -> {
                result = a | b;
                kind = LAZY_LOGIC;
            }
            default -> { // XOR
                result = a ^ b;
                kind = LAZY_LOGIC;
            }
        }
        if (d.mnemonic() != Mnemonic.CMP && d.mnemonic() != Mnemonic.TEST) {
            store(dst, ea, result);
        }
        setLazy(kind, size, a, b, result);
    }

    private void incDec(DecodedInstruction d) {
        Operand dst = d.operand(0);
        int ea = ea(d);
        int a = load(dst, ea);
        boolean inc = d.mnemonic() == Mnemonic.INC;
        int result = inc ? a + 1 : a - 1;
        store(dst, ea, result);
        int carry = cf(); // INC/DEC leave CF alone: keep it materialized
        eflags = (eflags & ~Flags.CF) | carry;
        setLazy(inc ? LAZY_INC : LAZY_DEC, dst.size(), a, 1, result);
    }

    private int ret(DecodedInstruction d) {
        int sp = regs[ESP];
        int release = d.operandCount() > 0 ? d.immediate() : 0;
        if (d.operandSize() == 2) {
            int target = memory.read16(sp);
            regs[ESP] = sp + 2 + release;
            return target;
        }
        int target = memory.read32(sp);
        regs[ESP] = sp + 4 + release;
        return target;
    }

    private void push(DecodedInstruction d) {
        int size = d.operandSize();
        int value = load(d.operand(0), ea(d));
        int sp = regs[ESP] - size;
        writeMemory(size, sp, value);
        regs[ESP] = sp;
    }

    private void pop(DecodedInstruction d) {
        int size = d.operandSize();
        int sp = regs[ESP];
        int value = readMemory(size, sp);
        Operand dst = d.operand(0);
        regs[ESP] = sp + size; // a memory destination is addressed with the incremented ESP (SDM: POP)
        if (dst.kind() == OperandKind.MEMORY) {
            try {
                writeMemory(size, ea(d), value);
            } catch (PageFault f) {
                regs[ESP] = sp;
                throw f;
            }
        } else {
            setRegister(size, dst.register(), value);
        }
    }

    private void extend(DecodedInstruction d) {
        Operand src = d.operand(1);
        int value = load(src, ea(d));
        if (d.mnemonic() == Mnemonic.MOVSX) {
            value = src.size() == 1 ? (byte) value : (short) value;
        }
        Operand dst = d.operand(0);
        setRegister(dst.size(), dst.register(), value);
    }

    // ------------------------------------------------------------------ the rest of the ISA

    /** Executes a less common instruction at {@code eip}; returns the next EIP. */
    private int executeRare(DecodedInstruction d, int eip, int next) {
        switch (d.mnemonic()) {
            case NEG, NOT -> negNot(d);
            case MUL, IMUL -> multiply(d);
            case DIV, IDIV -> divide(d, eip);
            case ROL, ROR, RCL, RCR, SHL, SHR, SAL, SAR -> shift(d);
            case SHLD, SHRD -> shiftDouble(d);
            case BT, BTS, BTR, BTC -> bitTest(d);
            case BSF, BSR -> bitScan(d);
            case SETCC -> {
                Operand dst = d.operand(0);
                store(dst, ea(d), condition(d.condition()) ? 1 : 0);
            }
            case CMOVCC -> {
                Operand dst = d.operand(0);
                int value = load(d.operand(1), ea(d)); // the source is read (and may fault) either way
                if (condition(d.condition())) {
                    setRegister(dst.size(), dst.register(), value);
                }
            }
            case XCHG -> exchange(d);
            case CMPXCHG -> compareExchange(d);
            case XADD -> exchangeAdd(d);
            case BSWAP -> regs[d.operand(0).register()] = Integer.reverseBytes(regs[d.operand(0).register()]);
            case PUSHA -> pushAll(d.operandSize());
            case POPA -> popAll(d.operandSize());
            case PUSHF -> {
                int size = d.operandSize();
                int sp = regs[ESP] - size;
                writeMemory(size, sp, eflags());
                regs[ESP] = sp;
            }
            case POPF -> {
                int size = d.operandSize();
                int value = readMemory(size, regs[ESP]);
                regs[ESP] += size;
                setEflags(size == 2 ? (eflags() & 0xFFFF_0000) | value : value);
            }
            case ENTER -> enter(d);
            case LEAVE -> {
                int size = d.operandSize();
                int value = readMemory(size, regs[EBP]);
                regs[ESP] = regs[EBP] + size;
                setRegister(size, EBP, value);
            }
            case LOOP, LOOPE, LOOPNE -> {
                int count = regs[ECX] - 1;
                regs[ECX] = count;
                boolean taken = count != 0 && switch (d.mnemonic()) {
                    case LOOPE -> zf() != 0;
                    case LOOPNE -> zf() == 0;
                    default -> true;
                };
                return taken ? d.immediate() : next;
            }
            case JECXZ -> {
                return regs[ECX] == 0 ? d.immediate() : next;
            }
            case MOVS, CMPS, SCAS, LODS, STOS -> {
                return stringInstruction(d, eip, next);
            }
            case CBW -> {
                if (d.operandSize() == 2) {
                    setRegister(2, EAX, (byte) regs[EAX]);
                } else {
                    regs[EAX] = (short) regs[EAX];
                }
            }
            case CWD -> {
                if (d.operandSize() == 2) {
                    setRegister(2, EDX, (short) regs[EAX] >> 15);
                } else {
                    regs[EDX] = regs[EAX] >> 31;
                }
            }
            case LAHF -> setRegister(1, 4, eflags() & 0xFF);
            case SAHF -> setEager(Flags.SF | Flags.ZF | Flags.AF | Flags.PF | Flags.CF, regs[EAX] >>> 8);
            case CLC -> setEager(Flags.CF, 0);
            case STC -> setEager(Flags.CF, Flags.CF);
            case CMC -> setEager(Flags.CF, ~cf());
            case CLD -> eflags &= ~Flags.DF;
            case STD -> eflags |= Flags.DF;
            case CPUID -> {
                int[] result = CpuId.query(regs[EAX]);
                regs[EAX] = result[0];
                regs[3] = result[1];
                regs[ECX] = result[2];
                regs[EDX] = result[3];
            }
            case RDTSC -> {
                regs[EAX] = (int) retiredNow;
                regs[EDX] = (int) (retiredNow >>> 32);
            }
            case IN -> {
                Operand dst = d.operand(0);
                int port = d.operand(1).kind() == OperandKind.IMMEDIATE ? d.immediate() : regs[EDX] & 0xFFFF;
                setRegister(dst.size(), EAX, host.in(port, dst.size()));
            }
            case OUT -> {
                Operand src = d.operand(1);
                int port = d.operand(0).kind() == OperandKind.IMMEDIATE ? d.immediate() : regs[EDX] & 0xFFFF;
                host.out(port, src.size(), getRegister(src.size(), EAX));
            }
            case IRET -> {
                int size = d.operandSize();
                int sp = regs[ESP];
                int target = readMemory(size, sp);
                int cs = readMemory(size, sp + size) & 0xFFFF;
                int flags = readMemory(size, sp + 2 * size);
                if (size == 2) {
                    flags = (eflags() & 0xFFFF_0000) | flags;
                }
                // Only frames the kernel pushed may be popped (architecture.md §1.4): CS = 0x08, no reserved bits.
                if (cs != KERNEL_FRAME_CS || (flags & RESERVED_EFLAGS) != 0 || (flags & Flags.RESERVED1) == 0) {
                    throw new GuestException(FaultVector.GP, String.format(
                        "iret at %08x: frame has CS=%04x EFLAGS=%08x, not a kernel interrupt frame", eip, cs, flags));
                }
                regs[ESP] = sp + 3 * size;
                setEflags(flags);
                return target;
            }
            case HLT -> stop(StopReason.HALTED, 0);
            case IDLE -> stop(StopReason.IDLE, regs[EAX]);
            case TERMINATE -> stop(StopReason.TERMINATED, regs[EAX]);
            case INT -> stop(StopReason.SOFTWARE_INTERRUPT, d.immediate());
            case INT3 -> stop(StopReason.FAULT, FaultVector.BP);
            case UD2 -> throw new GuestException(FaultVector.UD, "ud2 at " + hex(eip));
            case UNSUPPORTED -> throw new GuestException(FaultVector.UD,
                d.mnemonicText() + " at " + hex(eip) + ": " + d.unsupportedReason());
            default -> throw new GuestException(FaultVector.UD, "invalid opcode at " + hex(eip) + ": " + d);
        }
        return next;
    }

    private void stop(StopReason reason, int value) {
        pendingStop = reason;
        pendingValue = value;
    }

    private static String hex(int value) {
        return String.format("%08x", value);
    }

    private void negNot(DecodedInstruction d) {
        Operand dst = d.operand(0);
        int ea = ea(d);
        int a = load(dst, ea);
        if (d.mnemonic() == Mnemonic.NOT) {
            store(dst, ea, ~a);
            return;
        }
        int result = -a;
        store(dst, ea, result);
        setLazy(LAZY_SUB, dst.size(), 0, a, result);
    }

    private void multiply(DecodedInstruction d) {
        if (d.operandCount() > 1) {
            multiplyTruncating(d);
            return;
        }
        Operand src = d.operand(0);
        int size = src.size();
        int b = load(src, ea(d));
        boolean signed = d.mnemonic() == Mnemonic.IMUL;
        boolean overflow;
        int low;
        switch (size) {
            case 1 -> {
                int product = signed ? (byte) regs[EAX] * (byte) b : (regs[EAX] & 0xFF) * (b & 0xFF);
                setRegister(2, EAX, product);
                overflow = signed ? product != (byte) product : (product & 0xFF00) != 0;
                low = product;
            }
            case 2 -> {
                int product = signed ? (short) regs[EAX] * (short) b : (regs[EAX] & 0xFFFF) * (b & 0xFFFF);
                setRegister(2, EAX, product);
                setRegister(2, EDX, product >>> 16);
                overflow = signed ? product != (short) product : (product & 0xFFFF_0000) != 0;
                low = product;
            }
            default -> {
                long product = signed ? (long) regs[EAX] * b : (regs[EAX] & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL);
                regs[EAX] = (int) product;
                regs[EDX] = (int) (product >>> 32);
                overflow = signed ? product != (int) product : (product >>> 32) != 0;
                low = (int) product;
            }
        }
        setMultiplyFlags(overflow, low, size);
    }

    private void multiplyTruncating(DecodedInstruction d) {
        Operand dst = d.operand(0);
        int ea = ea(d);
        int a = load(d.operand(1), ea);
        int b = d.operandCount() == 3 ? d.operand(2).value() : load(dst, ea);
        int size = dst.size();
        long product;
        boolean overflow;
        if (size == 2) {
            product = (long) (short) a * (short) b;
            overflow = product != (short) product;
        } else {
            product = (long) a * b;
            overflow = product != (int) product;
        }
        setRegister(size, dst.register(), (int) product);
        setMultiplyFlags(overflow, (int) product, size);
    }

    /** CF = OF = overflow; SF, ZF, PF follow the low result (undefined by the SDM), AF cleared. */
    private void setMultiplyFlags(boolean overflow, int low, int size) {
        int bits = size * 8;
        int v = low << (32 - bits);
        int flags = (overflow ? Flags.CF | Flags.OF : 0) | (v == 0 ? Flags.ZF : 0) | (v < 0 ? Flags.SF : 0)
            | ((~Integer.bitCount(low & 0xFF) & 1) << 2);
        setEager(Flags.STATUS, flags);
    }

    private void divide(DecodedInstruction d, int eip) {
        Operand src = d.operand(0);
        int size = src.size();
        int divisor = load(src, ea(d));
        boolean signed = d.mnemonic() == Mnemonic.IDIV;
        int mask = size == 4 ? -1 : (1 << (size * 8)) - 1;
        if ((divisor & mask) == 0) {
            throw new GuestException(FaultVector.DE, "divide by zero: " + describe(d));
        }
        long dividend = switch (size) {
            case 1 -> signed ? (short) regs[EAX] : regs[EAX] & 0xFFFF;
            case 2 -> {
                int joined = (regs[EDX] & 0xFFFF) << 16 | (regs[EAX] & 0xFFFF);
                yield signed ? joined : joined & 0xFFFF_FFFFL;
            }
            default -> (long) regs[EDX] << 32 | (regs[EAX] & 0xFFFF_FFFFL);
        };
        long quotient;
        long remainder;
        if (signed) {
            long div = size == 1 ? (byte) divisor : size == 2 ? (short) divisor : divisor;
            if (dividend == Long.MIN_VALUE && div == -1) {
                throw new GuestException(FaultVector.DE, "quotient overflow: " + describe(d));
            }
            quotient = dividend / div;
            remainder = dividend % div;
            long limit = 1L << (size * 8 - 1);
            if (quotient < -limit || quotient >= limit) {
                throw new GuestException(FaultVector.DE, "quotient overflow: " + describe(d));
            }
        } else {
            long div = divisor & (mask & 0xFFFF_FFFFL);
            quotient = Long.divideUnsigned(dividend, div);
            remainder = Long.remainderUnsigned(dividend, div);
            if (Long.compareUnsigned(quotient, mask & 0xFFFF_FFFFL) > 0) {
                throw new GuestException(FaultVector.DE, "quotient overflow: " + describe(d));
            }
        }
        switch (size) {
            case 1 -> setRegister(2, EAX, (int) (quotient & 0xFF) | (int) (remainder & 0xFF) << 8);
            case 2 -> {
                setRegister(2, EAX, (int) quotient);
                setRegister(2, EDX, (int) remainder);
            }
            default -> {
                regs[EAX] = (int) quotient;
                regs[EDX] = (int) remainder;
            }
        }
    }

    private void shift(DecodedInstruction d) {
        Operand dst = d.operand(0);
        int ea = ea(d);
        int value = load(dst, ea);
        int count = load(d.operand(1), ea);
        int op = d.modRmReg();
        int flags = eflags();
        long packed = ShiftUnit.shift(op, dst.size(), value, count, flags);
        if ((count & 31) == 0) {
            return;
        }
        store(dst, ea, (int) packed);
        setEager(Flags.STATUS, (int) (packed >>> 32));
    }

    private void shiftDouble(DecodedInstruction d) {
        Operand dst = d.operand(0);
        int ea = ea(d);
        int value = load(dst, ea);
        int source = load(d.operand(1), ea);
        int count = load(d.operand(2), ea) & 31;
        if (count == 0) {
            return;
        }
        long packed = ShiftUnit.shiftDouble(d.mnemonic() == Mnemonic.SHLD, dst.size(), value, source, count,
            eflags());
        store(dst, ea, (int) packed);
        setEager(Flags.STATUS, (int) (packed >>> 32));
    }

    private void bitTest(DecodedInstruction d) {
        Operand dst = d.operand(0);
        Operand offsetOperand = d.operand(1);
        int size = dst.size();
        int bits = size * 8;
        int offset = load(offsetOperand, 0);
        int ea = ea(d);
        if (dst.kind() == OperandKind.MEMORY && offsetOperand.kind() == OperandKind.REGISTER) {
            // A register bit offset addresses memory beyond the operand: signed, in operand-size units.
            int signedOffset = size == 2 ? (short) offset : offset;
            ea += (signedOffset >> (size == 2 ? 4 : 5)) * size;
        }
        int bit = offset & (bits - 1);
        int value = load(dst, ea);
        int carry = value >>> bit & 1;
        int result = switch (d.mnemonic()) {
            case BTS -> value | 1 << bit;
            case BTR -> value & ~(1 << bit);
            case BTC -> value ^ 1 << bit;
            default -> value;
        };
        if (d.mnemonic() != Mnemonic.BT) {
            store(dst, ea, result);
        }
        setEager(Flags.CF, carry);
    }

    private void bitScan(DecodedInstruction d) {
        Operand dst = d.operand(0);
        Operand src = d.operand(1);
        int value = load(src, ea(d));
        if (src.size() == 2) {
            value &= 0xFFFF;
        }
        if (value == 0) {
            setEager(Flags.ZF, Flags.ZF); // destination left unchanged, as hardware does
            return;
        }
        int index = d.mnemonic() == Mnemonic.BSF ? Integer.numberOfTrailingZeros(value)
            : 31 - Integer.numberOfLeadingZeros(value);
        setRegister(dst.size(), dst.register(), index);
        setEager(Flags.ZF, 0);
    }

    private void exchange(DecodedInstruction d) {
        Operand first = d.operand(0);
        Operand second = d.operand(1);
        int ea = ea(d);
        int a = load(first, ea);
        int b = load(second, ea);
        if (first.kind() == OperandKind.MEMORY) {
            store(first, ea, b);
            store(second, ea, a);
        } else {
            store(second, ea, a);
            store(first, ea, b);
        }
    }

    private void compareExchange(DecodedInstruction d) {
        Operand dst = d.operand(0);
        Operand src = d.operand(1);
        int size = dst.size();
        int ea = ea(d);
        int current = load(dst, ea);
        int accumulator = getRegister(size, EAX);
        int difference = accumulator - current;
        int mask = size == 4 ? -1 : (1 << (size * 8)) - 1;
        if ((difference & mask) == 0) {
            store(dst, ea, load(src, ea));
        } else {
            store(dst, ea, current); // hardware always writes the destination
            setRegister(size, EAX, current);
        }
        setLazy(LAZY_SUB, size, accumulator, current, difference);
    }

    private void exchangeAdd(DecodedInstruction d) {
        Operand dst = d.operand(0);
        Operand src = d.operand(1);
        int ea = ea(d);
        int a = load(dst, ea);
        int b = load(src, ea);
        int sum = a + b;
        if (dst.kind() == OperandKind.MEMORY) {
            store(dst, ea, sum);
            store(src, ea, a);
        } else {
            store(src, ea, a);
            store(dst, ea, sum);
        }
        setLazy(LAZY_ADD, dst.size(), a, b, sum);
    }

    private void pushAll(int size) {
        int sp = regs[ESP];
        for (int i = 0; i < 8; i++) {
            writeMemory(size, sp - (i + 1) * size, regs[i]); // ESP's slot gets its value before the instruction
        }
        regs[ESP] = sp - 8 * size;
    }

    private void popAll(int size) {
        int sp = regs[ESP];
        int[] values = new int[8];
        for (int i = 0; i < 8; i++) {
            values[7 - i] = readMemory(size, sp + i * size);
        }
        for (int i = 0; i < 8; i++) {
            if (i != ESP) {
                setRegister(size, i, values[i]);
            }
        }
        regs[ESP] = sp + 8 * size;
    }

    private void enter(DecodedInstruction d) {
        int size = d.operandSize();
        int frameSize = d.immediate() & 0xFFFF;
        int level = d.immediate2() & 31;
        int sp = regs[ESP];
        int bp = regs[EBP];
        sp -= size;
        writeMemory(size, sp, bp);
        int frame = sp;
        for (int i = 1; i < level; i++) {
            bp -= size;
            int value = readMemory(size, bp);
            sp -= size;
            writeMemory(size, sp, value);
        }
        if (level > 0) {
            sp -= size;
            writeMemory(size, sp, frame);
        }
        setRegister(size, EBP, frame);
        regs[ESP] = sp - frameSize;
    }

    // ------------------------------------------------------------------ string instructions

    private int stringInstruction(DecodedInstruction d, int eip, int next) {
        boolean repeat = d.hasPrefix(Prefixes.REP | Prefixes.REPNE);
        if (!repeat) {
            stringIteration(d);
            return next;
        }
        Mnemonic m = d.mnemonic();
        boolean compares = m == Mnemonic.CMPS || m == Mnemonic.SCAS;
        boolean whileEqual = d.hasPrefix(Prefixes.REP);
        for (int i = 0; i < REP_CHUNK; i++) {
            if (regs[ECX] == 0) {
                return next;
            }
            stringIteration(d);
            regs[ECX]--;
            if (compares && (zf() != 0) != whileEqual) {
                return next;
            }
        }
        return regs[ECX] == 0 ? next : eip; // not finished: resume this instruction later
    }

    private void stringIteration(DecodedInstruction d) {
        int size = d.operandSize();
        int delta = (eflags & Flags.DF) != 0 ? -size : size;
        int si = regs[ESI];
        int di = regs[EDI];
        switch (d.mnemonic()) {
            case MOVS -> {
                writeMemory(size, di, readMemory(size, si));
                regs[ESI] = si + delta;
                regs[EDI] = di + delta;
            }
            case STOS -> {
                writeMemory(size, di, getRegister(size, EAX));
                regs[EDI] = di + delta;
            }
            case LODS -> {
                setRegister(size, EAX, readMemory(size, si));
                regs[ESI] = si + delta;
            }
            case CMPS -> {
                int a = readMemory(size, si);
                int b = readMemory(size, di);
                regs[ESI] = si + delta;
                regs[EDI] = di + delta;
                setLazy(LAZY_SUB, size, a, b, a - b);
            }
            default -> { // SCAS
                int a = getRegister(size, EAX);
                int b = readMemory(size, di);
                regs[EDI] = di + delta;
                setLazy(LAZY_SUB, size, a, b, a - b);
            }
        }
    }
}
