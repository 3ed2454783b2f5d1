package org.denali.ide.core.postmortem;

import org.eclipse.debug.core.DebugException;

import org.denali.ide.core.debug.MemoryWindow;
import org.denali.ide.core.gdb.GdbException;

/** Memory of the core (its PT_LOAD segments) as gdb reads it; read-only. */
final class CoreMemoryBlock extends MemoryWindow {
    CoreMemoryBlock(CoreDebugTarget target, String expression, int base, long length) {
        super(target, expression, base, length);
    }

    @Override
    protected byte[] read(long address, int n) {
        try {
            return ((CoreDebugTarget) getDebugTarget()).gdb().readMemory(address, n);
        } catch (GdbException | DebugException e) {
            return null; // not in the core (or the session ended): shown as unreadable
        }
    }

    @Override
    public boolean supportsValueModification() {
        return false;
    }

    @Override
    public void setValue(long offset, byte[] bytes) throws DebugException {
        throw CoreStackFrame.failure("A core file is read-only", null);
    }
}
