package org.denali.emulator.debug.monitor;

/** A request the monitor cannot answer; its message becomes the {@code {"error": ...}} reply. */
final class MonitorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MonitorException(String message) {
        super(message);
    }
}
