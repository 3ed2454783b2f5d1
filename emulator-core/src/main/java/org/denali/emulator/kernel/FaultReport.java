package org.denali.emulator.kernel;

import java.util.HexFormat;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.Fault;
import org.denali.emulator.cpu.FaultVector;
import org.denali.emulator.cpu.decode.ByteSource;
import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.disasm.AddressNamer;
import org.denali.emulator.disasm.Disassembler;

/**
 * Everything a developer needs about a guest fault (docs/architecture.md §1.3-§1.4): vector, EIP, faulting
 * address, instruction bytes and their disassembly, and the register file at the fault.
 *
 * @param registers EAX..EDI in x86 register-number order
 */
public record FaultReport(int vmId, int vector, int eip, int address, byte[] instructionBytes, String disassembly,
        String diagnostic, int[] registers, int eflags) {

    /** Builds the report from the CPU's fault, reading the registers of the stopped CPU. */
    public static FaultReport of(int vmId, Fault fault, Cpu cpu) {
        int[] regs = new int[8];
        for (int i = 0; i < 8; i++) {
            regs[i] = cpu.register(i);
        }
        return new FaultReport(vmId, fault.vector(), fault.eip(), fault.address(), fault.instructionBytes().clone(),
            disassemble(fault.instructionBytes(), fault.eip()), fault.diagnostic(), regs, cpu.eflags());
    }

    /** For a failure of the kernel itself while it ran the VM: reported like a fault so the VM, not the host, ends. */
    public static FaultReport internalError(int vmId, Cpu cpu, RuntimeException error) {
        return of(vmId, new Fault(FaultVector.GP, cpu.eip(), 0, new byte[0],
            "kernel error while running this VM: " + error), cpu);
    }

    static String disassemble(byte[] bytes, int eip) {
        if (bytes.length == 0) {
            return "";
        }
        try {
            return new Disassembler(AddressNamer.plain()).disassembleOne(ByteSource.of(bytes, eip), eip & 0xFFFF_FFFFL)
                .text();
        } catch (RuntimeException undecodable) {
            return "(undecodable)";
        }
    }

    /** One line: {@code VM 2 faulted: #UD at EIP=0x00100234 (address -) bytes 0f 0b "ud2": diagnostic}. */
    public String summary() {
        String where = vector == FaultVector.PF ? String.format("0x%08x", address) : "-";
        return String.format("VM %d faulted: %s at EIP=0x%08x (address %s) bytes %s%s: %s", vmId,
            FaultVector.name(vector), eip, where, HexFormat.ofDelimiter(" ").formatHex(instructionBytes),
            disassembly.isEmpty() ? "" : " \"" + disassembly + "\"", diagnostic);
    }

    /** The summary plus the register file. */
    public String describe() {
        StringBuilder s = new StringBuilder(summary()).append('\n');
        for (int i = 0; i < 8; i++) {
            s.append(String.format("  %s=%08x", Registers.name(4, i), registers[i]));
            if (i == 3) {
                s.append('\n');
            }
        }
        return s.append(String.format("\n  eip=%08x eflags=%08x", eip, eflags)).toString();
    }
}
