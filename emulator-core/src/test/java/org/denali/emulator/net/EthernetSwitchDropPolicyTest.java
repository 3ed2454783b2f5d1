package org.denali.emulator.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test-only loss hook: the policy's frames reach the taps (captures) but no port, and are counted. */
class EthernetSwitchDropPolicyTest {
    private final EthernetSwitch lan = new EthernetSwitch();
    private final MacAddress macA = MacAddress.forVm(1);
    private final MacAddress macB = MacAddress.forVm(2);

    @Test
    void droppedFramesAreCapturedButNotDeliveredUntilThePolicyIsRemoved() {
        List<byte[]> delivered = new ArrayList<>();
        List<byte[]> captured = new ArrayList<>();
        int pa = lan.attach(frame -> { }, macA);
        lan.attach(delivered::add, macB);
        lan.addTap((nanos, frame) -> captured.add(frame));
        lan.setDropPolicy((fromPort, frame) -> frame[14] == 2); // the second tagged frame
        for (int tag = 1; tag <= 3; tag++) {
            lan.forward(pa, Frames.tagged(macB, macA, tag, 46));
        }
        assertEquals(3, captured.size());
        assertEquals(List.of(1, 3), delivered.stream().map(f -> (int) f[14]).toList());
        assertEquals(1, lan.droppedByPolicy());
        lan.setDropPolicy(FrameDropPolicy.NONE);
        lan.forward(pa, Frames.tagged(macB, macA, 2, 46));
        assertEquals(3, delivered.size());
        assertEquals(1, lan.droppedByPolicy());
    }
}
