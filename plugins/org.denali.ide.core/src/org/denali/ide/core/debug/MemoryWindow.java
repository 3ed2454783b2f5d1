package org.denali.ide.core.debug;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.IMemoryBlockRetrieval;
import org.eclipse.debug.core.model.MemoryByte;

/**
 * A Memory view monitor of a Denali session: the expression the user typed, its address and a fixed length in the
 * guest's 32-bit address space, read in chunks so a range the session cannot read shows as unreadable bytes rather
 * than failing the whole view. Where the bytes come from (a live VM through the stub, a core through gdb) and
 * whether they can be written is the subclass's.
 */
public abstract class MemoryWindow extends DebugElement implements IMemoryBlockExtension {
    public static final long DEFAULT_LENGTH = 256;
    /** Below the stub's packet size (16 KiB of hex = 8 KiB of data), and small enough to fail in small pieces. */
    private static final int CHUNK = 1024;

    private final String expression;
    private final int base;
    private final long length;
    private final List<Object> connections = new ArrayList<>();

    protected MemoryWindow(IDebugTarget target, String expression, int base, long length) {
        super(target);
        this.expression = expression;
        this.base = base;
        this.length = length;
    }

    /** {@code n} bytes at {@code address}, or null when they cannot be read. */
    protected abstract byte[] read(long address, int n);

    /** Whether a byte read by {@link #read} can be written ({@link #setValue(long, byte[])}). */
    @Override
    public abstract boolean supportsValueModification();

    @Override
    public String getModelIdentifier() {
        return DenaliDebugModel.ID;
    }

    protected int base() {
        return base;
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
                throw new DebugException(Status.error(String.format("Cannot read 0x%08x", base + i)));
            }
            values[i] = bytes[i].getValue();
        }
        return values;
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
        throw new DebugException(Status.error("A memory block's base address is fixed; add another block"));
    }

    @Override
    public MemoryByte[] getBytesFromOffset(BigInteger unitOffset, long addressableUnits) throws DebugException {
        return getBytesFromAddress(getBigBaseAddress().add(unitOffset), addressableUnits);
    }

    @Override
    public MemoryByte[] getBytesFromAddress(BigInteger address, long units) throws DebugException {
        MemoryByte[] result = new MemoryByte[(int) units];
        long start = address.longValue();
        byte flags = (byte) (MemoryByte.READABLE | MemoryByte.ENDIANESS_KNOWN
                | (supportsValueModification() ? MemoryByte.WRITABLE : 0));
        for (long done = 0; done < units; done += CHUNK) {
            int n = (int) Math.min(CHUNK, units - done);
            long at = start + done;
            byte[] data = at + n <= 0x1_0000_0000L ? read(at, n) : null;
            for (int i = 0; i < n; i++) {
                result[(int) done + i] = data == null ? new MemoryByte((byte) 0, (byte) 0)
                        : new MemoryByte(data[i], flags);
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
        return (IMemoryBlockRetrieval) getDebugTarget();
    }

    @Override
    public int getAddressableSize() {
        return 1;
    }
}
