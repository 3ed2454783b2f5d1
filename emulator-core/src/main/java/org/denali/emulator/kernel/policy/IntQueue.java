package org.denali.emulator.kernel.policy;

/**
 * A FIFO of VM ids as plain ints in a growable ring: a million queued VMs cost 4 bytes each, with no boxed
 * Integer or node per entry. No removal by value (that would scan the queue): the policies mark removed ids in
 * their own bitsets and skip them when they reach the head.
 */
final class IntQueue {
    private int[] ring = new int[16];
    private int head;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** Entries, including any the owner has marked removed. */
    int size() {
        return size;
    }

    void addLast(int id) {
        grow();
        ring[(head + size) % ring.length] = id;
        size++;
    }

    void addFirst(int id) {
        grow();
        head = (head - 1 + ring.length) % ring.length;
        ring[head] = id;
        size++;
    }

    /** The head; only when not empty. */
    int peekFirst() {
        return ring[head];
    }

    /** Removes and returns the head; only when not empty. */
    int pollFirst() {
        int id = ring[head];
        head = (head + 1) % ring.length;
        size--;
        return id;
    }

    /** The entries, head first. */
    int[] toArray() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = ring[(head + i) % ring.length];
        }
        return out;
    }

    /** Replaces the entries with {@code ids}, head first. */
    void replaceWith(int[] ids) {
        ring = new int[Math.max(16, Integer.highestOneBit(Math.max(1, ids.length)) * 2)];
        System.arraycopy(ids, 0, ring, 0, ids.length);
        head = 0;
        size = ids.length;
    }

    private void grow() {
        if (size < ring.length) {
            return;
        }
        int[] bigger = new int[ring.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        ring = bigger;
        head = 0;
    }
}
