package org.denali.emulator.replay;

/**
 * A log that cannot be replayed (not a recording, another version, truncated, corrupt, or made from other images),
 * or a replay that diverged from its recording. The message is for the user and names the log offset when there
 * is one; nothing is replayed past it.
 */
public final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalException(String message) {
        super(message);
    }
}
