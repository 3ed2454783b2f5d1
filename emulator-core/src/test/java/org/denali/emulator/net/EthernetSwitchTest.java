package org.denali.emulator.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EthernetSwitchTest {
    private final EthernetSwitch lan = new EthernetSwitch();

    private static final class Port implements SwitchPort {
        final List<byte[]> got = new ArrayList<>();

        @Override
        public void deliver(byte[] frame) {
            got.add(frame);
        }
    }

    private final MacAddress macA = MacAddress.forVm(1);
    private final MacAddress macB = MacAddress.forVm(2);
    private final MacAddress macC = MacAddress.forVm(3);
    private final MacAddress external = MacAddress.parse("02:fc:00:00:00:01");

    @Test
    void unicastGoesOnlyToTheOwnerOfTheDestination() {
        Port a = new Port();
        Port b = new Port();
        Port c = new Port();
        int pa = lan.attach(a, macA);
        lan.attach(b, macB);
        lan.attach(c, macC);
        byte[] frame = Frames.tagged(macB, macA, 1, 46);
        lan.forward(pa, frame);
        assertEquals(1, b.got.size());
        assertArrayEquals(frame, b.got.get(0));
        assertNotSame(frame, b.got.get(0), "each port gets its own copy");
        assertEquals(0, a.got.size() + c.got.size());
        assertEquals(new SwitchStats(1, 1, 0, 0, 0), lan.stats());
    }

    @Test
    void broadcastReachesEveryPortButTheSender() {
        Port a = new Port();
        Port b = new Port();
        Port up = new Port();
        int pa = lan.attach(a, macA);
        lan.attach(b, macB);
        lan.attach(up, null);
        lan.forward(pa, Frames.arpRequest(macA, 0x0A000001, 0x0A000002));
        assertEquals(0, a.got.size());
        assertEquals(1, b.got.size());
        assertEquals(1, up.got.size());
        byte[] multicast = Frames.tagged(MacAddress.parse("01:00:5e:00:00:fb"), macA, 0, 46);
        lan.forward(pa, multicast);
        assertEquals(2, b.got.size());
        assertEquals(2, lan.stats().broadcast());
    }

    @Test
    void unknownUnicastIsDroppedSilentlyAndMacsBehindTheUplinkAreLearned() {
        Port a = new Port();
        Port up = new Port();
        int pa = lan.attach(a, macA);
        int pu = lan.attach(up, null);
        lan.forward(pa, Frames.tagged(external, macA, 0, 46));
        assertEquals(0, up.got.size(), "not flooded");
        assertEquals(1, lan.stats().droppedUnknown());

        lan.forward(pu, Frames.tagged(macA, external, 0, 46)); // the host answers: its MAC is learned
        assertEquals(pu, lan.portOf(external));
        assertEquals(1, a.got.size());
        lan.forward(pa, Frames.tagged(external, macA, 0, 46));
        assertEquals(1, up.got.size());

        lan.forward(pu, Frames.tagged(macB, macA, 0, 46)); // spoofing A's MAC does not steal its binding
        assertEquals(pa, lan.portOf(macA));
        lan.detach(pu);
        assertEquals(0, lan.portOf(external), "detach forgets learned MACs");
    }

    @Test
    void runtFramesAreDropped() {
        Port a = new Port();
        int pa = lan.attach(a, macA);
        lan.forward(pa, new byte[10]);
        assertEquals(1, lan.stats().droppedMalformed());
    }

    @Test
    void macAddressText() {
        assertEquals("52:54:00:00:00:2a", MacAddress.forVm(42).toString());
        assertEquals(MacAddress.forVm(42), MacAddress.parse("52:54:00:00:00:2A"));
        assertEquals(true, MacAddress.BROADCAST.isGroup());
        assertEquals(false, MacAddress.forVm(1).isGroup());
    }
}
