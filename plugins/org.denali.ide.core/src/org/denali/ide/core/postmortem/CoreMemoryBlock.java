package org.denali.ide.core.postmortem;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IMemoryBlock;

import org.denali.ide.core.debug.DenaliDebugModel;
import org.denali.ide.core.gdb.GdbException;

/** Memory of the core (its PT_LOAD segments) as gdb reads it; read-only. */
final class CoreMemoryBlock extends DebugElement implements IMemoryBlock {
    private final long start;
    private final long length;

    CoreMemoryBlock(CoreDebugTarget target, long start, long length) {
        super(target);
        this.start = start;
        this.length = length;
    }

    @Override
    public String getModelIdentifier() {
        return DenaliDebugModel.ID;
    }

    @Override
    public long getStartAddress() {
        return start;
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public byte[] getBytes() throws DebugException {
        try {
            byte[] bytes = ((CoreDebugTarget) getDebugTarget()).gdb().readMemory(start, (int) length);
            if (bytes == null) {
                throw CoreStackFrame.failure(String.format("The core holds no memory at 0x%08x (%d bytes)", start,
                        length), null);
            }
            return bytes;
        } catch (GdbException e) {
            throw CoreStackFrame.failure(String.format("gdb cannot read 0x%08x from the core", start), e);
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
