package org.denali.ide.core.launch;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamMonitor;

import org.denali.ide.core.rsp.RspConnection;

/**
 * Connects the debugger to a kernel process started with {@code --gdb PORT --wait}: the kernel prints "waiting for
 * gdb" once its socket listens, so the connection is made when that line appears (or fails with the kernel's own
 * words if the process ends first). It is watched for on both streams, so where the kernel prints it may change.
 */
final class KernelConnector {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LISTENING = "waiting for gdb";

    private KernelConnector() {
    }

    static RspConnection connectWhenListening(IProcess process, int port) throws CoreException {
        IStreamMonitor err = process.getStreamsProxy().getErrorStreamMonitor();
        IStreamMonitor out = process.getStreamsProxy().getOutputStreamMonitor();
        CountDownLatch ready = new CountDownLatch(1);
        // The Console view turns the monitor's buffering off (getContents() stays empty): keep what we see.
        StringBuffer seen = new StringBuffer();
        IStreamListener listener = (text, monitor) -> {
            seen.append(text);
            if (seen.indexOf(LISTENING) >= 0) {
                ready.countDown();
            }
        };
        IDebugEventSetListener ended = events -> {
            for (DebugEvent e : events) {
                if (e.getSource() == process && e.getKind() == DebugEvent.TERMINATE) {
                    ready.countDown();
                }
            }
        };
        for (IStreamMonitor stream : new IStreamMonitor[] {err, out}) {
            stream.addListener(listener);
            listener.streamAppended(stream.getContents(), stream);
        }
        DebugPlugin.getDefault().addDebugEventListener(ended);
        try {
            if (seen.indexOf(LISTENING) < 0 && !process.isTerminated()) {
                ready.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (seen.indexOf(LISTENING) < 0) {
                throw new CoreException(Status.error("The Denali kernel did not start its gdb stub"
                        + (process.isTerminated() ? " (it ended)" : " within " + TIMEOUT.toSeconds() + " s") + ": "
                        + seen.toString().strip()));
            }
            return RspConnection.connect("127.0.0.1", port, TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoreException(Status.error("Interrupted while waiting for the Denali kernel", e));
        } catch (IOException e) {
            throw new CoreException(Status.error("Cannot connect to the Denali kernel's gdb stub on port " + port
                    + ": " + e.getMessage(), e));
        } finally {
            err.removeListener(listener);
            out.removeListener(listener);
            DebugPlugin.getDefault().removeDebugEventListener(ended);
        }
    }
}
