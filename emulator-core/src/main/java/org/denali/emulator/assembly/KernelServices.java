package org.denali.emulator.assembly;

import java.io.PrintStream;

/**
 * What a kernel serves besides its VMs: the read-only kernel monitor (the IDE's live views) and the GDB remote
 * protocol, optionally holding every VM until a debugger continues them. Ports are local TCP ports, negative for
 * "not served"; {@code announce} gets the one-line "listening on" messages.
 */
public record KernelServices(int monitorPort, int gdbPort, boolean waitForGdb, PrintStream announce,
        org.denali.emulator.replay.RunJournal journal) {
    /** A plain run: no monitor, no debugger. */
    public static final KernelServices NONE = new KernelServices(-1, -1, false, null);

    /** Services of a run that is neither recorded nor replayed. */
    public KernelServices(int monitorPort, int gdbPort, boolean waitForGdb, PrintStream announce) {
        this(monitorPort, gdbPort, waitForGdb, announce, null);
    }

    /** The same services for a run recorded or replayed by {@code runJournal}. */
    public KernelServices withJournal(org.denali.emulator.replay.RunJournal runJournal) {
        return new KernelServices(monitorPort, gdbPort, waitForGdb, announce, runJournal);
    }

    /** The same services on {@code builder}. */
    public KernelAssembly.Builder applyTo(KernelAssembly.Builder builder) {
        return builder.monitor(monitorPort).gdb(gdbPort, waitForGdb).announce(announce).journal(journal);
    }
}
