package org.denali.emulator.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a kernel's VXLAN tunnel endpoint listens, the peers its LAN is linked to, and the network identifier they
 * share: {@code --vxlan LOCAL[:PORT] --vxlan-peer HOST[:PORT],… --vni N}. Ports default to 4789, as with Linux.
 */
public record VxlanConfig(InetSocketAddress local, List<InetSocketAddress> peers, int vni) {

    public VxlanConfig {
        if (local == null || local.isUnresolved()) {
            throw new IllegalArgumentException("a VXLAN endpoint needs a local address");
        }
        peers = List.copyOf(peers);
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("a VXLAN endpoint needs at least one peer");
        }
        for (InetSocketAddress peer : peers) {
            if (peer.isUnresolved() || peer.getPort() == 0) {
                throw new IllegalArgumentException("VXLAN peer " + peer + " has no address or port");
            }
            if (peer.equals(local)) {
                throw new IllegalArgumentException("VXLAN peer " + format(peer) + " is this endpoint itself");
            }
        }
        if (peers.stream().distinct().count() != peers.size()) {
            throw new IllegalArgumentException("a VXLAN peer is named twice");
        }
        if (vni < 0 || vni > VxlanHeader.MAX_VNI) {
            throw new IllegalArgumentException("a VNI is 24 bits: 0.." + VxlanHeader.MAX_VNI + ", not " + vni);
        }
    }

    /**
     * {@code HOST[:PORT]} (an IPv4 address or a host name; port 0 only for the local endpoint, meaning any free
     * one). {@code what} names the setting in the error.
     */
    public static InetSocketAddress endpoint(String text, String what, boolean local) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " expects HOST[:PORT], e.g. 192.0.2.10:" + VxlanHeader.DEFAULT_PORT);
        }
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        int port = VxlanHeader.DEFAULT_PORT;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < (local ? 0 : 1) || port > 65535) {
                throw new IllegalArgumentException(what + " " + text + ": the UDP port must be in " + (local ? 0 : 1)
                    + "..65535");
            }
        }
        if (host.isEmpty() || host.contains(":")) {
            throw new IllegalArgumentException(what + " " + text + ": expected HOST[:PORT] with an IPv4 address or a "
                + "host name");
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return new InetSocketAddress(address, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + " " + text + ": unknown host " + host);
        }
    }

    /** A comma-separated list of {@link #endpoint peers}. */
    public static List<InetSocketAddress> peers(String text, String what) {
        List<InetSocketAddress> peers = new ArrayList<>();
        for (String item : (text == null ? "" : text).split(",", -1)) {
            peers.add(endpoint(item.trim(), what, false));
        }
        return peers;
    }

    /** A VNI in 0..2^24-1, from its decimal text. */
    public static int vni(String text, String what) {
        try {
            int vni = Integer.parseInt(text.trim());
            if (vni >= 0 && vni <= VxlanHeader.MAX_VNI) {
                return vni;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " expects a VXLAN network identifier 0.." + VxlanHeader.MAX_VNI
            + ", not '" + text + "'");
    }

    /** {@code 192.0.2.10:4789}. */
    public static String format(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
