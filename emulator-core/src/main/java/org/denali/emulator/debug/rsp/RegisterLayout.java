package org.denali.emulator.debug.rsp;

import java.util.List;
import org.denali.emulator.debug.CpuRegisters;
import org.denali.emulator.debug.VirtualRegister;

/**
 * gdb's register numbering for Denali, fixed by {@link TargetDescription}: 0-15 the i386 core registers
 * (eax..edi, eip, eflags, cs ss ds es fs gs), 16-23 st0-st7 (10 bytes each) and 24-31 the x87 control registers —
 * always zero, Denali has no FPU, but gdb's i386 core feature requires them — then the virtual registers from 32
 * on. The 'g' packet carries registers 0-31 (176 bytes); virtual registers are read and written with 'p'/'P'.
 */
final class RegisterLayout {
    static final int EIP = 8;
    static final int EFLAGS = 9;
    static final int FIRST_SEGMENT = 10;
    static final int FIRST_X87 = 16;
    static final int FIRST_X87_CONTROL = 24;
    static final int FIRST_VIRTUAL = 32;
    static final int G_PACKET_BYTES = 16 * 4 + 8 * 10 + 8 * 4;
    static final List<String> CORE_NAMES = List.of("eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip",
        "eflags", "cs", "ss", "ds", "es", "fs", "gs");
    static final List<String> X87_CONTROL_NAMES = List.of("fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg",
        "fooff", "fop");
    /** Selector values of cs ss ds es fs gs in Denali's flat model (docs/architecture.md §1.1). */
    private static final int[] SEGMENTS = {CpuRegisters.CS, CpuRegisters.DATA_SELECTOR, CpuRegisters.DATA_SELECTOR,
        CpuRegisters.DATA_SELECTOR, 0, 0};

    private RegisterLayout() {
    }

    static int registerCount() {
        return FIRST_VIRTUAL + VirtualRegister.ALL.size();
    }

    /** Size in bytes of register {@code number}, or -1 if there is no such register. */
    static int size(int number) {
        if (number < 0 || number >= registerCount()) {
            return -1;
        }
        if (number >= FIRST_VIRTUAL) {
            return VirtualRegister.ALL.get(number - FIRST_VIRTUAL).size();
        }
        return number >= FIRST_X87 && number < FIRST_X87_CONTROL ? 10 : 4;
    }

    /** The 'g' reply: registers 0-31 in target byte order. */
    static String encodeCore(CpuRegisters regs) {
        StringBuilder sb = new StringBuilder(G_PACKET_BYTES * 2);
        for (int i = 0; i < FIRST_VIRTUAL; i++) {
            sb.append(Hex.littleEndian(coreValue(regs, i), size(i)));
        }
        return sb.toString();
    }

    /** The value of core register {@code number} (0-31); x87 registers are 0. */
    static long coreValue(CpuRegisters regs, int number) {
        if (number < EIP) {
            return Integer.toUnsignedLong(regs.gpr(number));
        }
        if (number == EIP) {
            return Integer.toUnsignedLong(regs.eip());
        }
        if (number == EFLAGS) {
            return Integer.toUnsignedLong(regs.eflags());
        }
        if (number < FIRST_X87) {
            return SEGMENTS[number - FIRST_SEGMENT];
        }
        return 0;
    }

    /** Registers after a 'G' write of {@code hex}; null if malformed. Segment and x87 values are ignored. */
    static CpuRegisters decodeCore(String hex, CpuRegisters current) {
        if (hex.length() < 10 * 8) {
            return null;
        }
        int[] gprs = current.gprs();
        for (int i = 0; i < 8; i++) {
            Long v = Hex.parseLittleEndian(hex, i * 8, 4);
            if (v == null) {
                return null;
            }
            gprs[i] = v.intValue();
        }
        Long eip = Hex.parseLittleEndian(hex, EIP * 8, 4);
        Long eflags = Hex.parseLittleEndian(hex, EFLAGS * 8, 4);
        if (eip == null || eflags == null) {
            return null;
        }
        return new CpuRegisters(gprs, eip.intValue(), eflags.intValue());
    }

    /** {@code regs} with core register {@code number} set; unchanged for segment and x87 registers. */
    static CpuRegisters withCore(CpuRegisters regs, int number, int value) {
        if (number < EIP) {
            int[] gprs = regs.gprs();
            gprs[number] = value;
            return new CpuRegisters(gprs, regs.eip(), regs.eflags());
        }
        if (number == EIP) {
            return new CpuRegisters(regs.gprs(), value, regs.eflags());
        }
        if (number == EFLAGS) {
            return new CpuRegisters(regs.gprs(), regs.eip(), value);
        }
        return regs;
    }
}
