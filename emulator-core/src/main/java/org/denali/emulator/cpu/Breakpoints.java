package org.denali.emulator.cpu;

import java.util.Arrays;

/**
 * Debugger breakpoint addresses: an open-addressing int set, so the run loop's check is a couple of array loads,
 * and only made at all while the set is non-empty.
 */
public final class Breakpoints {
    // Every VM has a set and almost none ever gets a breakpoint: an empty set shares these one-slot arrays (never
    // written: the first add grows the table first), so it costs no per-VM arrays (a million-VM kernel).
    private static final int[] NO_SLOTS = new int[1];
    private static final boolean[] NO_USED = new boolean[1];

    private int[] slots = NO_SLOTS;
    private boolean[] used = NO_USED;
    private int count;

    public boolean isEmpty() {
        return count == 0;
    }

    public int size() {
        return count;
    }

    public boolean contains(int address) {
        int mask = slots.length - 1;
        for (int i = mix(address) & mask; used[i]; i = (i + 1) & mask) {
            if (slots[i] == address) {
                return true;
            }
        }
        return false;
    }

    public void add(int address) {
        if (contains(address)) {
            return;
        }
        if ((count + 1) * 2 > slots.length) {
            int[] old = slots;
            boolean[] oldUsed = used;
            slots = new int[old.length * 2];
            used = new boolean[old.length * 2];
            count = 0;
            for (int i = 0; i < old.length; i++) {
                if (oldUsed[i]) {
                    add(old[i]);
                }
            }
        }
        int mask = slots.length - 1;
        int i = mix(address) & mask;
        while (used[i]) {
            i = (i + 1) & mask;
        }
        slots[i] = address;
        used[i] = true;
        count++;
    }

    public void remove(int address) {
        if (!contains(address)) {
            return;
        }
        int[] old = slots;
        boolean[] oldUsed = used;
        slots = new int[old.length];
        used = new boolean[old.length];
        count = 0;
        for (int i = 0; i < old.length; i++) {
            if (oldUsed[i] && old[i] != address) {
                add(old[i]);
            }
        }
    }

    public void clear() {
        if (count == 0) {
            return; // also keeps the shared empty arrays unwritten
        }
        Arrays.fill(used, false);
        count = 0;
    }

    private static int mix(int address) {
        return address * 0x9E37_79B9 >>> 16;
    }
}
