package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void historyEndsAndRefusedResumesAreReasonsToo() {
        StopReply begin = StopReply.parse("T05replaylog:begin;thread:1;");
        assertEquals(StopReply.Reason.HISTORY_BEGIN, begin.reason());
        assertEquals(1, begin.thread());
        assertEquals(StopReply.Reason.HISTORY_END, StopReply.parse("T05replaylog:end;thread:2;").reason());
        assertTrue(StopReply.isRefusal("E.reverse execution needs a recorded run"));
        assertTrue(StopReply.isRefusal("E01"));
        assertTrue(StopReply.isRefusal(""), "the empty reply: the stub does not know the packet");
        assertFalse(StopReply.isRefusal("T05thread:1;"));
        StopReply refused = StopReply.refused("E.no history");
        assertEquals(StopReply.Reason.REFUSED, refused.reason());
        assertEquals("E.no history", refused.fields().get("error"));
    }
}
