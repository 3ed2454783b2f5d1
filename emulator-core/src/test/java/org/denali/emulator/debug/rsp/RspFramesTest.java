package org.denali.emulator.debug.rsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Framing without a connection (GdbServerTest and the IDE's client tests cover it on the wire). */
class RspFramesTest {
    @Test
    void framesWithChecksum() {
        assertEquals("$g#67", RspFrames.frame("g"));
        assertEquals("$qSupported#37", RspFrames.frame("qSupported"));
    }

    @Test
    void escapesTheFourSpecialBytesBothWays() {
        String payload = "a$b#c}d*e";
        String frame = RspFrames.frame(payload);
        assertEquals("$a}\u0004b}\u0003c}]d}\ne#", frame.substring(0, frame.length() - 2));
        String wire = frame.substring(1, frame.length() - 3);
        assertEquals(payload, RspFrames.unescape(wire));
    }
}
