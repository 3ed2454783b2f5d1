package org.denali.emulator.debug.rsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The non-stop notification queue without a connection (GdbServerTest drives it on the wire). */
class StopNotificationsTest {
    private final StopNotifications notifications = new StopNotifications();

    @Test
    void oneNotificationAtATimeTheRestThroughVStopped() {
        assertEquals("T05thread:1;", notifications.add("T05thread:1;"), "the first stop is notified at once");
        assertNull(notifications.add("T05thread:2;"), "a second waits while the first is unacknowledged");
        assertEquals("T05thread:2;", notifications.acknowledge());
        assertEquals("OK", notifications.acknowledge());
        assertEquals("T00thread:3;", notifications.add("T00thread:3;"), "after OK the next stop is notified again");
        assertEquals("OK", notifications.acknowledge());
        assertEquals("OK", notifications.acknowledge(), "a stray vStopped just gets OK");
    }

    @Test
    void statusReplacesTheQueue() {
        notifications.add("T05thread:1;");
        notifications.add("T05thread:2;");
        assertEquals("T00thread:3;", notifications.restart(List.of("T00thread:3;", "T00thread:4;")));
        assertNull(notifications.add("T05thread:5;"), "the status reply counts as the outstanding notification");
        assertEquals("T00thread:4;", notifications.acknowledge());
        assertEquals("T05thread:5;", notifications.acknowledge());
        assertEquals("OK", notifications.acknowledge());
        assertEquals("OK", notifications.restart(List.of()), "no stopped VM");
        assertEquals("T05thread:6;", notifications.add("T05thread:6;"));
    }
}
