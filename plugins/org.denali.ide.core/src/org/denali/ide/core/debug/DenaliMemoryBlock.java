package org.denali.ide.core.debug;

import java.io.IOException;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;

/**
 * A window on one VM's memory for the Memory view. Reads go to the stub ({@code m}); a range the VM cannot read
 * (beyond its memory size) shows as unreadable bytes. Writes use {@code M}. Reads are only possible while the
 * kernel is stopped.
 */
public final class DenaliMemoryBlock extends MemoryWindow {
    private final DenaliThread thread;

    DenaliMemoryBlock(DenaliDebugTarget target, DenaliThread thread, String expression, int base, long length) {
        super(target, expression, base, length);
        this.thread = thread;
    }

    public DenaliThread thread() {
        return thread;
    }

    private DenaliDebugTarget denaliTarget() {
        return (DenaliDebugTarget) getDebugTarget();
    }

    @Override
    protected byte[] read(long address, int n) {
        if (!thread.isSuspended()) {
            return null;
        }
        try {
            return denaliTarget().client().readMemory(thread.vmId(), (int) address, n);
        } catch (IOException e) {
            return null; // unreadable range (or the kernel started running): shown as such
        }
    }

    @Override
    public boolean supportsValueModification() {
        return true;
    }

    @Override
    public void setValue(long offset, byte[] bytes) throws DebugException {
        try {
            denaliTarget().client().writeMemory(thread.vmId(), (int) (base() + offset), bytes);
        } catch (IOException e) {
            throw DenaliDebugElement.failure("Cannot write the memory of VM " + thread.vmId(), e);
        }
        denaliTarget().stateWritten();
        fireChangeEvent(DebugEvent.CONTENT);
    }
}
