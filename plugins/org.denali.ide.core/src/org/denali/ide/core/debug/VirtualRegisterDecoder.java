package org.denali.ide.core.debug;

import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.arch.VirtualInstructions;
import org.denali.emulator.arch.VirtualRegisters;

/**
 * The meaning of a Denali virtual register's raw value (docs/architecture.md §3), as text for the Registers view:
 * times with units, sizes in KiB/MiB, interrupt bitmasks as line names, flags as words, addresses with symbols.
 */
public final class VirtualRegisterDecoder {
    private final GuestSymbols symbols;

    public VirtualRegisterDecoder(GuestSymbols symbols) {
        this.symbols = symbols;
    }

    public String describe(String register, long value) {
        return switch (register) {
            case "magic" -> hex(value) + (value == VirtualRegisters.MAGIC_VALUE ? " (\"DNLI\": a Denali VM)"
                    : " (not Denali's magic)");
            case "vm_id", "version", "disk_count", "keyboard_available", "nic_rx_queued" -> Long.toString(value);
            case "cpu_speed_khz" -> value + " kHz (" + scaled(value * 1000, "Hz") + ")";
            case "memory_size" -> value + " bytes (" + bytes(value) + ")";
            case "image_end", "interrupt_handler" -> hex(value) + (value == 0 ? " (none)" : " <"
                    + symbols.describe((int) value) + ">");
            case "system_time_us" -> value + " us (" + String.format("%.3f ms", value / 1000.0) + ")";
            case "interrupts_enabled" -> value + (value != 0 ? " (enabled)" : " (disabled)");
            case "pending_interrupts", "delivered_interrupts" -> hex(value) + " " + lines(value);
            case "instructions_retired" -> String.format("%,d", value);
            case "wake_reason" -> value + (value == VirtualInstructions.WOKE_BY_TIMEOUT ? " (timeout)"
                    : value == VirtualInstructions.WOKE_BY_INTERRUPT ? " (interrupt)" : " (unknown)");
            case "nic_ipv4" -> value == 0 ? "0 (DHCP)" : ipv4(value);
            case "nic_mtu" -> value + " bytes";
            default -> hex(value);
        };
    }

    /** "{TIMER, DISK}" for the set bits, "{}" for none. */
    static String lines(long mask) {
        List<String> names = new ArrayList<>();
        for (int line = 0; line < InterruptLines.COUNT; line++) {
            if ((mask & (1L << line)) != 0) {
                names.add(InterruptLines.name(line));
            }
        }
        if ((mask >>> InterruptLines.COUNT) != 0) {
            names.add("0x" + Long.toHexString(mask >>> InterruptLines.COUNT << InterruptLines.COUNT));
        }
        return "{" + String.join(", ", names) + "}";
    }

    public static String hex(long value) {
        return String.format("0x%08x", value);
    }

    /** Network byte order: the first byte in memory, the low byte of the little-endian value, is the first octet. */
    private static String ipv4(long value) {
        return (value & 0xFF) + "." + (value >>> 8 & 0xFF) + "." + (value >>> 16 & 0xFF) + "." + (value >>> 24 & 0xFF);
    }

    private static String bytes(long value) {
        if (value >= 1 << 20 && value % (1 << 20) == 0) {
            return value / (1 << 20) + " MiB";
        }
        return value % 1024 == 0 ? value / 1024 + " KiB" : value + " B";
    }

    private static String scaled(long value, String unit) {
        if (value >= 1_000_000_000L && value % 1_000_000_000L == 0) {
            return value / 1_000_000_000L + " G" + unit;
        }
        if (value >= 1_000_000 && value % 1_000_000 == 0) {
            return value / 1_000_000 + " M" + unit;
        }
        return value + " " + unit;
    }
}
