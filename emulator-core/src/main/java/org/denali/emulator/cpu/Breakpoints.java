package org.denali.emulator.cpu;

/**
 * Debugger breakpoint addresses: an open-addressing int set, so the run loop's check is a couple of array loads,
 * and only made at all while the set is non-empty. A set can also consult a set it {@link #share shares} with
 * other CPUs (a debugger's process-wide breakpoints, one table for every VM of a kernel), so a breakpoint for
 * every VM is one insertion, not one per VM.
 */
public final class Breakpoints {
    /** One immutable generation of the table: a change publishes a new one, so a CPU running on another thread
     *  while a shared set changes reads either the old or the new table, never a half-built one. */
    private record Table(int[] slots, boolean[] used, int count) {
        // Every VM has a set and almost none ever gets a breakpoint: empty sets share this one-slot table, so
        // they cost no per-VM arrays (a million-VM kernel).
        static final Table EMPTY = new Table(new int[1], new boolean[1], 0);

        boolean contains(int address) {
            int mask = slots.length - 1;
            for (int i = mix(address) & mask; used[i]; i = (i + 1) & mask) {
                if (slots[i] == address) {
                    return true;
                }
            }
            return false;
        }

        /** A table of the first {@code n} of {@code addresses}, at most half full. */
        static Table of(int[] addresses, int n) {
            if (n == 0) {
                return EMPTY;
            }
            int length = 2;
            while (n * 2 > length) {
                length *= 2;
            }
            int[] slots = new int[length];
            boolean[] used = new boolean[length];
            for (int k = 0; k < n; k++) {
                int i = mix(addresses[k]) & (length - 1);
                while (used[i]) {
                    i = (i + 1) & (length - 1);
                }
                slots[i] = addresses[k];
                used[i] = true;
            }
            return new Table(slots, used, n);
        }

        int[] addresses(int room) {
            int[] all = new int[count + room];
            int k = 0;
            for (int i = 0; i < slots.length; i++) {
                if (used[i]) {
                    all[k++] = slots[i];
                }
            }
            return all;
        }
    }

    private volatile Table table = Table.EMPTY;
    private volatile Breakpoints shared;

    /** Whether neither this set nor the set it shares holds an address. */
    public boolean isEmpty() {
        Breakpoints common = shared;
        return table.count == 0 && (common == null || common.table.count == 0);
    }

    /** The addresses of this set alone (not the shared set's). */
    public int size() {
        return table.count;
    }

    /** Whether this set or the set it shares holds {@code address}. */
    public boolean contains(int address) {
        if (table.contains(address)) {
            return true;
        }
        Breakpoints common = shared;
        return common != null && common.table.contains(address);
    }

    /** Whether this set itself holds {@code address} (whatever the shared set holds). */
    public boolean containsOwn(int address) {
        return table.contains(address);
    }

    /** Consults {@code common} too from now on (null: this set alone); {@code common} shares no set itself. */
    public void share(Breakpoints common) {
        if (common == this || common != null && common.shared != null) {
            throw new IllegalArgumentException("a shared breakpoint set cannot share another");
        }
        shared = common;
    }

    public void add(int address) {
        Table t = table;
        if (t.contains(address)) {
            return;
        }
        int[] addresses = t.addresses(1);
        addresses[t.count] = address;
        table = Table.of(addresses, t.count + 1);
    }

    public void remove(int address) {
        Table t = table;
        if (!t.contains(address)) {
            return;
        }
        int[] kept = new int[t.count];
        int n = 0;
        for (int a : t.addresses(0)) {
            if (a != address) {
                kept[n++] = a;
            }
        }
        table = Table.of(kept, n);
    }

    public void clear() {
        table = Table.EMPTY;
    }

    private static int mix(int address) {
        return address * 0x9E37_79B9 >>> 16;
    }
}
