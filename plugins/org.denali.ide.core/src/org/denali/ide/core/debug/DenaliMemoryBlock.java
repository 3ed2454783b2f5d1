package org.denali.ide.core.debug;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.IMemoryBlockRetrieval;
import org.eclipse.debug.core.model.MemoryByte;

/**
 * A window on one VM's memory for the Memory view. Reads go to the stub ({@code m}) in chunks; a chunk the VM
 * cannot read (beyond its memory size) shows as unreadable bytes rather than failing the whole view. Writes use
 * {@code M}. Reads are only possible while the kernel is stopped.
 */
public final class DenaliMemoryBlock extends DenaliDebugElement implements IMemoryBlockExtension {
    static final long DEFAULT_LENGTH = 256;
    /** Below the stub's packet size (16 KiB of hex = 8 KiB of data), and small enough to fail in small pieces. */
    private static final int CHUNK = 1024;

    private final DenaliThread thread;
    private final String expression;
    private final int base;
    private final long length;
    private final List<Object> connections = new ArrayList<>();

    DenaliMemoryBlock(DenaliDebugTarget target, DenaliThread thread, String expression, int base, long length) {
        super(target);
        this.thread = thread;
        this.expression = expression;
        this.base = base;
        this.length = length;
    }

    public DenaliThread thread() {
        return thread;
    }

    @Override
    public long getStartAddress() {
        return Integer.toUnsignedLong(base);
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public byte[] getBytes() throws DebugException {
        MemoryByte[] bytes = getBytesFromAddress(getBigBaseAddress(), length);
        byte[] values = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            if (!bytes[i].isReadable()) {
                throw failure(String.format("VM %d cannot read 0x%08x", thread.vmId(), base + i), null);
            }
            values[i] = bytes[i].getValue();
        }
        return values;
    }

    @Override
    public boolean supportsValueModification() {
        return true;
    }

    @Override
    public void setValue(long offset, byte[] bytes) throws DebugException {
        try {
            denaliTarget().client().writeMemory(thread.vmId(), (int) (base + offset), bytes);
        } catch (IOException e) {
            throw failure("Cannot write the memory of VM " + thread.vmId(), e);
        }
        denaliTarget().stateWritten();
        fireChangeEvent(org.eclipse.debug.core.DebugEvent.CONTENT);
    }

    @Override
    public String getExpression() {
        return expression;
    }

    @Override
    public BigInteger getBigBaseAddress() {
        return BigInteger.valueOf(Integer.toUnsignedLong(base));
    }

    @Override
    public BigInteger getMemoryBlockStartAddress() {
        return BigInteger.ZERO;
    }

    @Override
    public BigInteger getMemoryBlockEndAddress() {
        return BigInteger.valueOf(0xFFFF_FFFFL);
    }

    @Override
    public BigInteger getBigLength() {
        return BigInteger.valueOf(length);
    }

    @Override
    public int getAddressSize() {
        return 4;
    }

    @Override
    public boolean supportBaseAddressModification() {
        return false;
    }

    @Override
    public boolean supportsChangeManagement() {
        return false;
    }

    @Override
    public void setBaseAddress(BigInteger address) throws DebugException {
        throw failure("A memory block's base address is fixed; add another block", null);
    }

    @Override
    public MemoryByte[] getBytesFromOffset(BigInteger unitOffset, long addressableUnits) throws DebugException {
        return getBytesFromAddress(getBigBaseAddress().add(unitOffset), addressableUnits);
    }

    @Override
    public MemoryByte[] getBytesFromAddress(BigInteger address, long units) throws DebugException {
        MemoryByte[] result = new MemoryByte[(int) units];
        long start = address.longValue();
        for (long done = 0; done < units; done += CHUNK) {
            int n = (int) Math.min(CHUNK, units - done);
            long at = start + done;
            byte[] data = null;
            if (at + n <= 0x1_0000_0000L && thread.isSuspended()) {
                try {
                    data = denaliTarget().client().readMemory(thread.vmId(), (int) at, n);
                } catch (IOException e) {
                    data = null; // unreadable range (or the kernel started running): shown as such
                }
            }
            for (int i = 0; i < n; i++) {
                result[(int) done + i] = data == null ? new MemoryByte((byte) 0, (byte) 0)
                        : new MemoryByte(data[i], (byte) (MemoryByte.READABLE | MemoryByte.WRITABLE
                                | MemoryByte.ENDIANESS_KNOWN));
            }
        }
        return result;
    }

    @Override
    public void setValue(BigInteger offset, byte[] bytes) throws DebugException {
        setValue(offset.longValue(), bytes);
    }

    @Override
    public void connect(Object client) {
        synchronized (connections) {
            connections.add(client);
        }
    }

    @Override
    public void disconnect(Object client) {
        synchronized (connections) {
            connections.remove(client);
        }
    }

    @Override
    public Object[] getConnections() {
        synchronized (connections) {
            return connections.toArray();
        }
    }

    @Override
    public void dispose() {
        synchronized (connections) {
            connections.clear();
        }
    }

    @Override
    public IMemoryBlockRetrieval getMemoryBlockRetrieval() {
        return denaliTarget();
    }

    @Override
    public int getAddressableSize() {
        return 1;
    }
}
