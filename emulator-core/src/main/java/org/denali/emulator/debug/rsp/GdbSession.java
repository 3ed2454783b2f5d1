package org.denali.emulator.debug.rsp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.denali.emulator.debug.CpuRegisters;
import org.denali.emulator.debug.DebugEvent;
import org.denali.emulator.debug.DebugException;
import org.denali.emulator.debug.DebugListener;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.history.HistoryException;
import org.denali.emulator.debug.history.ReverseCommands;
import org.denali.emulator.debug.StopCause;
import org.denali.emulator.debug.StopMode;
import org.denali.emulator.debug.VirtualRegister;
import org.denali.emulator.debug.VmInfo;
import org.denali.emulator.debug.WatchKind;
import org.denali.emulator.debug.Watchpoint;
import org.denali.emulator.kernel.VmExit;
import org.denali.emulator.kernel.VmState;

/**
 * One gdb client, all-stop by default: whenever gdb is in control every VM is stopped. Requests are answered
 * synchronously; resumes (c, s, vCont) answer with the stop reply once some VM stops, the client interrupts (0x03)
 * or every VM has ended. With {@code QNonStop:1} (gdb's {@code set non-stop on}) each VM runs and stops on its
 * own: resumes answer OK at once, stops arrive as {@code %Stop} notifications drained with {@code vStopped}, and
 * {@code vCont;t} stops one VM. VMs are gdb threads. Breakpoints and watchpoints are process-wide in gdb, so they go into every VM.
 * Any malformed request gets an error reply ("E01") or an empty reply (unsupported); nothing here throws out.
 */
final class GdbSession {
    private static final String E_ARGS = "E01";
    private static final String E_STATE = "E02";
    private static final String E_FAULT = "E0e";
    private static final long STOP_SETTLE_MILLIS = 5_000;

    private final KernelDebugger debugger;
    private final PacketChannel channel;
    private final MonitorCommands monitor;
    /** Moves through the recorded history ({@code --gdb --record}), or null when the run is not recorded. */
    private final ReverseCommands reverse;
    private final DenaliQueries queries;
    private final LinkedBlockingQueue<DebugEvent> events = new LinkedBlockingQueue<>();
    private final DebugListener listener = events::add;
    private final Set<Integer> breakpoints = new LinkedHashSet<>();
    private final Set<Watchpoint> watchpoints = new LinkedHashSet<>();
    private final PendingStops pendingStops = new PendingStops();
    /** Run control in gdb's non-stop mode; null in all-stop mode. */
    private NonStopRunControl nonStop;
    private int generalThread;
    private VmExit lastExit;
    private boolean ended;
    /** A reply is owed, e.g. a resume waits for a stop (the server lets it send the exit reply before closing). */
    private volatile boolean awaitingStop;

    GdbSession(KernelDebugger debugger, PacketChannel channel) {
        this.debugger = debugger;
        this.channel = channel;
        this.reverse = ReverseCommands.of(debugger);
        this.monitor = new MonitorCommands(debugger, reverse);
        this.queries = new DenaliQueries(debugger);
    }

    /** Serves the client until it detaches, kills or disconnects. */
    void serve() throws InterruptedException {
        debugger.addListener(listener);
        debugger.attach();
        debugger.suspendAll();
        debugger.awaitAllStopped(STOP_SETTLE_MILLIS);
        generalThread = firstThread();
        try {
            while (!ended) {
                // non-stop: stops are reported while gdb sends requests, so look at the events between packets
                Incoming in = nonStop != null ? channel.poll(5) : channel.take();
                if (nonStop != null) {
                    reportNonStopEvents();
                }
                if (in instanceof Incoming.Closed) {
                    break;
                }
                if (in instanceof Incoming.Interrupt && nonStop != null) {
                    nonStop.interrupt();
                }
                if (in instanceof Incoming.Packet packet) {
                    // a reply is owed from now on: a resume may end the kernel before awaitStop is even reached,
                    // and the server must then still wait for this reply (W / X) before it closes the connection
                    awaitingStop = true;
                    String reply = handleSafely(packet.payload());
                    if (reply != null) {
                        send(reply);
                    }
                    awaitingStop = false;
                }
            }
        } finally {
            debugger.setStopMode(StopMode.ALL_STOP); // the next client starts in gdb's default mode
            debugger.removeListener(listener);
            if (debugger.isAttached()) {
                debugger.detach();
            }
        }
    }

