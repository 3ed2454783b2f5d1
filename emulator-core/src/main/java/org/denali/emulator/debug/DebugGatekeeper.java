package org.denali.emulator.debug;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.denali.emulator.kernel.policy.AdmissionView;
import org.denali.emulator.kernel.policy.Gatekeeper;

/**
 * Passes every call to the kernel's admission policy and remembers who is waiting, in order, so the debugger can
 * show the gatekeeper queue. Guarded by the kernel's lock.
 */
final class DebugGatekeeper implements Gatekeeper {
    private final Gatekeeper inner;
    private final Set<Integer> waiting = new LinkedHashSet<>();

    DebugGatekeeper(Gatekeeper inner) {
        this.inner = inner;
    }

    @Override
    public void waiting(int vmId) {
        inner.waiting(vmId);
        waiting.add(vmId);
    }

    @Override
    public void remove(int vmId) {
        inner.remove(vmId);
        waiting.remove(vmId);
    }

    @Override
    public int waitingCount() {
        return inner.waitingCount();
    }

    @Override
    public List<Integer> admit(AdmissionView view) {
        List<Integer> admitted = inner.admit(view);
        waiting.removeAll(admitted);
        return admitted;
    }

    @Override
    public List<Integer> evict(AdmissionView view, Collection<Integer> idleAdmitted) {
        return inner.evict(view, idleAdmitted);
    }

    @Override
    public byte[] saveState() {
        return inner.saveState();
    }

    @Override
    public void restoreState(byte[] state) {
        inner.restoreState(state);
        waiting.clear();
    }

    /** Rebuilds the debugger's view of the waiting queue after a restore (the inner policy has the real order). */
    @Override
    public void restoredWaiting(int[] vmIds) {
        waiting.clear();
        for (int id : vmIds) {
            waiting.add(id);
        }
    }

    List<Integer> queue() {
        return new ArrayList<>(waiting);
    }
}
