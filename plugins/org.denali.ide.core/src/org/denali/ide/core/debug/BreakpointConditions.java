package org.denali.ide.core.debug;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IBreakpoint;

import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbInspector;

/**
 * Conditions and hit counts of Denali breakpoints (Breakpoint Properties): a C condition gdb evaluates in the
 * stopped VM's innermost frame, and a hit count N (stop from the N-th hit on; hits count only while the condition
 * holds, as gdb's ignore counts do). Both live in the breakpoint's marker, so they persist with it; hits are
 * counted per setting, so a changed condition or hit count counts from zero at the next hit (the marker change
 * notification itself can arrive hits later). A breakpoint whose condition gdb cannot evaluate stops, with the
 * reason as its problem (like gdb).
 */
public final class BreakpointConditions {
    public static final String CONDITION = "org.denali.ide.core.debug.condition";
    public static final String HIT_COUNT = "org.denali.ide.core.debug.hitCount";

    /** Hits counted under one setting of condition and hit count; a changed setting counts from zero again. */
    private record Count(String condition, int hitCount, int hits) {
    }

    private final Map<IBreakpoint, Count> hits = new HashMap<>();
    private final Map<IBreakpoint, String> problems = new HashMap<>();

    public static String condition(IBreakpoint breakpoint) {
        IMarker marker = breakpoint.getMarker();
        return marker == null ? "" : marker.getAttribute(CONDITION, "").trim();
    }

    public static int hitCount(IBreakpoint breakpoint) {
        IMarker marker = breakpoint.getMarker();
        return marker == null ? 0 : marker.getAttribute(HIT_COUNT, 0);
    }

    /** Sets the condition (empty: none) and hit count (0: none). */
    public static void set(IBreakpoint breakpoint, String condition, int hitCount) throws CoreException {
        if (hitCount < 0) {
            throw DenaliDebugElement.coreFailure("A hit count is 0 (none) or more, not " + hitCount + ".");
        }
        breakpoint.getMarker().setAttributes(new String[] {CONDITION, HIT_COUNT},
                new Object[] {condition == null ? "" : condition.trim(), hitCount});
    }

    public static boolean isConditional(IBreakpoint breakpoint) {
        return !condition(breakpoint).isEmpty() || hitCount(breakpoint) > 0;
    }

    /** Whether {@code breakpoint}'s hit in the VM gdb shows now should stop it (counting the hit). */
    synchronized boolean fires(IBreakpoint breakpoint, GdbInspector gdb) {
        String condition = condition(breakpoint);
        if (!condition.isEmpty()) {
            if (gdb == null) {
                problems.put(breakpoint, "gdb is not available to evaluate the condition '" + condition + "'");
                return true;
            }
            try {
                String value = gdb.evaluate("!!(" + condition + ")", 0).trim();
                if (value.equals("0")) {
                    return false;
                }
            } catch (GdbException e) {
                problems.put(breakpoint, "the condition '" + condition + "' cannot be evaluated: " + e.getMessage());
                return true;
            }
        }
        problems.remove(breakpoint);
        int wanted = hitCount(breakpoint);
        Count before = hits.get(breakpoint);
        int count = before != null && before.condition().equals(condition) && before.hitCount() == wanted
                ? before.hits() + 1 : 1;
        hits.put(breakpoint, new Count(condition, wanted, count));
        return count >= wanted;
    }

    /** Why the condition of {@code breakpoint} failed at its last hit, or null. */
    synchronized String problem(IBreakpoint breakpoint) {
        return problems.get(breakpoint);
    }

}
