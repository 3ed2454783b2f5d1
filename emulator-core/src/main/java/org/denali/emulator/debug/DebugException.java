package org.denali.emulator.debug;

/** A debugger command that cannot be carried out (no such VM, VM running, address outside memory...). */
public final class DebugException extends RuntimeException {
    public DebugException(String message) {
        super(message);
    }
}
