package org.denali.emulator.net;

/**
 * A VXLAN uplink's counters. Every datagram received is either decapsulated onto the LAN ({@code received}) or
 * dropped for exactly one reason; the peer is untrusted, so what it sends is counted, never trusted.
 *
 * @param sent datagrams sent (a flooded frame counts once per peer)
 * @param received frames decapsulated onto the LAN
 * @param droppedShort datagrams shorter than the VXLAN header and an Ethernet header
 * @param droppedFlags datagrams without the I flag (no valid VNI)
 * @param droppedVni datagrams for another VXLAN network
 * @param droppedOversize datagrams whose inner frame exceeds the largest Ethernet frame, and frames from the LAN
 *     too large to send
 * @param droppedForeign datagrams from an address that is not one of the peers, and frames from yet another remote
 *     MAC once {@link VxlanUplink#MAX_REMOTE_MACS} are known
 * @param sendErrors datagrams the host's network refused (a peer not listening yet, no route)
 */
public record VxlanStats(long sent, long received, long droppedShort, long droppedFlags, long droppedVni,
        long droppedOversize, long droppedForeign, long sendErrors) {

    /** Every datagram dropped, for whatever reason. */
    public long dropped() {
        return droppedShort + droppedFlags + droppedVni + droppedOversize + droppedForeign;
    }

    @Override
    public String toString() {
        return String.format("%,d datagrams sent, %,d frames received, %,d dropped (%,d short, %,d without the I "
            + "flag, %,d other VNI, %,d oversize, %,d from non-peers), %,d send errors", sent, received, dropped(),
            droppedShort, droppedFlags, droppedVni, droppedOversize, droppedForeign, sendErrors);
    }
}
