package org.denali.ide.core.debug;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;

import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbFrame;
import org.denali.ide.core.gdb.GdbInspector;
import org.denali.ide.core.rsp.I386Registers;

/**
 * A Denali VM as a debug thread (the stub's thread N is VM N). Everything it shows is fetched when first asked for
 * after a stop and dropped on the next resume, so thousands of VMs cost nothing until one is looked at.
 * <p>
 * Run control follows gdb's all-stop model (docs/debugging.md): {@link #resume()} continues every VM, as the
 * Debug view's Resume does for a target; {@link #resumeAlone()} continues only this VM while the others stay held;
 * steps run only this VM; {@link #suspend()} stops every VM.
 */
public final class DenaliThread extends DenaliDebugElement implements IThread {
    private final int vmId;
    private volatile boolean running;
    private volatile boolean stepping;
    private volatile boolean ended;
    private volatile IBreakpoint[] breakpointsHit = new IBreakpoint[0];
    private volatile String stopDescription = "";
    private List<DenaliStackFrame> frames;
    private I386Registers registers;
    private DenaliRegisterGroup[] registerGroups;

    DenaliThread(DenaliDebugTarget target, int vmId) {
        super(target);
        this.vmId = vmId;
    }

    /** The VM's id in the kernel (1, 2, ...). */
    public int vmId() {
        return vmId;
    }

    // ------------------------------------------------------------------ state, set by the target's event side

    void markRunning(boolean isStepping) {
        synchronized (this) {
            frames = null;
            registers = null;
            registerGroups = null;
        }
        breakpointsHit = new IBreakpoint[0];
        running = true;
        stepping = isStepping;
    }

    void markSuspended(IBreakpoint[] hit, String why) {
        synchronized (this) {
            // whatever was fetched before this stop (even by a view racing the resume) is out of date
            frames = null;
            registers = null;
            registerGroups = null;
        }
        breakpointsHit = hit;
        stopDescription = why;
        running = false;
        stepping = false;
    }

    void markEnded() {
        ended = true;
        running = false;
        stepping = false;
        synchronized (this) {
            frames = null;
            registers = null;
        }
    }

    // ------------------------------------------------------------------ lazily fetched contents

    /** The VM's core registers at the current stop (one {@code g} request, then cached until it runs). */
    public synchronized I386Registers registers() throws DebugException {
        if (registers == null) {
            try {
                registers = denaliTarget().client().registers(vmId);
            } catch (IOException e) {
                throw failure("Cannot read the registers of VM " + vmId, e);
            }
        }
        return registers;
    }

    /** General, EFLAGS and virtual registers at the current stop, built once per stop. */
    public synchronized DenaliRegisterGroup[] registerGroups() throws DebugException {
        if (!isSuspended()) {
            return new DenaliRegisterGroup[0];
        }
        if (registerGroups == null) {
            registerGroups = denaliTarget().registerGroupsBuilder().build(this);
        }
        return registerGroups.clone();
    }

    @Override
    public synchronized IStackFrame[] getStackFrames() throws DebugException {
        if (!isSuspended()) {
            return new IStackFrame[0];
        }
        if (frames == null) {
            frames = gdbFrames();
        }
        if (frames == null) {
            I386Registers regs = registers();
            List<FrameUnwinder.Frame> unwound = denaliTarget().unwinder().unwind(regs.eip(),
                    regs.get(I386Registers.ESP), regs.get("ebp"), denaliTarget().memoryOf(vmId));
            List<DenaliStackFrame> list = new ArrayList<>();
            for (int i = 0; i < unwound.size(); i++) {
                list.add(new DenaliStackFrame(this, i, unwound.get(i)));
            }
            frames = list;
        }
        return frames.toArray(new IStackFrame[0]);
    }

