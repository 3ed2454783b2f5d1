package org.denali.emulator.kernel.policy;

import java.util.Collection;
import java.util.List;

/**
 * Admission control [paper §2.2]: which of the VMs that want to run are admitted to memory and the run queue; the
 * rest wait, swapped out. The kernel reports VMs that want to run but are not admitted ({@link #waiting}) and asks
 * at every scheduling point whom to admit and whom to swap out.
 */
public interface Gatekeeper {
    /** {@code vmId} wants to run and is not admitted (a new VM, or a swapped-out VM that woke). */
    void waiting(int vmId);

    /** {@code vmId} ended; forget it. */
    void remove(int vmId);

    int waitingCount();

    /** VMs to admit now, in admission order; each is removed from the waiting set. */
    List<Integer> admit(AdmissionView view);

    /**
     * Admitted VMs to swap out so that waiting ones can come in.
     *
     * @param idleAdmitted admitted VMs that are idle, longest-idle first (a live view: do not keep it)
     */
    List<Integer> evict(AdmissionView view, Collection<Integer> idleAdmitted);
}
