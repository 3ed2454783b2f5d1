package org.denali.emulator.debug.rsp;

/** What the reader thread hands the session: a packet, a Ctrl-C, or the end of the connection. */
sealed interface Incoming {
    /** A packet's payload with escapes removed, as ISO-8859-1 text (one char per byte). */
    record Packet(String payload) implements Incoming {
    }

    /** The client sent 0x03 (Ctrl-C) outside a packet. */
    record Interrupt() implements Incoming {
    }

    /** The connection closed, failed, or the client broke the framing rules badly enough to be dropped. */
    record Closed(String why) implements Incoming {
    }
}
