package org.denali.emulator.kernel.policy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;

/** Writes and reads the policies' checkpoint state: int queues (stale entries included) and bit sets. */
final class PolicyState {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    PolicyState putInt(int value) {
        try {
            out.writeInt(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    PolicyState putQueue(IntQueue queue) {
        int[] ids = queue.toArray();
        putInt(ids.length);
        for (int id : ids) {
            putInt(id);
        }
        return this;
    }

    PolicyState putBits(BitSet bits) {
        byte[] raw = bits.toByteArray();
        putInt(raw.length);
        try {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    /** Reads what a {@link PolicyState} wrote, in the same order. */
    static final class Reader {
        private final DataInputStream in;

        Reader(byte[] state) {
            in = new DataInputStream(new ByteArrayInputStream(state));
        }

        int getInt() {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw new IllegalArgumentException("policy state ends early", e);
            }
        }

        void getQueue(IntQueue queue) {
            int n = getInt();
            if (n < 0 || n > 1 << 26) {
                throw new IllegalArgumentException("policy state: bad queue length " + n);
            }
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = getInt();
            }
            queue.replaceWith(ids);
        }

        void getBits(BitSet bits) {
            int n = getInt();
            if (n < 0 || n > 1 << 26) {
                throw new IllegalArgumentException("policy state: bad bit set length " + n);
            }
            byte[] raw = new byte[n];
            try {
                in.readFully(raw);
            } catch (IOException e) {
                throw new IllegalArgumentException("policy state ends early", e);
            }
            bits.clear();
            bits.or(BitSet.valueOf(raw));
        }
    }
}
