package org.denali.emulator.kernel.snapshot;

import java.io.IOException;

/** A snapshot file that cannot be used; the message names the file, the offset and the section. */
public final class SnapshotFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public SnapshotFormatException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    /** Where in the file the problem is. */
    public long offset() {
        return offset;
    }
}
