package org.denali.emulator.cpu.jit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian loads and stores into a page's bytes for generated code (which gets the page from
 * {@code PagedMemory.directReadable}/{@code directWritable} and the offset within it); tiny, so C2 inlines them.
 */
public final class GuestMemoryAccess {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private GuestMemoryAccess() {
    }

    public static int get32(byte[] page, int offset) {
        return (int) INT.get(page, offset);
    }

    public static void set32(byte[] page, int offset, int value) {
        INT.set(page, offset, value);
    }

    public static void set16(byte[] page, int offset, int value) {
        SHORT.set(page, offset, (short) value);
    }

    /** Sign-extended. */
    public static int get16(byte[] page, int offset) {
        return (short) SHORT.get(page, offset);
    }
}