    /** gdb's backtrace (CFI unwinding), or null when gdb is not available (the reason is logged once). */
    private List<DenaliStackFrame> gdbFrames() throws DebugException {
        GdbInspector gdb = denaliTarget().inspectorOrNull(this);
        if (gdb == null) {
            return null;
        }
        List<GdbFrame> listed;
        try {
            listed = gdb.frames();
        } catch (GdbException e) {
            throw failure("gdb cannot list the frames of VM " + vmId, e);
        }
        I386Registers regs = registers();
        List<DenaliStackFrame> list = new ArrayList<>();
        for (GdbFrame f : listed) {
            FrameUnwinder.Frame frame = f.level() == 0
                    ? new FrameUnwinder.Frame(regs.eip(), regs.get(I386Registers.ESP), regs.get("ebp"))
                    : new FrameUnwinder.Frame(f.pc(), 0, 0);
            list.add(new DenaliStackFrame(this, f.level(), frame, f));
        }
        return list;
    }

    /**
     * The frames of the current stop (frame 0 first) for the stepper, without the callers of inlined functions
     * (gdb lists them as frames at the same pc); the caller's stack pointer (the frame's CFA as gdb computes it) is
     * fetched here, only for the first real caller, when the frames are gdb's.
     */
    List<FrameUnwinder.Frame> unwound() throws DebugException {
        List<FrameUnwinder.Frame> list = new ArrayList<>();
        for (IStackFrame f : getStackFrames()) {
            DenaliStackFrame frame = (DenaliStackFrame) f;
            FrameUnwinder.Frame unwound = frame.frame();
            if (frame.gdbFrame() != null && !list.isEmpty() && unwound.pc() == list.get(list.size() - 1).pc()) {
                continue; // an inlined function's caller: same pc, nothing to return to
            }
            if (frame.gdbFrame() != null && list.size() == 1) {
                try {
                    String sp = frame.inspector().evaluate("(unsigned) $sp", frame.depth());
                    unwound = new FrameUnwinder.Frame(unwound.pc(), (int) Long.parseLong(sp.trim()), 0);
                } catch (GdbException | NumberFormatException e) {
                    throw failure("gdb cannot find the stack pointer of " + frame.getName(), e);
                }
            }
            list.add(unwound);
        }
        return list;
    }

    /** A value was written through gdb: registers and frames are read again. */
    synchronized void valuesWritten() {
        registers = null;
        registerGroups = null;
    }

    @Override
    public boolean hasStackFrames() throws DebugException {
        return isSuspended();
    }

    @Override
    public int getPriority() {
        return 0;
    }

    @Override
    public IStackFrame getTopStackFrame() throws DebugException {
        IStackFrame[] all = getStackFrames();
        return all.length == 0 ? null : all[0];
    }

    @Override
    public String getName() {
        return "VM " + vmId;
    }

    @Override
    public IBreakpoint[] getBreakpoints() {
        return breakpointsHit.clone();
    }

    /** Why this VM stopped, for labels: "breakpoint", "step", "watchpoint 0x...", "held" (another VM stopped). */
    public String stopDescription() {
        return stopDescription;
    }

    public boolean isEnded() {
        return ended;
    }

    // ------------------------------------------------------------------ commands (delegated to the run control)

    @Override
    public boolean canResume() {
        return isSuspended() && denaliTarget().canResume();
    }

    @Override
    public boolean canSuspend() {
        return !ended && !isSuspended() && denaliTarget().canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return !running && !ended && denaliTarget().isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        denaliTarget().resume();
    }

    /** Continues only this VM; the others stay held until the next resume of all. */
    public void resumeAlone() throws DebugException {
        denaliTarget().runControl().resumeOne(this);
    }

    @Override
    public void suspend() throws DebugException {
        denaliTarget().suspend();
    }

    /**
     * Run to Line: resumes every VM with temporary breakpoints on the code of {@code line} in {@code file} (its
     * addresses as gdb resolves {@code break FILE:LINE}); a line without code is refused with the reason.
     */
    public void runToLine(org.eclipse.core.resources.IResource file, int line) throws DebugException {
        List<Long> addresses;
        try {
            addresses = denaliTarget().lineAddresses(file, line);
        } catch (IllegalArgumentException e) {
            throw failure("Run to Line: " + e.getMessage(), null);
        }
        runToAddresses(addresses.stream().map(Long::intValue).toList());
    }

