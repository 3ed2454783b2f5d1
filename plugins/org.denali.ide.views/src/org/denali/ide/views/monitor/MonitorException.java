package org.denali.ide.views.monitor;

/** The monitor answered {@code {"error": ...}}, or with something that is not the documented reply. */
public final class MonitorException extends Exception {
    private static final long serialVersionUID = 1L;

    public MonitorException(String message) {
        super(message);
    }
}