    private String handleSafely(String packet) throws InterruptedException {
        try {
            return handle(packet);
        } catch (DebugException e) {
            return E_STATE;
        } catch (RuntimeException e) {
            // A request we failed to anticipate: answer it with an error rather than drop the client or the kernel.
            return E_ARGS;
        }
    }

    /** The reply to one request, or null if nothing is to be sent (k, or the connection closed). */
    String handle(String p) throws InterruptedException {
        if (p.isEmpty()) {
            return "";
        }
        String args = p.substring(1);
        return switch (p.charAt(0)) {
            case '?' -> currentStopReply();
            case 'g' -> RegisterLayout.encodeCore(debugger.registers(generalVm()));
            case 'G' -> writeAllRegisters(args);
            case 'p' -> readRegister(args);
            case 'P' -> writeRegister(args);
            case 'm' -> readMemory(args);
            case 'M' -> writeMemory(args, true);
            case 'X' -> writeMemory(args, false);
            case 'c', 'C' -> resume(List.of(new ResumeAction('c', ResumeAction.ALL)));
            case 'b' -> reverse(args);
            case 's', 'S' -> resume(nonStop != null ? List.of(new ResumeAction('s', generalThread))
                : List.of(new ResumeAction('s', generalThread), new ResumeAction('t', ResumeAction.ALL)));
            case 'H' -> selectThread(args);
            case 'T' -> threadAlive(args);
            case 'Z' -> breakpoint(args, true);
            case 'z' -> breakpoint(args, false);
            case 'D' -> detach();
            case 'k' -> kill(false);
            case 'q' -> query(p);
            case 'Q' -> set(p);
            case 'v' -> verbose(p);
            default -> "";
        };
    }

    // ------------------------------------------------------------------ run control

    private String resume(List<ResumeAction> actions) throws InterruptedException {
        if (nonStop != null) {
            return nonStop.resume(actions, liveVms());
        }
        if (!debugger.anyAlive()) {
            return StopReplies.exited(finalExit());
        }
        events.clear();
        channel.takeInterrupt();
        Set<Integer> resumed = resumedBy(actions);
        if (reverse != null) {
            String replayed = forwardInHistory(actions, resumed);
            if (replayed != null) {
                return replayed;
            }
            reverse.history().resumed();
        }
        int pending = pendingStops.take(resumed, this::stillStands);
        if (pending >= 0) {
            // Every VM is still stopped: report the stop gdb has not seen, as if it happened right now.
            generalThread = pending;
            return StopReplies.stopped(pending, debugger.vm(pending).lastStop());
        }
        for (int vm : resumed) {
            if (ResumeAction.forThread(actions, vm).kind() == 's') {
                debugger.step(vm);
            } else {
                debugger.resume(vm);
            }
        }
        return awaitStop(resumed);
    }

    /**
     * A resume while the kernel stands in the past follows the recorded history: a step goes to the stepped VM's
     * next instruction as recorded, a continue to the first breakpoint or watchpoint hit. Null once the history's
     * end is reached (or the kernel is live): the resume then goes on live.
     */
    private String forwardInHistory(List<ResumeAction> actions, Set<Integer> resumed) throws InterruptedException {
        if (!reverse.history().inPast()) {
            return null;
        }
        Integer stepped = resumed.stream().filter(vm -> ResumeAction.forThread(actions, vm).kind() == 's')
            .findFirst().orElse(null);
        ReverseCommands.Stop stop;
        try {
            stop = stepped != null ? reverse.stepForward(stepped) : reverse.continueForward();
        } catch (HistoryException | DebugException e) {
            return "E." + e.getMessage();
        }
        if (stop == null) {
            return null;
        }
        pendingStops.clear();
        generalThread = stop.vm();
        return StopReplies.stopped(stop.vm(), stop.cause());
    }

