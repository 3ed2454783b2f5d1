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

    /**
     * The policy's whole state, for a kernel checkpoint: restoring it with {@link #restoreState} into a fresh
     * policy of the same class must make it decide exactly as this one would from here. Policies that cannot are
     * refused (the default).
     */
    default byte[] saveState() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed");
    }

    /** After {@link #restoreState}: the VMs waiting for admission now, in id order; a view may rebuild from it. */
    default void restoredWaiting(int[] vmIds) {
    }

    /** Replaces this policy's state with one {@link #saveState} returned. */
    default void restoreState(byte[] state) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed");
    }
}
