package org.denali.lang.asm.isa;

import java.util.List;
import java.util.Optional;

/** Denali's two virtual instructions (docs/architecture.md §2) and how assembly writes them. */
public enum VirtualInstruction {
    IDLE("idle", 0x0a, "idle-with-timeout: EAX = timeout in µs (0xFFFFFFFF = forever, 0 = yield); returns EAX = "
        + "WOKE_BY_TIMEOUT (0) or WOKE_BY_INTERRUPT (1)"),
    TERMINATE("terminate", 0x0c, "terminate the VM: EAX = exit code; does not return, memory, devices and queues "
        + "are released");

    private final String name;
    private final int secondByte;
    private final String description;

    VirtualInstruction(String name, int secondByte, String description) {
        this.name = name;
        this.secondByte = secondByte;
        this.description = description;
    }

    public String mnemonic() {
        return name;
    }

    public String description() {
        return description;
    }

    /** What to write in a .S file, since GNU as has no mnemonic for it. */
    public String byteDirective() {
        return String.format(".byte 0x0f, 0x%02x", secondByte);
    }

    /** The bytes 0F xx. */
    public List<Integer> bytes() {
        return List.of(0x0f, secondByte);
    }

    public static Optional<VirtualInstruction> byMnemonic(String name) {
        for (VirtualInstruction v : values()) {
            if (v.name.equals(name)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The virtual instruction a `.byte` directive spells, if its values are exactly its two bytes. */
    public static Optional<VirtualInstruction> byBytes(List<Long> values) {
        for (VirtualInstruction v : values()) {
            if (values.size() == 2 && values.get(0) == 0x0f && values.get(1) == v.secondByte) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
