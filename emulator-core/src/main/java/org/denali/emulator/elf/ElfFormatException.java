package org.denali.emulator.elf;

/** The file is not a loadable Denali guest image; the message says why in terms a guest developer can act on. */
public final class ElfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }
}
