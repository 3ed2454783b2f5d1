package org.denali.ide.core.debug;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.resources.IResource;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.IMemoryBlockRetrievalExtension;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;

import org.denali.ide.core.gdb.GdbInspector;
import org.denali.ide.core.gdb.GdbMi;
import org.denali.ide.core.gdb.InspectionProxy;
import org.denali.ide.core.launch.KernelCommandLine;
import org.denali.ide.core.launch.RecordSettings;
import org.denali.ide.core.rsp.DenaliRspClient;
import org.denali.ide.core.rsp.RspConnection;
import org.denali.ide.core.rsp.RspEventListener;
import org.denali.ide.core.rsp.StopReply;

/**
 * The Denali kernel as a debug target, talking to its gdb stub (docs/debugging.md) over one RSP connection. VMs
 * are its threads ({@link DenaliThread}); commands go through {@link RunControl}, stop replies come back as debug
 * events through {@link StopEvents}. The kernel runs all-stop: when any VM stops, every VM is stopped.
 * <p>
 * Ending a session: Terminate ends the kernel (its process, or {@code k} for an attached kernel); Disconnect
 * ({@code D}) removes the breakpoints and lets the VMs run on without the debugger.
 */
public final class DenaliDebugTarget extends DenaliDebugElement
        implements IDebugTarget, IMemoryBlockRetrievalExtension, RspEventListener, IDebugEventSetListener {
    private final ILaunch launch;
    private final IProcess process;
    private final String name;
    private final DenaliRspClient client;
    private final GuestSymbols symbols;
    private final FrameUnwinder unwinder;
    private final ThreadList threads = new ThreadList(this);
    private final StopEvents events = new StopEvents(this);
    private final BreakpointInstaller breakpoints = new BreakpointInstaller(this);
    private final RegisterGroupsBuilder registerGroups;
    private final RunControl runControl;
    private volatile boolean running;
    private volatile boolean reverseSupported;
    private volatile boolean terminated;
    private volatile boolean disconnected;
    private volatile boolean disconnecting;
    private volatile TextProcess trace;
    private volatile VmConsoles vmConsoles;
    private final ValueHistory valueHistory = new ValueHistory();
    private volatile long stopCount;
    private GdbInspector inspector;
    private String inspectorProblem;
    private final LineResolution lineResolution = new LineResolution(this);

    /**
     * @param process the kernel's process when the launch started it, null when attached to a running kernel
     * @param name    what the Debug view shows for the kernel
     */
    public DenaliDebugTarget(ILaunch launch, IProcess process, String name, RspConnection connection,
            GuestSymbols symbols) {
        super(null);
        this.launch = launch;
        this.process = process;
        this.name = name;
        this.client = new DenaliRspClient(connection);
        this.symbols = symbols;
        this.unwinder = new FrameUnwinder(symbols);
        this.registerGroups = new RegisterGroupsBuilder(this);
        this.runControl = new RunControl(this, client, events);
    }

    @Override
    public IDebugTarget getDebugTarget() {
        return this;
    }

    /**
     * Negotiates the protocol, joins the launch and either resumes every VM (a kernel started with {@code --wait})
     * or shows them stopped where they are (attached: the stub stops all VMs on attach).
     */
    public void start(boolean resume, boolean traceProtocol) throws IOException {
        if (traceProtocol) {
            trace = new TextProcess(launch, "RSP trace (" + name + ")").start();
            TextProcess t = trace;
            client.connection().setTracer(new org.denali.ide.core.rsp.PacketTracer() {
                @Override
                public void sent(String payload) {
                    t.append("-> " + payload + "\n");
                }

                @Override
                public void received(String payload) {
                    t.append("<- " + payload + "\n");
                }
            });
        }
        client.connection().addListener(this);
        Map<String, String> features = client.qSupported();
        reverseSupported = "+".equals(features.get("ReverseStep")) && "+".equals(features.get("ReverseContinue"));
        if ("+".equals(features.get("QStartNoAckMode"))) {
            client.connection().startNoAckMode();
        }
        if (process != null) {
            vmConsoles = new VmConsoles(launch, symbols.file().getFileName().toString());
            vmConsoles.follow(process.getStreamsProxy().getOutputStreamMonitor());
        }
        DebugPlugin.getDefault().getBreakpointManager().addBreakpointListener(this);
        DebugPlugin.getDefault().addDebugEventListener(this);
        launch.addDebugTarget(this);
        fireCreationEvent();
        if (resume) {
            runControl.resumeAll();
        } else {
            String where = client.connection().request("?");
            events.stopped(StopReply.isStopReply(where) ? StopReply.parse(where) : null, false, null);
        }
    }

    /**
     * The port of the kernel's monitor channel ({@code --monitor}, recorded on the launch by the Denali Guest
     * delegate), or -1 when this kernel has none (an attached kernel started without it).
     */
    public int monitorPort() {
        String port = getLaunch().getAttribute(KernelCommandLine.MONITOR_PORT_ATTRIBUTE);
        try {
            return port == null ? -1 : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * True if this kernel can run backwards: its stub offers {@code bs}/{@code bc} ({@code ReverseStep+},
     * {@code ReverseContinue+}) and, for a kernel the IDE started, the launch records ({@link
     * RecordSettings#RECORD_FILE_ATTRIBUTE}); an attached kernel is taken at its stub's word.
     */
    public boolean canReverse() {
        return reverseSupported && (process == null
                || getLaunch().getAttribute(RecordSettings.RECORD_FILE_ATTRIBUTE) != null);
    }

    /**
     * Save Snapshot: the kernel writes its whole state (every VM, the LAN, the queues, the clock) to {@code file}
     * ({@code monitor snapshot save FILE}); {@code denali run … --restore FILE} goes on from there. Returns the
     * kernel's answer (size, instructions).
     */
    public String saveSnapshot(java.nio.file.Path file) throws DebugException {
        if (!isSuspended()) {
            throw failure("Save Snapshot: the kernel is running; suspend it first", null);
        }
        String answer;
        try {
            answer = client.monitor("snapshot save " + file.toAbsolutePath());
        } catch (IOException e) {
            throw failure("Save Snapshot: the kernel did not write " + file, e);
        }
        if (answer.startsWith("unknown monitor command")) {
            throw failure("Save Snapshot: this kernel cannot write snapshots (it has no 'monitor snapshot')", null);
        }
        if (!answer.contains("written to") || !java.nio.file.Files.isRegularFile(file)) {
            throw failure("Save Snapshot: the kernel did not write " + file + ": " + answer.strip(), null);
        }
        return answer.strip();
    }

    // ------------------------------------------------------------------ parts, for the model's other classes

    public DenaliRspClient client() {
        return client;
    }

    public GuestSymbols symbols() {
        return symbols;
    }

    FrameUnwinder unwinder() {
        return unwinder;
    }

    ThreadList threadList() {
        return threads;
    }

    RunControl runControl() {
        return runControl;
    }

    BreakpointInstaller breakpoints() {
        return breakpoints;
    }

    RegisterGroupsBuilder registerGroupsBuilder() {
        return registerGroups;
    }

    /** VM {@code vmId}'s memory for the unwinder and the stepper. */
    FrameUnwinder.Memory memoryOf(int vmId) {
        return (address, length) -> client.readMemory(vmId, address, length);
    }

    /** The thread of VM {@code vmId} (created on first use; it need not be in the current list). */
    public DenaliThread thread(int vmId) {
        return threads.thread(vmId);
    }

    /** Nanoseconds from the last instruction step request to its stop reply; -1 before the first step. */
    public long lastStepRoundTripNanos() {
        return runControl.lastStepNanos();
    }

    /** The console of VM {@code vmId} in the Console view, or null (attached, or it printed nothing yet). */
    public TextProcess vmConsole(int vmId) {
        VmConsoles consoles = vmConsoles;
        return consoles == null ? null : consoles.console(vmId);
    }

    /** The RSP trace console, or null when tracing is off. */
    public TextProcess protocolTrace() {
        return trace;
    }

    /** Why {@code breakpoint} is not installed in this kernel (no code at its line...), or null. */
    public String breakpointProblem(IBreakpoint breakpoint) {
        return breakpoints.problem(breakpoint);
    }

    IBreakpoint[] hitBreakpoints(StopReply reply, DenaliThread thread) {
        if (reply.reason() != StopReply.Reason.BREAKPOINT && reply.reason() != StopReply.Reason.WATCHPOINT) {
            return new IBreakpoint[0];
        }
        try {
            return breakpoints.hitBy(reply, thread.registers().eip());
        } catch (DebugException e) {
            return new IBreakpoint[0];
        }
    }

    void markRunning(boolean isRunning) {
        if (!isRunning) {
            stopCount++;
            valueHistory.nextStop();
        }
        running = isRunning;
    }

    ValueHistory valueHistory() {
        return valueHistory;
    }

    /** How many times the kernel stopped so far: what gdb has seen is valid for one stop. */
    public long stopCount() {
        return stopCount;
    }

    /**
     * gdb, showing {@code thread}'s VM at the current stop (started on first use; docs/debugging.md, "gdb as the
     * symbolic engine").
     */
    public GdbInspector inspector(DenaliThread thread) throws DebugException {
        GdbInspector gdb = inspectorOrNull(thread);
        if (gdb == null) {
            throw failure("gdb is not available: " + inspectorProblem, null);
        }
        return gdb;
    }

    /**
     * The code addresses of {@code line} in {@code file} as gdb resolves {@code break FILE:LINE}
     * ({@link LineResolution}); the image's line table when gdb cannot run.
     *
     * @throws IllegalArgumentException why the line has no code
     */
    List<Long> lineAddresses(IResource file, int line) {
        return lineResolution.addresses(file, line);
    }

    /** gdb on the image for symbol questions that need no VM (started on first use), or null without gdb. */
    synchronized GdbInspector symbolEngine() {
        if (inspectorProblem != null || terminated || disconnected) {
            return null;
        }
        try {
            return createdInspector();
        } catch (IOException e) {
            inspectorProblem = e.getMessage();
            RunControl.log(e);
            return null;
        }
    }

    private GdbInspector createdInspector() throws IOException {
        if (inspector == null) {
            inspector = new GdbInspector(symbols.file(), new InspectionProxy.Target() {
                @Override
                public String requestFor(int vm, String payload) throws IOException {
                    return client.requestFor(vm, payload);
                }

                @Override
                public String request(String payload) throws IOException {
                    return client.connection().request(payload);
                }
            });
        }
        return inspector;
    }

    /** As {@link #inspector}, or null when gdb cannot run (the reason is logged once). */
    synchronized GdbInspector inspectorOrNull(DenaliThread thread) {
        if (inspectorProblem != null || terminated || disconnected) {
            return null;
        }
        try {
            createdInspector();
            inspector.focus(thread.vmId(), stopCount);
            return inspector;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(GdbMi.CANNOT_RUN)) {
                inspectorProblem = e.getMessage(); // no gdb on this machine: frame-pointer frames from now on
                RunControl.log(e);
            }
            // otherwise (the kernel resumed while gdb looked): this stop's frames come from the unwinder
            return null;
        }
    }

    void breakpointsChanged() {
        runControl.breakpointsChanged();
    }

    // ------------------------------------------------------------------ the end of the session

    /** The connection closed: the kernel ended, was terminated, or we detached. */
    void connectionEnded() {
        synchronized (this) {
            if (terminated || disconnected) {
                return;
            }
            if (disconnecting) {
                disconnected = true;
            } else {
                terminated = true;
            }
        }
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpointListener(this);
        if (process == null || process.isTerminated()) {
            DebugPlugin.getDefault().removeDebugEventListener(this);
        } // else: still listening for the kernel's end, to close the VM consoles with it
        runControl.dispose();
        synchronized (this) {
            if (inspector != null) {
                inspector.close();
            }
        }
        client.connection().close();
        if (trace != null) {
            trace.terminate();
        }
        events.terminated();
    }

    /** Every VM ended ({@code W}) or the kernel was killed ({@code X}). */
    void guestsEnded(StopReply reply) {
        connectionEnded();
    }

    @Override
    public void stopped(StopReply reply) {
        // run control consumes stop replies; the target only watches for the end of the connection
    }

    @Override
    public void disconnected(String reason) {
        connectionEnded();
    }

    @Override
    public void handleDebugEvents(DebugEvent[] debugEvents) {
        for (DebugEvent e : debugEvents) {
            if (e.getKind() == DebugEvent.TERMINATE && e.getSource() == process && process != null) {
                DebugPlugin.getDefault().removeDebugEventListener(this);
                connectionEnded();
                if (vmConsoles != null) {
                    vmConsoles.close();
                }
            }
        }
    }

    // ------------------------------------------------------------------ IDebugTarget

    @Override
    public IProcess getProcess() {
        return process;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public IThread[] getThreads() {
        if (terminated || disconnected) {
            return new IThread[0];
        }
        return threads.threads(client);
    }

    @Override
    public boolean hasThreads() {
        return !terminated && !disconnected;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean supportsBreakpoint(IBreakpoint breakpoint) {
        return DenaliDebugModel.ID.equals(breakpoint.getModelIdentifier());
    }

    @Override
    public boolean canTerminate() {
        return !terminated && !disconnected;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public void terminate() throws DebugException {
        if (!canTerminate()) {
            return;
        }
        if (process != null) {
            process.terminate(); // the kernel ends, its socket closes, connectionEnded follows
            connectionEnded();
            return;
        }
        runControl.suspend();
        runControl.submitLast(() -> {
            client.kill();
            connectionEnded();
        });
    }

    @Override
    public boolean canResume() {
        return isSuspended();
    }

    @Override
    public boolean canSuspend() {
        return running && !terminated && !disconnected;
    }

    @Override
    public boolean isSuspended() {
        return !running && !terminated && !disconnected && !client.connection().isRunning();
    }

    @Override
    public void resume() throws DebugException {
        runControl.resumeAll();
    }

    @Override
    public void suspend() throws DebugException {
        runControl.suspend();
    }

    @Override
    public void breakpointAdded(IBreakpoint breakpoint) {
        breakpoints.breakpointAdded(breakpoint);
    }

    @Override
    public void breakpointRemoved(IBreakpoint breakpoint, IMarkerDelta delta) {
        breakpoints.breakpointRemoved(breakpoint, delta);
    }

    @Override
    public void breakpointChanged(IBreakpoint breakpoint, IMarkerDelta delta) {
        breakpoints.breakpointChanged(breakpoint, delta);
    }

    @Override
    public boolean canDisconnect() {
        return !terminated && !disconnected;
    }

    @Override
    public void disconnect() throws DebugException {
        if (!canDisconnect()) {
            return;
        }
        disconnecting = true;
        runControl.suspend();
        runControl.submitLast(() -> {
            client.detach();
            connectionEnded();
        });
    }

    @Override
    public boolean isDisconnected() {
        return disconnected;
    }

    // ------------------------------------------------------------------ memory

    @Override
    public boolean supportsStorageRetrieval() {
        return true;
    }

    @Override
    public IMemoryBlock getMemoryBlock(long startAddress, long length) throws DebugException {
        DenaliThread thread = contextThread(null);
        return new DenaliMemoryBlock(this, thread, String.format("0x%x", startAddress), (int) startAddress,
                length);
    }

    @Override
    public IMemoryBlockExtension getExtendedMemoryBlock(String expression, Object context) throws DebugException {
        DenaliThread thread = contextThread(context);
        int address;
        try {
            address = AddressExpression.resolve(expression, symbols, register -> {
                try {
                    return thread.registers().get(register);
                } catch (DebugException | IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + expression + "': no register " + register);
                }
            });
        } catch (IllegalArgumentException e) {
            address = addressFromGdb(expression, context, thread, e.getMessage());
        }
        return new DenaliMemoryBlock(this, thread, expression, address, DenaliMemoryBlock.DEFAULT_LENGTH);
    }

    /**
     * Any other C expression ({@code &queue[1]}, {@code req->path}, {@code buf + 4}) is evaluated by gdb in the
     * selected frame: its value is the address.
     */
    private int addressFromGdb(String expression, Object context, DenaliThread thread, String ownProblem)
            throws DebugException {
        GdbInspector gdb = inspectorOrNull(thread);
        if (gdb == null) {
            throw failure(ownProblem, null);
        }
        int level = context instanceof DenaliStackFrame f ? f.depth() : 0;
        try {
            return (int) Long.parseLong(gdb.evaluate("(unsigned) (" + expression + ")", level).trim());
        } catch (IOException | NumberFormatException e) {
            throw failure("'" + expression + "' is no address: " + e.getMessage(), null);
        }
    }

    /** gdb showing VM {@code vmId} at a breakpoint hit the user does not see yet (a condition to evaluate). */
    GdbInspector inspectorForCondition(int vmId) {
        stateWritten(); // the VM moved since gdb last looked, without a stop the model counted
        return inspectorOrNull(thread(vmId));
    }

    /**
     * What the Debug view shows for a VM held at a fault: the kernel's one-line summary ({@code qDenali:fault:VM}:
     * vector, EIP, address, instruction), or the signal when the kernel has no fault report for it.
     */
    String faultSummary(int vmId, StopReply reply) {
        try {
            String json = client.denaliQuery("fault:" + Integer.toHexString(vmId));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"summary\":\"((?:[^\"\\\\]|\\\\.)*)\"")
                    .matcher(json);
            if (m.find()) {
                String summary = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
                return "fault: " + summary.replaceFirst("^VM \\d+ faulted: ", "");
            }
        } catch (IOException e) {
            // a kernel without fault reports: the signal says enough
        }
        return "fault (signal " + reply.signal() + ")";
    }

    /** The IDE wrote memory or registers itself: gdb reads them again. */
    void stateWritten() {
        GdbInspector gdb;
        synchronized (this) {
            gdb = inspector;
        }
        if (gdb != null) {
            gdb.invalidate();
        }
    }

    /** The VM a memory request means: the selected thread or frame's, else the first VM. */
    private DenaliThread contextThread(Object context) throws DebugException {
        if (context instanceof DenaliStackFrame f) {
            return f.denaliThread();
        }
        if (context instanceof DenaliThread t) {
            return t;
        }
        if (context instanceof IDebugElement && threads.lastStopped() != null) {
            return threads.lastStopped();
        }
        IThread[] all = getThreads();
        if (all.length == 0) {
            throw failure("The kernel has no VM whose memory could be shown", null);
        }
        return (DenaliThread) all[0];
    }
}
