package org.denali.emulator.net;

/**
 * The VXLAN header of RFC 7348 §5: eight bytes before the inner Ethernet frame, inside a UDP datagram.
 * <pre>
 *  byte 0      flags: R R R R I R R R (I = 0x08, "the VNI is valid"; the R bits are reserved)
 *  bytes 1-3   reserved
 *  bytes 4-6   VXLAN Network Identifier (24 bits)
 *  byte 7      reserved
 * </pre>
 * Reserved bits are sent as zero and ignored on receipt, as the RFC says; a datagram without the I flag carries no
 * valid VNI and is dropped.
 */
public final class VxlanHeader {
    public static final int LENGTH = 8;
    /** IANA's port for VXLAN (RFC 7348 §5); Linux's {@code ip link add ... type vxlan} also defaults to it. */
    public static final int DEFAULT_PORT = 4789;
    /** The I flag in byte 0. */
    public static final int FLAG_VNI_VALID = 0x08;
    /** VNIs are 24-bit. */
    public static final int MAX_VNI = (1 << 24) - 1;

    private VxlanHeader() {
    }

    /** A datagram carrying {@code frame} on network {@code vni}. */
    public static byte[] encapsulate(int vni, byte[] frame) {
        byte[] datagram = new byte[LENGTH + frame.length];
        datagram[0] = (byte) FLAG_VNI_VALID;
        datagram[4] = (byte) (vni >>> 16);
        datagram[5] = (byte) (vni >>> 8);
        datagram[6] = (byte) vni;
        System.arraycopy(frame, 0, datagram, LENGTH, frame.length);
        return datagram;
    }

    /** Whether the I flag of the header starting at {@code offset} is set. */
    static boolean vniValid(byte[] datagram, int offset) {
        return (datagram[offset] & FLAG_VNI_VALID) != 0;
    }

    /** The VNI of the header starting at {@code offset}. */
    static int vni(byte[] datagram, int offset) {
        return (datagram[offset + 4] & 0xff) << 16 | (datagram[offset + 5] & 0xff) << 8 | datagram[offset + 6] & 0xff;
    }
}
