package org.denali.ide.views.timeline;

import org.denali.ide.views.monitor.Timeline;

/** One event in words, for the tooltip and the view's summary. */
final class TimelineText {
    private TimelineText() {
    }

    static String of(Timeline.Event e) {
        return switch (e.kind()) {
            case QUANTUM -> String.format("quantum of %,d instructions from %,d, ended by %s", e.length(), e.at(),
                    e.detail());
            case INTERRUPTS -> String.format("interrupt batch delivered at %,d (lines 0x%x)", e.at(), e.length());
            case SWAP_OUT -> String.format("swapped out before %,d (%,d pages written)", e.at(), e.length());
            case PAGE_IN -> String.format("%,d pages paged in during the quantum from %,d", e.length(), e.at());
            case PACKET_SENT -> String.format("frame of %,d bytes sent in the quantum from %,d", e.length(), e.at());
            case PACKET_RECEIVED -> String.format("frame of %,d bytes for this VM entered the LAN at %,d", e.length(),
                    e.at());
        };
    }

    /** How many events of each lane, for the line above the lanes. */
    static String summary(Timeline t) {
        int quanta = 0;
        int batches = 0;
        int swaps = 0;
        int packets = 0;
        for (Timeline.Event e : t.events()) {
            switch (TimelineCanvas.laneOf(e.kind())) {
                case 0 -> quanta++;
                case 1 -> batches++;
                case 2 -> swaps++;
                default -> packets++;
            }
        }
        return String.format("%,d quanta \u00b7 %,d interrupt batches \u00b7 %,d swap events \u00b7 %,d frames over "
                + "instructions %,d..%,d%s", quanta, batches, swaps, packets, t.first(), t.last(),
                t.dropped() > 0 ? String.format(" (%,d older events dropped)", t.dropped()) : "");
    }
}