    /**
     * Run to Line in the Disassembly view: every VM runs until one reaches {@code address} (or a breakpoint stops
     * them first).
     */
    public void runToAddresses(List<Integer> addresses) throws DebugException {
        if (!canResume()) {
            throw failure("Run to Line: VM " + vmId + " is not suspended", null);
        }
        denaliTarget().runControl().runToAddresses(this, addresses);
    }

    /**
     * Save Core: the kernel writes this VM as it is now into an ELF core file ({@code monitor core VM FILE}) that
     * {@code gdb IMAGE FILE} and a Denali Core launch open.
     */
    public void saveCore(java.nio.file.Path file) throws DebugException {
        if (!isSuspended()) {
            throw failure("Save Core: VM " + vmId + " is not suspended", null);
        }
        String answer;
        try {
            answer = denaliTarget().client().monitor("core " + vmId + " " + file.toAbsolutePath());
        } catch (IOException e) {
            throw failure("Save Core: the kernel did not write " + file + ": " + e.getMessage(), e);
        }
        if (answer.startsWith("unknown monitor command")) {
            throw failure("Save Core: this kernel cannot write core files (it has no 'monitor core')", null);
        }
        if (!answer.contains("core written to") || !java.nio.file.Files.isRegularFile(file)) {
            throw failure("Save Core: the kernel did not write " + file + ": " + answer.strip(), null);
        }
    }

    // ------------------------------------------------------------------ reverse debugging (recording launches)

    /** True if this VM is suspended in a kernel that records its run, so it can step and run backwards. */
    public boolean canReverse() {
        return canResume() && denaliTarget().canReverse();
    }

    /** Step Back (reverse Step Into): back to the start of the line that ran before this one. */
    public void stepBack() throws DebugException {
        reverse(StepKind.INTO);
    }

    /** Reverse Step Over: back to the start of the previous line of this function, calls run backwards whole. */
    public void reverseStepOver() throws DebugException {
        reverse(StepKind.OVER);
    }

    /** Reverse Step Return: back to the call of the current function in its caller. */
    public void reverseStepReturn() throws DebugException {
        reverse(StepKind.RETURN);
    }

    /** Reverse Resume: every VM runs backwards to the last breakpoint hit before now, or the history's start. */
    public void reverseResume() throws DebugException {
        requireReverse("Reverse Resume");
        denaliTarget().runControl().reverseResume(this);
    }

    /**
     * Seeks the whole kernel to the point of its recorded history where this VM had retired {@code icount}
     * instructions ({@code monitor seek}); the VMs stop there.
     */
    public void seek(long icount) throws DebugException {
        requireReverse("Seek");
        denaliTarget().runControl().seek(this, icount);
    }

    private void reverse(StepKind kind) throws DebugException {
        requireReverse(switch (kind) {
            case INTO -> "Step Back";
            case OVER -> "Reverse Step Over";
            case RETURN -> "Reverse Step Return";
        });
        denaliTarget().runControl().reverseStep(this, kind);
    }

    private void requireReverse(String what) throws DebugException {
        if (!denaliTarget().canReverse()) {
            throw failure(what + ": this kernel does not record its run (turn on \"Record execution\" in the launch "
                    + "configuration's Virtual Machines tab)", null);
        }
        if (!isSuspended()) {
            throw failure(what + ": VM " + vmId + " is not suspended", null);
        }
    }

    @Override
    public boolean canStepInto() {
        return canResume();
    }

    @Override
    public boolean canStepOver() {
        return canResume();
    }

    @Override
    public boolean canStepReturn() {
        return canResume();
    }

    @Override
    public boolean isStepping() {
        return stepping;
    }

    @Override
    public void stepInto() throws DebugException {
        denaliTarget().runControl().step(this, StepKind.INTO);
    }

    @Override
    public void stepOver() throws DebugException {
        denaliTarget().runControl().step(this, StepKind.OVER);
    }

    @Override
    public void stepReturn() throws DebugException {
        denaliTarget().runControl().step(this, StepKind.RETURN);
    }

    @Override
    public boolean canTerminate() {
        return denaliTarget().canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return ended || denaliTarget().isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        denaliTarget().terminate();
    }
}
