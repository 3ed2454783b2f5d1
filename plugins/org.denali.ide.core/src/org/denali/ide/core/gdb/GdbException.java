package org.denali.ide.core.gdb;

import java.io.IOException;

/** gdb refused a command (its {@code ^error} message) or could not be run. */
public final class GdbException extends IOException {
    private static final long serialVersionUID = 1L;

    public GdbException(String message) {
        super(message);
    }

    public GdbException(String message, Throwable cause) {
        super(message, cause);
    }
}
