package org.denali.emulator.kernel;

/**
 * Input from outside the kernel whose arrivals are events at virtual times (deterministic clock only): frames from
 * a load generator on another machine. The kernel treats an arrival as a hardware interrupt would be treated: it
 * cuts the running VM's quantum at the arrival's virtual time and hands the input to its device, which raises the
 * target VM's line. What happens next is the interrupt policy's: batched, the running VM goes on with the rest of
 * its quantum and the target sees its lines at its next quantum start; synchronous, the running VM is preempted and
 * the target runs next, paying the VM switch.
 *
 * <p>A source may also bound how far the kernel may run: it knows every arrival only up to
 * {@link #knownUntilNanos()} (a peer simulated in lockstep has not run further). The kernel starts no quantum that
 * could pass that time, and skips idle time no further; it pauses instead ({@link Kernel#run()} returns with every
 * VM as it is), and goes on exactly from there when run again.
 *
 * <p>Called by the kernel's single deterministic worker, under the kernel's lock; {@link #deliverDue} may raise
 * interrupts (the lock is reentrant).
 */
public interface ArrivalSource {
    /** The virtual time of the next arrival known, Long.MAX_VALUE if none. */
    long nextArrivalNanos();

    /** Every arrival before this virtual time is known; Long.MAX_VALUE once nothing more can come. */
    long knownUntilNanos();

    /** Hands every arrival due at or before {@code nowNanos} to its device, in order. */
    void deliverDue(long nowNanos);
}
