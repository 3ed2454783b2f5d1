package org.denali.emulator.debug.timeline;

import org.denali.emulator.debug.json.Json;

/**
 * The monitor's {@code timeline} reply: {@code {"vm":1,"icount":N,"recordedUpTo":M,"dropped":D,"events":[{"kind":
 * "QUANTUM","at":A,"length":L,"ns":T,"detail":"BUDGET_EXHAUSTED"},...]}} (docs/debugging.md).
 */
public final class TimelineJson {
    private TimelineJson() {
    }

    /** @param icount the VM's retired instructions now (where the IDE shows the cursor), -1 if it has ended */
    public static String of(int vm, long icount, TimelineCollector.Slice slice) {
        Json j = new Json().beginObject().field("vm", vm).field("icount", icount)
            .field("recordedUpTo", slice.recordedUpTo()).field("dropped", slice.dropped()).key("events").beginArray();
        for (TimelineEvent e : slice.events()) {
            j.beginObject().field("kind", e.kind().name()).field("at", e.at()).field("length", e.length())
                .field("ns", e.clockNanos());
            if (!e.detail().isEmpty()) {
                j.field("detail", e.detail());
            }
            j.endObject();
        }
        return j.endArray().endObject().toString();
    }
}
