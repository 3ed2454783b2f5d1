package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.denali.ide.core.rsp.StopReply;
import org.junit.jupiter.api.Test;

/** Stop replies become the debug model's stop reasons in one place. */
class StopReplyTest {
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
