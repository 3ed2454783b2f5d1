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
}
