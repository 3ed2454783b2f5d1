package org.denali.emulator.cpu.diff;

/**
 * One differential test case: assembly that sets up operands beyond the template's random registers and
 * memory ({@code setup}, only flag-neutral mov/lea), the instruction(s) under test ({@code body}), and the value CL
 * holds when the body runs if the body shifts by CL ({@code clCount}, -1 when not set up). Which EFLAGS bits are
 * compared is not decided here: {@link UndefinedFlagMasks} decodes the assembled body and reads the emulator's
 * table of undefined flags.
 */
public record InstructionCase(String family, String setup, String body, int clCount) {
    /** All flags the template compares: the six status flags and DF. */
    public static final int ALL_FLAGS = 0xCD5;

    public InstructionCase(String family, String setup, String body) {
        this(family, setup, body, -1);
    }

    @Override
    public String toString() {
        return family + ": " + (setup.isEmpty() ? "" : "[" + setup.replace("\n", "; ") + "] ")
            + body.replace("\n", "; ");
    }
}
