package org.denali.emulator.cpu;

import java.util.HexFormat;
import org.denali.emulator.arch.FaultVector;

/**
 * An exception the guest raised.
 *
 * @param vector a {@link FaultVector}
 * @param eip address of the faulting instruction (for #BP: of the instruction after int3)
 * @param address the faulting data or fetch address for #PF, else 0
 * @param instructionBytes the instruction's bytes as far as they could be fetched
 * @param diagnostic human-readable, names the instruction and address
 */
public record Fault(int vector, int eip, int address, byte[] instructionBytes, String diagnostic) {
    @Override
    public String toString() {
        return FaultVector.name(vector) + " at " + String.format("%08x", eip) + " ["
            + HexFormat.ofDelimiter(" ").formatHex(instructionBytes) + "]: " + diagnostic;
    }
}
