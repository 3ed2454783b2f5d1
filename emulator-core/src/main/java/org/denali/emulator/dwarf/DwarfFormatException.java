package org.denali.emulator.dwarf;

/** The debug information is malformed or uses a form this reader does not support; the message says which. */
public final class DwarfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public DwarfFormatException(String message) {
        super(message);
    }
}
