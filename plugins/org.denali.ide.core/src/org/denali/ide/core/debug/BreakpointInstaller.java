package org.denali.ide.core.debug;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointListener;
import org.eclipse.debug.core.IBreakpointManager;
import org.eclipse.debug.core.model.IBreakpoint;

import org.denali.emulator.elf.ElfSymbol;
import org.denali.ide.core.rsp.DenaliRspClient;
import org.denali.ide.core.rsp.DenaliRspClient.WatchType;
import org.denali.ide.core.rsp.StopReply;

/**
 * Keeps the stub's breakpoints and watchpoints equal to the platform's enabled Denali breakpoints plus the
 * run control's temporary ones. Like gdb it inserts lazily: a change only marks the set dirty, and
 * {@link #apply} (called by the run control before every resume) sends the {@code Z}/{@code z} difference.
 * Several breakpoints on one address (two lines resolving to one instruction, a step's temporary breakpoint on a
 * user's) share one {@code Z0}.
 */
final class BreakpointInstaller implements IBreakpointListener {
    // The target registers itself with the breakpoint manager (IDebugTarget is a breakpoint listener) and forwards.
    /** What the stub is asked to hold: a code address ({@code type == null}) or a watched range. */
    record Installation(WatchType type, int address, int length) {
        static Installation code(int address) {
            return new Installation(null, address, 1);
        }

        boolean covers(int a) {
            long start = Integer.toUnsignedLong(address);
            long x = Integer.toUnsignedLong(a);
            return x >= start && x < start + length;
        }
    }

    private final DenaliDebugTarget target;
    private final IBreakpointManager manager = DebugPlugin.getDefault().getBreakpointManager();
    private final Set<Integer> temporary = new HashSet<>();
    private Set<Installation> installed = new LinkedHashSet<>();
    private Map<Installation, List<IBreakpoint>> owners = new HashMap<>();
    private final Map<IBreakpoint, String> problems = new HashMap<>();
    private volatile boolean dirty = true;
    private final BreakpointConditions conditions = new BreakpointConditions();

    BreakpointInstaller(DenaliDebugTarget target) {
        this.target = target;
    }

    /** Sends the difference between what the stub holds and what it should; called only while stopped. */
    synchronized void apply(DenaliRspClient client) throws IOException {
        if (!dirty) {
            return;
        }
        dirty = false;
        Map<Installation, List<IBreakpoint>> wanted = wanted();
        for (Installation i : new ArrayList<>(installed)) {
            if (!wanted.containsKey(i)) {
                send(client, i, false);
                installed.remove(i);
            }
        }
        for (Installation i : wanted.keySet()) {
            if (!installed.contains(i)) {
                send(client, i, true);
                installed.add(i);
            }
        }
        owners = wanted;
    }

    /** Whether the stub holds a code breakpoint (a user's or a temporary one) at {@code address}. */
    synchronized boolean holdsCode(int address) {
        return installed.contains(Installation.code(address));
    }

    synchronized void addTemporary(int address) {
        temporary.add(address);
        dirty = true;
    }

    synchronized void removeTemporary(int address) {
        temporary.remove(address);
        dirty = true;
    }

    /** The user breakpoints that explain {@code stop} of a VM at {@code pc}. */
    synchronized IBreakpoint[] hitBy(StopReply stop, int pc) {
        List<IBreakpoint> hit = new ArrayList<>();
        String watched = stop.fields().getOrDefault("watch", stop.fields().getOrDefault("rwatch",
                stop.fields().get("awatch")));
        for (Map.Entry<Installation, List<IBreakpoint>> e : owners.entrySet()) {
            Installation i = e.getKey();
            boolean matches = i.type() == null ? stop.reason() == StopReply.Reason.BREAKPOINT && i.address() == pc
                    : watched != null && i.covers((int) Long.parseLong(watched, 16));
            if (matches) {
                hit.addAll(e.getValue());
            }
        }
        return hit.toArray(new IBreakpoint[0]);
    }

    /**
     * Whether a stop at a user breakpoint or watchpoint should be shown: at least one of the breakpoints that
     * explain it has no condition, or its condition holds and its hit count is reached (gdb evaluates the
     * condition in the stopped VM). Stops with no user breakpoint (a step's temporary one) are always wanted.
     */
    boolean isWanted(StopReply stop, int pc, java.util.function.Supplier<org.denali.ide.core.gdb.GdbInspector> gdb) {
        if (stop.reason() != StopReply.Reason.BREAKPOINT && stop.reason() != StopReply.Reason.WATCHPOINT) {
            return true;
        }
        IBreakpoint[] hit;
        synchronized (this) {
            if (stop.reason() == StopReply.Reason.BREAKPOINT && temporary.contains(pc)) {
                return true;
            }
            hit = hitBy(stop, pc);
        }
        if (hit.length == 0) {
            return true;
        }
        boolean wanted = false;
        for (IBreakpoint b : hit) {
            if (!BreakpointConditions.isConditional(b)) {
                wanted = true;
            } else if (conditions.fires(b, BreakpointConditions.condition(b).isEmpty() ? null : gdb.get())) {
                wanted = true;
            }
        }
        return wanted;
    }

