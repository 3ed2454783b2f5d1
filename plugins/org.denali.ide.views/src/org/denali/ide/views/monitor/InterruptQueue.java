package org.denali.ide.views.monitor;

import java.util.List;

/**
 * Reply to {@code interrupts VM}: the virtual-interrupt queue of one VM.
 *
 * @param lines the line names, index = bit number
 * @param nextDelivery what the VM's next quantum delivers (0 if interrupts are disabled or no handler is set)
 * @param history raised and delivered batches, oldest first, kernel-clock times
 */
public record InterruptQueue(int vm, int pending, boolean enabled, long handler, int beingHandled,
        int nextDelivery, List<String> lines, List<Event> history) {

    /** @param kind RAISED or DELIVERED */
    public record Event(String kind, int lines, long timeNanos) {
        public boolean delivered() {
            return "DELIVERED".equals(kind);
        }
    }

    /** The names of the bits set in {@code mask}, "none" for 0. */
    public String names(int mask) {
        if (mask == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < 32; bit++) {
            if ((mask & 1 << bit) != 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(bit < lines.size() ? lines.get(bit) : "line" + bit);
            }
        }
        return sb.toString();
    }
}
