package org.denali.emulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded per-VM history of raised and delivered interrupts (the debugger's interrupt-queue view). */
class InterruptStateTest {
    @Test
    void moreEventsThanTheBoundKeepExactlyTheNewestInOrder() {
        int[] register = {0};
        InterruptState state = new InterruptState(64, mask -> register[0] = mask);
        for (int i = 0; i < 150; i++) {
            state.raise(i % 5, 1_000L * i);
            if (i % 10 == 9) {
                state.takeBatch(1_000L * i + 500);
            }
        }
        List<InterruptEvent> history = state.history();
        assertEquals(64, history.size());
        // 150 raises + 15 deliveries = 165 events; the newest 64 are events 101..164 in order of recording.
        long previous = Long.MIN_VALUE;
        int raises = 0;
        for (InterruptEvent e : history) {
            assertEquals(true, e.timeNanos() > previous, "timestamps in order: " + history);
            previous = e.timeNanos();
            raises += e.kind() == InterruptEvent.Kind.RAISED ? 1 : 0;
        }
        assertEquals(new InterruptEvent(InterruptEvent.Kind.DELIVERED, 0b11111, 149_500), history.get(63),
            "the last batch: lines 0..4 raised by 140..149");
        assertEquals(58, raises, "raises 92..149");
        assertEquals(new InterruptEvent(InterruptEvent.Kind.RAISED, 1 << 2, 92_000), history.get(0));
        assertEquals(0, state.pending());
        state.raise(3, 200_000);
        assertEquals(1 << 3, register[0], "the PENDING_INTERRUPTS register follows the mask");
        assertEquals(64, state.history().size());
        assertEquals(new InterruptEvent(InterruptEvent.Kind.RAISED, 1 << 3, 93_000), state.history().get(0),
            "the oldest event was dropped for the newest");
    }

    @Test
    void aZeroBoundKeepsNoHistoryButStillTheMask() {
        InterruptState state = new InterruptState(0, mask -> { });
        state.raise(3, 10);
        assertEquals(List.of(), state.history());
        assertEquals(1 << 3, state.takeBatch(20));
    }
}
