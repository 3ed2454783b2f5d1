package org.denali.emulator.cpu;

import java.util.Arrays;

/**
 * Debugger breakpoint addresses: an open-addressing int set, so the run loop's check is a couple of array loads,
 * and only made at all while the set is non-empty.
 */
public final class Breakpoints {
    private int[] slots = new int[16];
    private boolean[] used = new boolean[16];
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
        Arrays.fill(used, false);
        count = 0;
    }

    private static int mix(int address) {
        return address * 0x9E37_79B9 >>> 16;
    }
}
