package org.denali.emulator.net;

/**
 * Which frames of a LAN reach a passt that serves one VM of it. passt believes it serves exactly one guest and
 * plays the gateway for everything else: it learns "the guest's" MAC and address from the frames it sees and
 * answers every ARP request with its own MAC. So only the VM's own frames may reach it, and of those only what is
 * meant for the host side: broadcasts (DHCP, ARP for the gateway or off-subnet addresses) and frames addressed to
 * passt's MAC. An ARP request for another address on the VM's subnet is left to the LAN, or passt would capture
 * the traffic between VMs.
 */
public final class SingleGuestUplinkFilter {
    private static final int ETHERTYPE = 12;
    private static final int ARP_TARGET_ADDRESS = 14 + 24;

    private final MacAddress guest;
    private final GuestAddressing addressing;
    private volatile MacAddress passt;

    /**
     * @param guest the VM passt serves
     * @param addressing its static address, or null if it asks passt by DHCP (then no subnet is known and every
     *     broadcast of the VM passes)
     */
    public SingleGuestUplinkFilter(MacAddress guest, GuestAddressing addressing) {
        this.guest = guest;
        this.addressing = addressing;
    }

    /** Learns passt's MAC from a frame passt sent. */
    void fromHost(byte[] frame) {
        if (frame.length >= 12 && passt == null) {
            passt = MacAddress.of(frame, 6);
        }
    }

    /** Whether {@code frame}, which the switch sends to the uplink, goes on to passt. */
    boolean toHost(byte[] frame) {
        if (frame.length < 14 || !MacAddress.of(frame, 6).equals(guest)) {
            return false; // another VM's frame: passt must not learn its MAC or address
        }
        MacAddress destination = MacAddress.of(frame, 0);
        if (!destination.isGroup()) {
            return destination.equals(passt);
        }
        return !isArpForSubnetPeer(frame);
    }

    private boolean isArpForSubnetPeer(byte[] frame) {
        if (addressing == null || frame.length < ARP_TARGET_ADDRESS + 4
                || (frame[ETHERTYPE] & 0xff) != 0x08 || (frame[ETHERTYPE + 1] & 0xff) != 0x06) {
            return false;
        }
        int target = (frame[ARP_TARGET_ADDRESS] & 0xff) << 24 | (frame[ARP_TARGET_ADDRESS + 1] & 0xff) << 16
            | (frame[ARP_TARGET_ADDRESS + 2] & 0xff) << 8 | frame[ARP_TARGET_ADDRESS + 3] & 0xff;
        int mask = addressing.prefixLength() == 32 ? -1 : ~(-1 >>> addressing.prefixLength());
        boolean onSubnet = (target & mask) == (addressing.address() & mask);
        return onSubnet && target != addressing.gateway();
    }
}
