package org.denali.lang.deploy.kernel;

import java.io.PrintStream;

/**
 * What a deployment's kernel serves besides its VMs, as {@code denali run} serves it for an image: the read-only
 * kernel monitor (the IDE's live views) and the GDB remote protocol, optionally holding every VM until a debugger
 * continues them. Ports are local TCP ports, negative for "not served"; {@code announce} gets the one-line
 * "listening on" messages.
 */
public record KernelServices(int monitorPort, int gdbPort, boolean waitForGdb, PrintStream announce) {
    /** A plain run: no monitor, no debugger. */
    public static final KernelServices NONE = new KernelServices(-1, -1, false, null);

    /** True if the kernel has to be built under the debugger (it watches the scheduler for both services). */
    public boolean any() {
        return monitorPort >= 0 || gdbPort >= 0;
    }
}
