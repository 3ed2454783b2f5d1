package org.denali.sdk.cli;

/** A command line that does not make sense; the message says what is wrong, in the user's terms. */
public class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
