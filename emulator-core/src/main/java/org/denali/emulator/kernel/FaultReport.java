package org.denali.emulator.kernel;

import java.util.HexFormat;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.Fault;
import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.cpu.decode.ByteSource;
import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.disasm.AddressNamer;
import org.denali.emulator.disasm.Disassembler;
import org.denali.emulator.kernel.memory.VmMemoryFault;

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

    /**
     * For a failure of the kernel itself while it ran the VM: reported like a fault so the VM, not the host, ends.
     * A {@link VmMemoryFault} (the VM's memory cannot be backed: no backing page left, swap full or corrupt) is no
     * kernel error: it is reported as what it is, a #PF at the access that needed the page.
     */
    public static FaultReport internalError(int vmId, Cpu cpu, RuntimeException error) {
        if (error instanceof VmMemoryFault memory) {
            int address = memory.pageNumber() < 0 ? 0 : memory.pageNumber() * MemoryMap.PAGE_SIZE;
            return of(vmId, new Fault(FaultVector.PF, cpu.eip(), address, new byte[0], memoryFault(memory)), cpu);
        }
        return of(vmId, new Fault(FaultVector.GP, cpu.eip(), 0, new byte[0],
            "kernel error while running this VM: " + error), cpu);
    }

    private static String memoryFault(VmMemoryFault f) {
        String page = f.pageNumber() < 0 ? "" : String.format(" (page %#x)", f.pageNumber());
        String why = switch (f.reason()) {
            case OUT_OF_BACKING_PAGES -> "out of memory: the kernel has no backing page left for this VM" + page;
            case SWAP_FULL -> "out of swap: this VM's swap region is full" + page;
            case SWAP_CORRUPT -> "swap corruption detected: a page read back from swap failed its checksum" + page
                + "; the VM is stopped rather than given bad data";
            case SWAP_IO -> "swap I/O error" + page;
        };
        Throwable cause = f.getCause();
        String detail = f.getMessage().contains(": ") ? f.getMessage().substring(f.getMessage().indexOf(": ") + 2)
            : cause != null ? String.valueOf(cause.getMessage()) : "";
        return why + (detail.isEmpty() ? "" : " — " + detail);
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
