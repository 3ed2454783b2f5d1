package org.denali.ide.core.build;

import java.nio.file.Path;

import org.denali.sdk.build.BuildProgress;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/** The SDK build's progress in an Eclipse monitor: one step per compiled file, cancelled from the Progress view. */
final class MonitorProgress implements BuildProgress {
    private final SubMonitor monitor;
    private boolean sized;

    MonitorProgress(IProgressMonitor monitor) {
        this.monitor = SubMonitor.convert(monitor);
    }

    @Override
    public void compiling(Path source, int index, int total) {
        if (!sized) {
            monitor.setWorkRemaining(total - index);
            sized = true;
        }
        monitor.subTask("Compiling " + source.getFileName() + " (" + (index + 1) + " of " + total + ")");
        monitor.worked(1);
    }

    @Override
    public boolean cancelled() {
        return monitor.isCanceled();
    }
}
