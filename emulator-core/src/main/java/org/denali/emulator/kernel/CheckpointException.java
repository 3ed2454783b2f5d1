package org.denali.emulator.kernel;

/**
 * A checkpoint cannot be taken of this kernel, or cannot be restored into it; the message says which part and why
 * (it is shown to users as it is).
 */
public final class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
