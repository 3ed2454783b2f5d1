package org.denali.ide.core.rsp;

import java.io.IOException;

/** A request the stub refused ({@code Exx}, or an empty "unsupported" reply where one was required). */
public final class RspException extends IOException {
    private static final long serialVersionUID = 1L;

    public RspException(String message) {
        super(message);
    }
}
