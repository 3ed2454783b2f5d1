package org.denali.ide.views.registers;

import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.debug.VirtualRegister;

/**
 * What each Denali virtual register's value means, in words (docs/architecture.md §3): times as seconds, sizes in
 * KiB/MiB, the CPU speed in MHz, flags as yes/no, interrupt masks as the devices' line names.
 */
public final class RegisterMeanings {
    private RegisterMeanings() {
    }

    public static String describe(String register, long value) {
        return switch (register) {
            case "magic" -> "'" + ascii(value) + "'" + (value == 0x494C4E44L ? " (Denali register page)" : " (not Denali's!)");
            case "version" -> "register page layout version " + value;
            case "vm_id" -> "this is VM " + value;
            case "cpu_speed_khz" -> String.format("virtual CPU at %.1f MHz (timing: instructions / speed)", value / 1000.0);
            case "memory_size", "image_end" -> size(value) + (register.equals("image_end") ? " (heap starts here)" : " accessible");
            case "system_time_us" -> String.format("%.6f s since the VM started", value / 1e6);
            case "interrupts_enabled" -> value != 0 ? "yes: pending lines are delivered" : "no: lines stay pending";
            case "pending_interrupts" -> value == 0 ? "nothing pending" : "pending: " + lines(value);
            case "interrupt_handler" -> value == 0 ? "no handler set" : String.format("handler at 0x%08x", value);
            case "delivered_interrupts" -> value == 0 ? "no batch being handled" : "handling: " + lines(value);
            case "instructions_retired" -> String.format("%,d instructions executed", value);
            case "wake_reason" -> value == 0 ? "last idle ended by its timeout" : value == 1
                    ? "last idle ended by an interrupt" : "wake reason " + value;
            case "nic_ipv4" -> value == 0 ? "no static address (DHCP)" : ipv4(value);
            case "nic_mtu" -> value == 0 ? "no network interface" : "MTU " + value + " bytes";
            case "disk_count" -> value + " disk" + (value == 1 ? "" : "s") + " granted";
            case "keyboard_available" -> value + " byte" + (value == 1 ? "" : "s") + " typed, not yet read";
            case "nic_rx_queued" -> value + " frame" + (value == 1 ? "" : "s") + " received, not yet read";
            default -> "";
        };
    }

    /**
     * The value in hex with as many digits as the register has bytes (the two 64-bit registers get 16), so a
     * 64-bit value is never shown cut to its low half.
     */
    public static String hex(String register, long value) {
        int size = VirtualRegister.ALL.stream().filter(r -> r.name().equals(register)).mapToInt(VirtualRegister::size)
                .findFirst().orElse(value >>> 32 == 0 ? 4 : 8);
        return String.format("0x%0" + (2 * size) + "x", value);
    }

    /** The line names of the bits in {@code mask}: "TIMER, NIC". */
    public static String lines(long mask) {
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < 32; line++) {
            if ((mask & 1L << line) != 0) {
                sb.append(sb.length() == 0 ? "" : ", ")
                        .append(line < InterruptLines.COUNT ? InterruptLines.name(line) : "line " + line);
            }
        }
        return sb.toString();
    }

    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }

    private static String ascii(long value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int c = (int) (value >>> (8 * i)) & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        return sb.toString();
    }

    /**
     * NIC_IPV4 holds the address in network byte order, so its first octet is the first byte in memory: the low
     * byte of the little-endian value the kernel reports (10.0.0.3 reads 0x0300000a).
     */
    static String ipv4(long value) {
        return String.format("%d.%d.%d.%d", value & 0xFF, value >>> 8 & 0xFF, value >>> 16 & 0xFF, value >>> 24 & 0xFF);
    }
}