    /** Why a breakpoint could not be installed (no code for its line, unknown symbol) or its condition failed. */
    synchronized String problem(IBreakpoint breakpoint) {
        String problem = problems.get(breakpoint);
        return problem != null ? problem : conditions.problem(breakpoint);
    }

    private Map<Installation, List<IBreakpoint>> wanted() {
        Map<Installation, List<IBreakpoint>> wanted = new HashMap<>();
        for (int address : temporary) {
            wanted.computeIfAbsent(Installation.code(address), k -> new ArrayList<>());
        }
        problems.clear();
        if (!manager.isEnabled()) {
            return wanted; // "Skip All Breakpoints"
        }
        for (IBreakpoint breakpoint : manager.getBreakpoints(DenaliDebugModel.ID)) {
            try {
                if (!breakpoint.isEnabled()) {
                    continue;
                }
                for (Installation i : resolve(breakpoint)) {
                    wanted.computeIfAbsent(i, k -> new ArrayList<>()).add(breakpoint);
                }
            } catch (CoreException | IllegalArgumentException e) {
                problems.put(breakpoint, e.getMessage());
            }
        }
        return wanted;
    }

    /** The stub-level installations of one platform breakpoint; an exception says why there are none. */
    List<Installation> resolve(IBreakpoint breakpoint) throws CoreException {
        GuestSymbols symbols = target.symbols();
        if (breakpoint instanceof DenaliWatchpoint w) {
            int address = AddressExpression.resolve(w.expression(), symbols, null);
            WatchType type = w.isAccess() && w.isModification() ? WatchType.ACCESS
                    : w.isAccess() ? WatchType.READ : WatchType.WRITE;
            return List.of(new Installation(type, address, w.length()));
        }
        if (breakpoint instanceof DenaliAddressBreakpoint a && a.isFunction()) {
            return List.of(Installation.code(afterPrologue(symbols, a.expression())));
        }
        if (breakpoint instanceof DenaliAddressBreakpoint a) {
            return List.of(Installation.code(AddressExpression.resolve(a.expression(), symbols, null)));
        }
        if (breakpoint instanceof DenaliLineBreakpoint line) {
            IResource file = line.getMarker().getResource();
            return target.lineAddresses(file, line.getLineNumber()).stream()
                    .map(a -> Installation.code(a.intValue())).toList();
        }
        return List.of();
    }

    /**
     * Where a function breakpoint stops, as gdb places {@code break NAME}: the first statement of a line after the
     * function's opening line (past the prologue); the function's address when the line table has none.
     */
    static int afterPrologue(GuestSymbols symbols, String function) {
        ElfSymbol symbol = symbols.symbol(function)
                .orElseThrow(() -> new IllegalArgumentException("no function '" + function + "' in "
                        + symbols.file().getFileName()));
        int start = (int) symbol.value();
        var first = symbols.lineAt(start);
        if (first.isEmpty()) {
            return start;
        }
        for (long a = symbol.value() + 1; a < symbol.value() + symbol.size(); a++) {
            int address = (int) a;
            var row = symbols.lineAt(address);
            if (row.isPresent() && symbols.isStatementStart(address) && row.get().line() != first.get().line()) {
                return address;
            }
        }
        return start;
    }

    /** By the file's absolute location first (what SDK builds record), else its project-relative path. */
    static List<Long> addressesFor(GuestSymbols symbols, IResource file, int line) {
        IPath location = file.getLocation();
        if (location != null) {
            List<Long> found = symbols.addressesFor(location.toString(), line);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return symbols.addressesFor(file.getProjectRelativePath().toString(), line);
    }

    private static void send(DenaliRspClient client, Installation i, boolean insert) throws IOException {
        if (i.type() == null) {
            if (insert) {
                client.insertBreakpoint(i.address());
            } else {
                client.removeBreakpoint(i.address());
            }
        } else if (insert) {
            client.insertWatchpoint(i.type(), i.address(), i.length());
        } else {
            client.removeWatchpoint(i.type(), i.address(), i.length());
        }
    }

    private void changed(IBreakpoint breakpoint) {
        if (DenaliDebugModel.ID.equals(breakpoint.getModelIdentifier())) {
            dirty = true;
            target.breakpointsChanged();
        }
    }

    @Override
    public void breakpointAdded(IBreakpoint breakpoint) {
        changed(breakpoint);
    }

    @Override
    public void breakpointRemoved(IBreakpoint breakpoint, IMarkerDelta delta) {
        changed(breakpoint);
    }

    @Override
    public void breakpointChanged(IBreakpoint breakpoint, IMarkerDelta delta) {
        // no reset of the hit count here: the notification can come hits later; the count compares the setting
        changed(breakpoint);
    }
}
