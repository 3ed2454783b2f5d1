package org.denali.emulator.debug;

import org.denali.emulator.cpu.Cpu;

/**
 * A copy of a VM's integer registers in the x86 numbering (EAX ECX EDX EBX ESP EBP ESI EDI), plus EIP and EFLAGS.
 * Segment registers are constants in Denali's flat model (docs/architecture.md §1.1), so they are not stored.
 */
public record CpuRegisters(int[] gprs, int eip, int eflags) {
    public static final int CS = 0x08;
    public static final int DATA_SELECTOR = 0x10;

    public CpuRegisters {
        gprs = gprs.clone();
    }

    static CpuRegisters of(Cpu cpu) {
        int[] gprs = new int[8];
        for (int i = 0; i < 8; i++) {
            gprs[i] = cpu.register(i);
        }
        return new CpuRegisters(gprs, cpu.eip(), cpu.eflags());
    }

    @Override
    public int[] gprs() {
        return gprs.clone();
    }

    public int gpr(int number) {
        return gprs[number];
    }
}
