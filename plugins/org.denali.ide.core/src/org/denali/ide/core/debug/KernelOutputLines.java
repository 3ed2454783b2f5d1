package org.denali.ide.core.debug;

import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.model.IStreamMonitor;

/**
 * The kernel process's standard output as whole lines, from what it already holds on: what the VM consoles of a
 * guest launch ({@link VmConsoles}) and of a deployment split by their line prefixes.
 */
public abstract class KernelOutputLines implements IStreamListener {
    private final StringBuilder partial = new StringBuilder();

    /**
     * Follows {@code kernelOutput} from now on, including what it already holds. The platform's stream monitor
     * appends and notifies its listeners under its own lock (its process console relies on it too): holding it,
     * what getContents() holds and what listeners will hear do not overlap. Without it a line arriving between
     * addListener and getContents was handled twice (a VM console read "ok\nok" in a clean-clone CI run).
     */
    public final void follow(IStreamMonitor kernelOutput) {
        synchronized (kernelOutput) {
            kernelOutput.addListener(this);
            streamAppended(kernelOutput.getContents(), kernelOutput);
        }
    }

    @Override
    public final void streamAppended(String text, IStreamMonitor monitor) {
        synchronized (partial) {
            partial.append(text);
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                String line = partial.substring(0, newline);
                partial.delete(0, newline + 1);
                line(line);
            }
        }
    }

    /** One whole line, without its newline; called under {@link #lineLock()}. */
    protected abstract void line(String line);

    /** Held while lines are handled: a subclass closing holds it so no line is handled half-way through. */
    protected final Object lineLock() {
        return partial;
    }
}
