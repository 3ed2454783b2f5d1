package org.denali.emulator.debug.rsp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.denali.emulator.debug.StopCause;
import org.denali.emulator.debug.VmInfo;

/**
 * Stops gdb has not been told about yet. In all-stop mode one stop reply reports one VM, but two VMs on two
 * workers can hit a breakpoint (or watchpoint) in the same instant; the second is kept here and reported by the
 * next resume that would run that VM, instead of resuming it past the breakpoint unseen (what gdbserver does with
 * its "pending status"). A pending breakpoint stop whose breakpoint gdb has removed meanwhile is dropped, as is
 * a watchpoint stop whose watchpoint is gone.
 */
final class PendingStops {
    private final Map<Integer, StopCause> pending = new LinkedHashMap<>();

    /** After reporting {@code reportedVm}: remembers every other VM that stopped for a reason of its own. */
    void collect(int reportedVm, List<VmInfo> vms) {
        pending.clear();
        for (VmInfo vm : vms) {
            StopCause cause = vm.lastStop();
            if (vm.id() != reportedVm && cause != null && (cause.kind() == StopCause.Kind.BREAKPOINT
                    || cause.kind() == StopCause.Kind.WATCHPOINT)) {
                pending.put(vm.id(), cause);
            }
        }
    }

    /**
     * Takes the first pending stop of a VM the coming resume would run, if it still stands.
     *
     * @param resumed the VMs the resume would run
     * @param stillStands whether a pending stop still stands (its breakpoint or watchpoint is still inserted and
     *     the VM has not been moved)
     * @return the VM whose stop to report now, or -1 to resume normally
     */
    int take(Set<Integer> resumed, BiPredicate<Integer, StopCause> stillStands) {
        for (var entry : List.copyOf(pending.entrySet())) {
            if (!resumed.contains(entry.getKey())) {
                continue;
            }
            pending.remove(entry.getKey());
            if (stillStands.test(entry.getKey(), entry.getValue())) {
                return entry.getKey();
            }
        }
        return -1;
    }

    /** The VMs with a pending stop. */
    Set<Integer> vms() {
        return Set.copyOf(pending.keySet());
    }

    void clear() {
        pending.clear();
    }
}
