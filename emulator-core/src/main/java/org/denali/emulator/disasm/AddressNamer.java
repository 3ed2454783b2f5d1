package org.denali.emulator.disasm;

/** Writes a code address the way objdump writes branch targets. */
@FunctionalInterface
public interface AddressNamer {
    /** @param address an unsigned 32-bit address held in a long */
    String name(long address);

    /** Without a symbol table objdump writes targets as plain hex with a "0x" prefix. */
    static AddressNamer plain() {
        return address -> "0x" + Long.toHexString(address);
    }
}
