package org.denali.ide.core.rsp;

/**
 * Sees every packet of an {@link RspConnection} (payloads, unescaped; {@code ^C} for an interrupt), for protocol
 * tracing. Called on the thread that sends or the connection's reader: it must be quick and must not block.
 */
public interface PacketTracer {
    PacketTracer NONE = new PacketTracer() {
        @Override
        public void sent(String payload) {
        }

        @Override
        public void received(String payload) {
        }
    };

    void sent(String payload);

    void received(String payload);
}