    /** {@code bs} / {@code bc}: one instruction back, or back to the last breakpoint or watchpoint hit. */
    private String reverse(String args) throws InterruptedException {
        if (reverse == null) {
            return "E.reverse execution needs a recorded run: denali run ... --gdb PORT --record FILE --deterministic";
        }
        if (nonStop != null) {
            return "E.reverse execution works in all-stop mode only";
        }
        if (!args.equals("s") && !args.equals("c")) {
            return "";
        }
        if (!debugger.anyAlive()) {
            return StopReplies.exited(finalExit());
        }
        int vm = generalThreadOrFirst();
        ReverseCommands.Stop stop;
        try {
            stop = args.equals("s") ? reverse.stepBack(vm) : reverse.continueBack(vm);
        } catch (HistoryException | DebugException e) {
            return "E." + e.getMessage();
        }
        pendingStops.clear();
        generalThread = stop.vm();
        if (stop.atBeginning()) {
            return String.format("T%02xreplaylog:begin;thread:%x;", StopReplies.SIGTRAP, stop.vm());
        }
        return StopReplies.stopped(stop.vm(), stop.cause());
    }

    /**
     * The live VMs {@code actions} run. Only a default action ("every other thread") that is not 't' needs the
     * list of every VM; a step of one VM ({@code vCont;s:N}, {@code s} after {@code Hc}) looks at that VM alone.
     */
    private Set<Integer> resumedBy(List<ResumeAction> actions) {
        Set<Integer> resumed = new LinkedHashSet<>();
        boolean allRun = actions.stream().anyMatch(a -> a.thread() == ResumeAction.ALL && a.kind() != 't');
        if (allRun) {
            for (VmInfo vm : liveVms()) {
                ResumeAction action = ResumeAction.forThread(actions, vm.id());
                if (action != null && action.kind() != 't') {
                    resumed.add(vm.id());
                }
            }
            return resumed;
        }
        for (ResumeAction a : actions) {
            if (a.thread() != ResumeAction.ALL && ResumeAction.forThread(actions, a.thread()).kind() != 't'
                    && debugger.isAlive(a.thread())) {
                resumed.add(a.thread());
            }
        }
        return resumed;
    }

    /** A stop gdb has not seen is still worth reporting: its breakpoint/watchpoint is there and EIP unchanged. */
    private boolean stillStands(int vm, StopCause cause) {
        if (cause.kind() == StopCause.Kind.BREAKPOINT) {
            return breakpoints.contains(cause.address()) && debugger.registers(vm).eip() == cause.address();
        }
        return watchStopStands(cause, watchpoints);
    }

    /**
     * Whether a watchpoint stop still stands for the inserted {@code watchpoints}: one of the same kind covers its
     * address (a write that hit {@code watch x} does not stand for an {@code rwatch x} inserted since).
     */
    static boolean watchStopStands(StopCause cause, Collection<Watchpoint> watchpoints) {
        return watchpoints.stream().anyMatch(w -> w.kind() == cause.watch()
            && Integer.compareUnsigned(cause.address(), w.address()) >= 0
            && Integer.toUnsignedLong(cause.address()) < Integer.toUnsignedLong(w.address()) + w.length());
    }

    /**
     * Waits for a stop of one of the {@code resumed} VMs (or an interrupt, or the end). Stop events are posted
     * after the VM's state changed, so one from before this resume can still arrive now: a VM held with 't' that
     * hit a breakpoint just as the previous stop suspended everything. Only a VM this resume ran can have stopped
     * since; anything else is stale (PendingStops decided about it already).
     */
    private String awaitStop(Set<Integer> resumed) throws InterruptedException {
        awaitingStop = true; // until the reply is sent (serve)
        return awaitStopUntilSomethingHappens(resumed);
    }

    boolean awaitingStop() {
        return awaitingStop;
    }

