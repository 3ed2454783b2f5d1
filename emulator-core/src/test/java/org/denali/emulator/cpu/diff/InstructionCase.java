package org.denali.emulator.cpu.diff;

/**
 * One differential test case: assembly that sets up operands beyond the template's random registers and
 * memory ({@code setup}, only flag-neutral mov/lea), the instruction(s) under test ({@code body}), and which
 * EFLAGS bits the SDM defines after the body ({@code definedFlags}); undefined bits are not compared.
 */
public record InstructionCase(String family, String setup, String body, int definedFlags) {
    /** All flags the template compares: the six status flags and DF. */
    public static final int ALL_FLAGS = 0xCD5;

    @Override
    public String toString() {
        return family + ": " + (setup.isEmpty() ? "" : "[" + setup.replace("\n", "; ") + "] ")
            + body.replace("\n", "; ");
    }
}
