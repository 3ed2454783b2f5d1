package org.denali.emulator.net;

/**
 * Decides whether the switch loses a frame, to exercise guests' retransmission on a lossy LAN. Only tests install
 * one: the kernel's LAN is lossless unless a policy says otherwise (a full receive queue aside).
 */
@FunctionalInterface
public interface FrameDropPolicy {
    /** The switch never drops a frame: the default. */
    FrameDropPolicy NONE = (fromPort, frame) -> false;

    /**
     * @param fromPort the switch port the frame entered on
     * @param frame    the whole Ethernet frame (do not modify)
     * @return true to drop it after the taps saw it (captures show what was sent, not what arrived)
     */
    boolean drop(int fromPort, byte[] frame);
}
