package org.denali.emulator.kernel.policy;

/**
 * CPU scheduling policy over admitted, runnable VMs (by id). The kernel's mechanism asks {@link #next()} at every
 * quantum boundary and reports every VM that becomes runnable; the policy only orders them.
 */
public interface Scheduler {
    /**
     * {@code vmId} became runnable.
     *
     * @param compensated it is waking from idle: the paper gives such a VM higher priority for its next quantum
     */
    void ready(int vmId, boolean compensated);

    /** Synchronous-interrupt mode: an interrupt arrived for {@code vmId}; it should run as soon as possible. */
    void promote(int vmId);

    /** {@code vmId} is no longer runnable (ended or swapped out); a no-op if it is not queued. */
    void remove(int vmId);

    /** Removes and returns the VM to run next, or -1 if none is runnable. */
    int next();

    int size();

    /**
     * The policy's whole state, for a kernel checkpoint: restoring it with {@link #restoreState} into a fresh
     * policy of the same class must make it decide exactly as this one would from here. Policies that cannot are
     * refused (the default).
     */
    default byte[] saveState() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed");
    }

    /**
     * Runnable VMs this scheduler holds outside its queues (a debugger's parked VMs): a checkpoint queues them at
     * the tail when restored, in this order. None by default.
     */
    default int[] heldOutsideQueues() {
        return new int[0];
    }

    /** After {@link #restoreState}: the VMs that are runnable now (READY), in id order; a view may rebuild from it. */
    default void restoredRunnable(int[] vmIds) {
    }

    /** Replaces this policy's state with one {@link #saveState} returned. */
    default void restoreState(byte[] state) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed");
    }
}
