package org.denali.emulator.net;

/** Sees every frame that enters the switch, once, before forwarding (packet capture, tracing). */
@FunctionalInterface
public interface FrameTap {
    void frame(long epochNanos, byte[] frame);
}
