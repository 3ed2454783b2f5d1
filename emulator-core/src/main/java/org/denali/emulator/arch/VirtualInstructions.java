package org.denali.emulator.arch;

/**
 * Denali's two purely virtual instructions. Both use two-byte opcodes that x86 leaves undefined (a real CPU
 * raises #UD on them), so they can never collide with anything gcc emits. GNU as writes them with
 * {@code .byte 0x0f, 0x0a} and {@code .byte 0x0f, 0x0c}; denali.h wraps them as inline functions.
 */
public final class VirtualInstructions {
    /** First opcode byte of both virtual instructions. */
    public static final int ESCAPE = 0x0F;

    /**
     * {@code idle} (idle-with-timeout), bytes 0F 0A. EAX = timeout in microseconds of physical (or, in
     * deterministic mode, virtual) time; {@link #IDLE_FOREVER} waits for an interrupt only; 0 merely yields.
     * On wake EAX = {@link #WOKE_BY_TIMEOUT} or {@link #WOKE_BY_INTERRUPT}.
     */
    public static final int IDLE_OPCODE = 0x0A;

    /** {@code terminate}, bytes 0F 0C. EAX = exit code. The VM ends and its resources are released. */
    public static final int TERMINATE_OPCODE = 0x0C;

    public static final int IDLE_FOREVER = 0xFFFF_FFFF;
    public static final int WOKE_BY_TIMEOUT = 0;
    public static final int WOKE_BY_INTERRUPT = 1;

    public static final String IDLE_MNEMONIC = "idle";
    public static final String TERMINATE_MNEMONIC = "terminate";

    private VirtualInstructions() {
    }
}
