package org.denali.emulator.debug;

/**
 * What the debugger tells the history of a recorded run (reverse execution, docs/debugging.md "Reverse execution")
 * and what it asks it, all under the kernel's lock. While the history replays, the debugger's own stops are off:
 * quanta run as the history forces them, breakpoint and watchpoint hits are handed to {@link #hit} instead.
 */
public interface RunHistory {
    /** {@link #forcedVm}: the scheduling policy decides (live). */
    int NOT_FORCED = -2;

    /** True while the history drives the kernel through recorded quanta (a seek). */
    boolean replaying();

    /** The VM the replay runs next, -1 for "none yet", or {@link #NOT_FORCED} while live. */
    int forcedVm();

    /** While replaying: VM {@code vmId} reached a breakpoint or watchpoint ({@code cause}) at the current point. */
    void hit(int vmId, StopCause cause);

    /**
     * The debugger is about to change a guest's state ({@code write}); it applies the write right after. The history
     * logs it at the current point (forgetting the future if the current point is in the past: a new timeline).
     */
    void guestWrite(GuestWrite write);

    /**
     * A register or memory write of the debugger, replayable: {@link KernelDebugger#replayWrite} applies it again.
     *
     * @param registers the new registers for a register write, else null
     * @param address where memory was written (a memory write)
     * @param bytes what was written there (null for a register write)
     */
    record GuestWrite(int vmId, CpuRegisters registers, int address, byte[] bytes) {
        public GuestWrite {
            bytes = bytes == null ? null : bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes == null ? null : bytes.clone();
        }
    }
}
