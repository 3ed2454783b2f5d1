package org.denali.emulator.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SingleGuestUplinkFilterTest {
    private static final MacAddress GUEST = MacAddress.parse("52:54:00:00:10:01");
    private static final MacAddress OTHER_VM = MacAddress.parse("52:54:00:00:10:00");
    private static final MacAddress PASST = MacAddress.parse("9a:55:9a:55:9a:55");
    private static final int GUEST_IP = 0x0A00000B; // 10.0.0.11
    private static final int PEER_IP = 0x0A00000A;
    private static final int GATEWAY = 0x0A000001;

    private final SingleGuestUplinkFilter filter =
        new SingleGuestUplinkFilter(GUEST, new GuestAddressing(GUEST_IP, 24, GATEWAY));

    @Test
    void onlyTheGuestsOwnFramesReachPasst() {
        filter.fromHost(frame(PASST, GUEST, 0x0800));
        assertTrue(filter.toHost(frame(GUEST, PASST, 0x0800)));
        assertFalse(filter.toHost(frame(OTHER_VM, PASST, 0x0800)), "another VM's frame");
        assertFalse(filter.toHost(frame(OTHER_VM, MacAddress.BROADCAST, 0x0806)), "another VM's broadcast");
    }

    @Test
    void unicastGoesToPasstOnlyWhenAddressedToIt() {
        assertFalse(filter.toHost(frame(GUEST, PASST, 0x0800)), "passt's MAC is not known before it sent a frame");
        filter.fromHost(frame(PASST, MacAddress.BROADCAST, 0x0806));
        assertTrue(filter.toHost(frame(GUEST, PASST, 0x0800)));
        assertFalse(filter.toHost(frame(GUEST, OTHER_VM, 0x0800)), "a flooded frame for a LAN peer");
    }

    @Test
    void arpForASubnetPeerStaysOnTheLanButTheGatewayAndTheWorldGoToPasst() {
        assertFalse(filter.toHost(arpRequest(PEER_IP)), "passt would answer for the peer and capture its traffic");
        assertTrue(filter.toHost(arpRequest(GATEWAY)));
        assertTrue(filter.toHost(arpRequest(0xC0000202)), "off-subnet (192.0.2.2)");
        assertTrue(filter.toHost(frame(GUEST, MacAddress.BROADCAST, 0x0800)), "an IPv4 broadcast (e.g. DHCP)");
    }

    @Test
    void withDhcpNoSubnetIsKnownAndEveryBroadcastOfTheGuestPasses() {
        SingleGuestUplinkFilter dhcp = new SingleGuestUplinkFilter(GUEST, null);
        assertTrue(dhcp.toHost(arpRequest(PEER_IP)));
        assertFalse(dhcp.toHost(new byte[10]), "a runt frame");
    }

    private static byte[] frame(MacAddress source, MacAddress destination, int etherType) {
        byte[] frame = new byte[60];
        System.arraycopy(destination.toBytes(), 0, frame, 0, 6);
        System.arraycopy(source.toBytes(), 0, frame, 6, 6);
        frame[12] = (byte) (etherType >>> 8);
        frame[13] = (byte) etherType;
        return frame;
    }

    private static byte[] arpRequest(int targetIp) {
        byte[] frame = frame(GUEST, MacAddress.BROADCAST, 0x0806);
        int tpa = 14 + 24;
        for (int i = 0; i < 4; i++) {
            frame[tpa + i] = (byte) (targetIp >>> (24 - 8 * i));
        }
        return frame;
    }
}
