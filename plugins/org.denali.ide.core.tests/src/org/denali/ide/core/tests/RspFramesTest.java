package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.denali.ide.core.rsp.RspFrames;
import org.denali.ide.core.rsp.StopReply;
import org.junit.jupiter.api.Test;

/** Framing and stop-reply parsing without a stub (the kernel tests cover them on the wire). */
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

    @Test
    void stopRepliesBecomeReasons() {
        StopReply breakpoint = StopReply.parse("T05thread:2;swbreak:;");
        assertEquals(StopReply.Reason.BREAKPOINT, breakpoint.reason());
        assertEquals(2, breakpoint.thread());
        assertEquals(StopReply.Reason.STEP, StopReply.parse("T05thread:1;").reason());
        assertEquals(StopReply.Reason.WATCHPOINT, StopReply.parse("T05thread:1;watch:1000;").reason());
        assertEquals(StopReply.Reason.INTERRUPTED, StopReply.parse("T02thread:a;").reason());
        assertEquals(10, StopReply.parse("T02thread:a;").thread());
        assertEquals(StopReply.Reason.FAULT, StopReply.parse("T0bthread:1;").reason());
        StopReply exit = StopReply.parse("W03");
        assertEquals(StopReply.Reason.EXITED, exit.reason());
        assertEquals(3, exit.exitCode());
    }
}
