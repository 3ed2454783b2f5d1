package org.denali.emulator.debug.rsp;

import java.io.IOException;
import java.io.PrintStream;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.kernel.Kernel;

/**
 * What {@code denali run --gdb PORT [--wait]} needs, in one place so the command only has to call it: a kernel
 * the debugger controls, a GDB server on loopback, and with {@code --wait} every VM held until gdb attaches and
 * resumes them.
 */
public final class GdbLaunch implements AutoCloseable {
    private final KernelDebugger debugger;
    private final GdbServer server;

    private GdbLaunch(KernelDebugger debugger, GdbServer server) {
        this.debugger = debugger;
        this.server = server;
    }

    /** Serves gdb for a kernel already built by {@code debugger} (shared with the kernel monitor). */
    public static GdbLaunch start(KernelDebugger debugger, int port) throws IOException {
        return new GdbLaunch(debugger, GdbServer.start(debugger, port));
    }

    public Kernel kernel() {
        return debugger.kernel();
    }

    public KernelDebugger debugger() {
        return debugger;
    }

    public int port() {
        return server.port();
    }

    /** Call after instantiating the VMs, before {@link Kernel#run()}. */
    public void beforeRun(boolean waitForGdb, PrintStream err) {
        if (waitForGdb) {
            debugger.suspendAll(); // held until gdb continues; a stopped VM costs nothing
            err.println("denali run: waiting for gdb on localhost:" + port());
        } else {
            err.println("denali run: gdb server on localhost:" + port());
        }
        err.flush();
    }

    /** Stops listening; never throws, so callers can close it on any path. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // the socket is gone either way
        }
    }
}
