package org.denali.emulator.kernel.policy;

/** What the gatekeeper may ask the memory mechanism. */
public interface AdmissionView {
    /** Physical backing pages free right now. */
    long freeBackingPages();

    /** Backing pages {@code vmId} is expected to need once admitted. */
    long footprintPages(int vmId);

    /** Backing pages {@code vmId} holds now (what swapping it out would free). */
    long residentPages(int vmId);

    /** VMs admitted right now (running, runnable or idle in memory). */
    int admittedCount();
}