    private String awaitStopUntilSomethingHappens(Set<Integer> resumed) throws InterruptedException {
        while (true) {
            if (channel.takeInterrupt()) {
                debugger.suspendAll();
                debugger.awaitAllStopped(STOP_SETTLE_MILLIS);
                pendingStops.clear();
                return stopReplyFor(generalThreadOrFirst());
            }
            Incoming closed = channel.poll(0);
            if (closed instanceof Incoming.Closed) {
                ended = true;
                return null;
            }
            // (anything else gdb sends while the target runs would be a protocol error; it was consumed above)
            DebugEvent event = events.poll(10, TimeUnit.MILLISECONDS);
            if (event instanceof DebugEvent.VmStopped stop && resumed.contains(stop.vmId())
                    && stop.cause().kind() != StopCause.Kind.SUSPENDED
                    && stop.cause().equals(debugger.vm(stop.vmId()).lastStop())) {
                debugger.suspendAll();
                debugger.awaitAllStopped(STOP_SETTLE_MILLIS);
                generalThread = stop.vmId();
                // Only a VM this resume ran, or one whose stop is still pending, can hold a stop of its own.
                Set<Integer> candidates = new LinkedHashSet<>(resumed);
                candidates.addAll(pendingStops.vms());
                pendingStops.collect(stop.vmId(), candidates.stream().map(debugger::vm).toList());
                return StopReplies.stopped(stop.vmId(), stop.cause());
            }
            if (event instanceof DebugEvent.VmEnded end) {
                lastExit = end.exit();
            }
            if (event instanceof DebugEvent.KernelEnded || !debugger.anyAlive()) {
                return StopReplies.exited(finalExit());
            }
            if (event instanceof DebugEvent.VmEnded && resumed.stream().noneMatch(debugger::isAlive)) {
                // Every VM this resume ran has ended (a step delivered a held fault) while the others stay held:
                // nothing would ever stop, so report the others' (suspended) stop instead of waiting forever.
                debugger.suspendAll();
                debugger.awaitAllStopped(STOP_SETTLE_MILLIS);
                pendingStops.clear();
                return stopReplyFor(liveVms().get(0).id());
            }
        }
    }

    /**
     * How the last VM ended. The VmEnded event trails the VM's state by a moment (and never comes for VMs a kernel
     * shutdown ended), so once every VM has ended this takes it from the VMs themselves: the exit of the VM that
     * ended last as far as the events tell, else of the last VM listed.
     */
    private VmExit finalExit() {
        for (DebugEvent e : events) {
            if (e instanceof DebugEvent.VmEnded end) {
                lastExit = end.exit();
            }
        }
        if (lastExit != null) {
            return lastExit;
        }
        List<VmInfo> all = debugger.vms();
        return all.isEmpty() ? null : all.get(all.size() - 1).exit();
    }

    private String currentStopReply() {
        if (nonStop != null) {
            return liveVms().isEmpty() ? StopReplies.exited(finalExit()) : nonStop.status(threads());
        }
        if (!debugger.anyAlive()) {
            return StopReplies.exited(finalExit());
        }
        return stopReplyFor(generalThreadOrFirst());
    }

    private String stopReplyFor(int vm) {
        StopCause cause = debugger.vm(vm).lastStop();
        if (cause == null || cause.kind() == StopCause.Kind.SUSPENDED) {
            // A stop the client asked for (attach, Ctrl-C): what gdb expects is SIGINT after an interrupt, and
            // on attach it simply shows the location.
            return String.format("T%02xthread:%x;", StopReplies.SIGINT, vm);
        }
        return StopReplies.stopped(vm, cause);
    }

    // ------------------------------------------------------------------ non-stop run control

    /** QNonStop:1 / QNonStop:0. Leaving non-stop stops every VM: in all-stop, gdb is in control only then. */
    private String setNonStop(boolean on) throws InterruptedException {
        events.clear();
        if (on) {
            debugger.setStopMode(StopMode.NON_STOP);
            nonStop = new NonStopRunControl(debugger);
            nonStop.enter(generalThreadOrFirst(), liveVms());
            return "OK";
        }
        debugger.setStopMode(StopMode.ALL_STOP);
        if (nonStop != null) {
            liveVms().stream().filter(vm -> !vm.stopped()).forEach(vm -> debugger.suspend(vm.id()));
            debugger.awaitAllStopped(STOP_SETTLE_MILLIS);
            nonStop = null;
        }
        return "OK";
    }

    private void reportNonStopEvents() {
        try {
            nonStop.report(events, !liveVms().isEmpty(), reply -> channel.sendNotification("Stop:" + reply));
        } catch (IOException e) {
            ended = true;
        }
    }

    private String detach() {
        debugger.setStopMode(StopMode.ALL_STOP); // before the reply: the next client may connect at once
        debugger.detach();
        ended = true;
        return "OK";
    }

