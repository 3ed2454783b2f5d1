package org.denali.emulator.debug.history;

/** A seek the history cannot do (outside it, a VM it does not know, a replay that diverged); the message says why. */
public final class HistoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HistoryException(String message) {
        super(message);
    }
}
