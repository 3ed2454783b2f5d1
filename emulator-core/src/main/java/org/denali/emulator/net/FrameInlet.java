package org.denali.emulator.net;

/**
 * Where a host uplink hands the frames it receives: the switch itself ({@link EthernetSwitch#forward}), or a
 * recording that lets them enter the switch at the kernel's next scheduling point.
 */
@FunctionalInterface
public interface FrameInlet {
    void forward(int fromPort, byte[] frame);
}