    private String kill(boolean reply) {
        debugger.detach();
        debugger.kernel().shutdown();
        ended = true;
        return reply ? "OK" : null;
    }

    // ------------------------------------------------------------------ threads

    private String selectThread(String args) {
        if (args.isEmpty() || (args.charAt(0) != 'g' && args.charAt(0) != 'c')) {
            return E_ARGS;
        }
        int thread = ThreadIds.parse(args.substring(1));
        if (thread == ThreadIds.INVALID) {
            return E_ARGS;
        }
        if (thread == ThreadIds.ALL || thread == ThreadIds.ANY) {
            return "OK";
        }
        if (!isThread(thread)) {
            return E_ARGS;
        }
        if (args.charAt(0) == 'g') {
            generalThread = thread;
        }
        return "OK";
    }

    private String threadAlive(String args) {
        int thread = ThreadIds.parse(args);
        return thread > 0 && isThread(thread) ? "OK" : E_ARGS;
    }

    /** gdb threads: live VMs, plus faulted ones so their last registers can be inspected. */
    private List<VmInfo> threads() {
        return debugger.vms().stream().filter(vm -> vm.state() != VmState.ENDED
            || vm.lastStop() != null && vm.lastStop().kind() == StopCause.Kind.FAULTED).toList();
    }

    private List<VmInfo> liveVms() {
        return debugger.vms().stream().filter(vm -> vm.state() != VmState.ENDED).toList();
    }

    /** A live VM, or an ended one that faulted (as {@link #threads()}); O(1), asked for every register read. */
    private boolean isThread(int id) {
        if (debugger.isAlive(id)) {
            return true;
        }
        try {
            StopCause last = debugger.vm(id).lastStop();
            return last != null && last.kind() == StopCause.Kind.FAULTED;
        } catch (DebugException e) {
            return false; // no such VM
        }
    }

    private int firstThread() {
        List<VmInfo> t = threads();
        return t.isEmpty() ? 1 : t.get(0).id();
    }

    private int generalThreadOrFirst() {
        return isThread(generalThread) ? generalThread : firstThread();
    }

    private int generalVm() {
        return generalThreadOrFirst();
    }

