package org.denali.ide.core.rsp;

/**
 * The event path of an {@link RspConnection}: stop replies that end a resume, and the end of the connection.
 * Called on the connection's event thread, never the reader's, so a listener may send requests.
 */
public interface RspEventListener {
    void stopped(StopReply reply);

    /** The connection ended (the stub closed it, or it failed); no more events follow. */
    default void disconnected(String reason) {
    }
}