    private String threadsXml() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<threads>\n");
        for (VmInfo vm : threads()) {
            sb.append(String.format("<thread id=\"%x\" name=\"%s\">%s</thread>%n", vm.id(), xmlEscape(vm.name()),
                xmlEscape(extraInfo(vm))));
        }
        return sb.append("</threads>\n").toString();
    }

    private static String extraInfo(VmInfo vm) {
        String state = vm.state().name().toLowerCase();
        return vm.lastStop() != null ? state + ", " + vm.lastStop() : state;
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ------------------------------------------------------------------ registers and memory

    private String writeAllRegisters(String hex) {
        int vm = generalVm();
        CpuRegisters updated = RegisterLayout.decodeCore(hex, debugger.registers(vm));
        if (updated == null) {
            return E_ARGS;
        }
        debugger.setRegisters(vm, updated);
        return "OK";
    }

    private String readRegister(String args) {
        long number = Hex.number(args);
        int size = RegisterLayout.size((int) Math.min(number, Integer.MAX_VALUE));
        if (number < 0 || size < 0) {
            return E_ARGS;
        }
        int n = (int) number;
        if (n >= RegisterLayout.FIRST_VIRTUAL) {
            VirtualRegister v = VirtualRegister.ALL.get(n - RegisterLayout.FIRST_VIRTUAL);
            return Hex.littleEndian(debugger.readVirtualRegister(generalVm(), v), size);
        }
        return Hex.littleEndian(RegisterLayout.coreValue(debugger.registers(generalVm()), n), size);
    }

    private String writeRegister(String args) {
        int eq = args.indexOf('=');
        if (eq < 0) {
            return E_ARGS;
        }
        long number = Hex.number(args.substring(0, eq));
        int size = RegisterLayout.size((int) Math.min(number, Integer.MAX_VALUE));
        if (number < 0 || size < 0) {
            return E_ARGS;
        }
        Long value = Hex.parseLittleEndian(args, eq + 1, size);
        if (value == null || args.length() != eq + 1 + size * 2) {
            return E_ARGS;
        }
        int n = (int) number;
        int vm = generalVm();
        if (n >= RegisterLayout.FIRST_VIRTUAL) {
            debugger.writeVirtualRegister(vm, VirtualRegister.ALL.get(n - RegisterLayout.FIRST_VIRTUAL), value);
        } else {
            debugger.setRegisters(vm, RegisterLayout.withCore(debugger.registers(vm), n, value.intValue()));
        }
        return "OK";
    }

    private String readMemory(String args) {
        long[] range = addressAndLength(args);
        if (range == null || range[1] > PacketChannel.MAX_PACKET / 2) {
            return E_ARGS;
        }
        try {
            return Hex.of(debugger.readMemory(generalVm(), (int) range[0], (int) range[1]));
        } catch (DebugException e) {
            return E_FAULT;
        }
    }

    /** M (hex data) and X (binary data, already unescaped by the channel). */
    private String writeMemory(String args, boolean hex) {
        int colon = args.indexOf(':');
        if (colon < 0) {
            return E_ARGS;
        }
        long[] range = addressAndLength(args.substring(0, colon));
        if (range == null) {
            return E_ARGS;
        }
        String data = args.substring(colon + 1);
        byte[] bytes = hex ? Hex.bytes(data) : data.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes == null || bytes.length != range[1]) {
            return E_ARGS;
        }
        if (bytes.length == 0) {
            return "OK"; // gdb probes X support with a zero-length write
        }
        try {
            debugger.writeMemory(generalVm(), (int) range[0], bytes);
            return "OK";
        } catch (DebugException e) {
            return E_FAULT;
        }
    }

    /** "addr,length" in hex; null if malformed or the address is not 32-bit. */
    private static long[] addressAndLength(String text) {
        int comma = text.indexOf(',');
        if (comma < 0) {
            return null;
        }
        long address = Hex.number(text.substring(0, comma));
        long length = Hex.number(text.substring(comma + 1));
        if (address < 0 || address > 0xFFFF_FFFFL || length < 0 || length > PacketChannel.MAX_PACKET) {
            return null;
        }
        return new long[] {address, length};
    }

    // ------------------------------------------------------------------ breakpoints

    private String breakpoint(String args, boolean insert) {
        String[] parts = args.split(",", -1);
        if (parts.length < 3) {
            return E_ARGS;
        }
        long type = Hex.number(parts[0]);
        long address = Hex.number(parts[1]);
        long kind = Hex.number(parts[2].split(";")[0]);
        if (type < 0 || type > 4 || address < 0 || address > 0xFFFF_FFFFL || kind <= 0 || kind > 4096) {
            return type > 4 ? "" : E_ARGS;
        }
        int at = (int) address;
        if (type <= 1) {
            try {
                if (insert) {
                    debugger.insertBreakpointInEveryVm(at);
                } else {
                    debugger.removeBreakpointFromEveryVm(at);
                }
            } catch (DebugException outsideMemory) {
                return E_FAULT; // as gdbserver answers a breakpoint it cannot write
            }
            if (insert) {
                breakpoints.add(at);
            } else {
                breakpoints.remove(at);
            }
            return "OK";
        }
        WatchKind watchKind = type == 2 ? WatchKind.WRITE : type == 3 ? WatchKind.READ : WatchKind.ACCESS;
        Watchpoint w = new Watchpoint(at, (int) kind, watchKind);
        for (VmInfo vm : liveVms()) {
            if (insert) {
                debugger.insertWatchpoint(vm.id(), w);
            } else {
                debugger.removeWatchpoint(vm.id(), w);
            }
        }
        if (insert) {
            watchpoints.add(w);
        } else {
            watchpoints.remove(w);
        }
        return "OK";
    }

    // ------------------------------------------------------------------ queries

    private String query(String p) {
        if (p.startsWith("qSupported")) {
            return "PacketSize=" + Integer.toHexString(PacketChannel.MAX_PACKET)
                + ";QStartNoAckMode+;qXfer:features:read+;qXfer:threads:read+;swbreak+;hwbreak+;vContSupported+"
                + ";QNonStop+" + (reverse != null ? ";ReverseStep+;ReverseContinue+" : "");
        }
        if (p.equals("qAttached") || p.startsWith("qAttached:")) {
            return "1";
        }
        if (p.equals("qC")) {
            return "QC" + Integer.toHexString(generalThreadOrFirst());
        }
        if (p.equals("qfThreadInfo")) {
            StringBuilder sb = new StringBuilder("m");
            for (VmInfo vm : threads()) {
                sb.append(sb.length() > 1 ? "," : "").append(Integer.toHexString(vm.id()));
            }
            return sb.length() > 1 ? sb.toString() : "l";
        }
        if (p.equals("qsThreadInfo")) {
            return "l";
        }
        if (p.startsWith("qThreadExtraInfo,")) {
            int thread = ThreadIds.parse(p.substring("qThreadExtraInfo,".length()));
            if (thread <= 0 || !isThread(thread)) {
                return E_ARGS;
            }
            VmInfo vm = debugger.vm(thread);
            return Hex.of(vm.name() + ": " + extraInfo(vm));
        }
        if (p.startsWith("qXfer:features:read:")) {
            return xfer(p.substring("qXfer:features:read:".length()), "target.xml", TargetDescription.xml());
        }
        if (p.startsWith("qXfer:threads:read:")) {
            return xfer(p.substring("qXfer:threads:read:".length()), "", threadsXml());
        }
        if (p.startsWith("qRcmd,")) {
            byte[] command = Hex.bytes(p.substring("qRcmd,".length()));
            if (command == null) {
                return E_ARGS;
            }
            String output = monitor.run(new String(command, StandardCharsets.UTF_8), generalThreadOrFirst());
            return output.isEmpty() ? "OK" : Hex.of(output);
        }
        if (p.startsWith("qDenali:")) {
            String json = queries.answer(p.substring("qDenali:".length()));
            return json == null ? E_ARGS : json;
        }
        if (p.equals("qOffsets")) {
            return "Text=0;Data=0;Bss=0";
        }
        if (p.startsWith("qSymbol")) {
            return "OK";
        }
        return "";
    }

    /** "ANNEX:OFFSET,LENGTH" → "m"/"l" + the slice. */
    private static String xfer(String request, String annex, String document) {
        int colon = request.indexOf(':');
        if (colon < 0 || !request.substring(0, colon).equals(annex)) {
            return "E00";
        }
        long[] range = addressAndLength(request.substring(colon + 1));
        if (range == null) {
            return E_ARGS;
        }
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        int offset = (int) Math.min(range[0], bytes.length);
        int end = (int) Math.min(bytes.length, offset + range[1]);
        String slice = new String(bytes, offset, end - offset, StandardCharsets.ISO_8859_1);
        return (end >= bytes.length ? "l" : "m") + slice;
    }

    private String set(String p) throws InterruptedException {
        if (p.equals("QStartNoAckMode")) {
            return "OK!noack";
        }
        if (p.equals("QNonStop:1") || p.equals("QNonStop:0")) {
            return setNonStop(p.endsWith("1"));
        }
        return "";
    }

    private String verbose(String p) throws InterruptedException {
        if (p.equals("vCont?")) {
            return "vCont;c;C;s;S;t";
        }
        if (p.startsWith("vCont;")) {
            List<ResumeAction> actions = ResumeAction.parseVCont(p.substring("vCont;".length()));
            if (actions == null || !namesOnlyLiveThreads(actions)) {
                return E_ARGS; // resuming a thread that does not exist would wait for a stop that never comes
            }
            return resume(actions);
        }
        if (p.equals("vStopped")) {
            return nonStop != null ? nonStop.acknowledge() : "";
        }
        if (p.startsWith("vKill")) {
            return kill(true);
        }
        return ""; // vMustReplyEmpty, vFile, vRun... are not supported
    }

    /** Every action names all threads or a VM that is alive (0, "any thread", is not a VM). */
    private boolean namesOnlyLiveThreads(List<ResumeAction> actions) {
        return actions.stream().allMatch(a -> a.thread() == ResumeAction.ALL || debugger.isAlive(a.thread()));
    }

    private void send(String reply) {
        boolean noAck = reply.equals("OK!noack");
        try {
            channel.send(noAck ? "OK" : reply);
        } catch (IOException e) {
            ended = true;
        }
        if (noAck) {
            channel.disableAcks();
        }
    }
}
