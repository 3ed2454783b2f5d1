package org.denali.emulator.kernel.bench;

import java.util.Random;
import org.denali.emulator.kernel.GuestImage;

/**
 * The guests of the hostile soak, built in memory: each kind attacks the kernel its own way, and the bystander
 * checks that none of it reached it.
 */
final class HostileGuests {
    /** Bystander pattern pages: [BYSTANDER_FROM, BYSTANDER_TO). */
    static final int BYSTANDER_FROM = 0x200000;
    static final int BYSTANDER_TO = 0x220000;
    /** Exit code of a bystander whose pattern changed under it. */
    static final int PATTERN_LOST = 9;

    private HostileGuests() {
    }

    /** {@code length} random bytes, entered at the first: one random instruction stream. */
    static GuestImage randomBytes(Random random, int length) {
        byte[] text = new byte[length];
        random.nextBytes(text);
        return GuestCode.elf(text);
    }

    /** Stores pseudo-random values at pseudo-random addresses until it faults. */
    static GuestImage wildWriter(int seed) {
        return new GuestCode().bytes(0xB8).imm32(seed)
            .label("next").bytes(0x69, 0xC0).imm32(1103515245).bytes(0x05).imm32(12345) // eax = eax*a + c
            .bytes(0x89, 0xC3).bytes(0x89, 0x03)                                          // mov %eax,(%eax)
            .jump(0xEB, "next").image();
    }

    /** out and in on pseudo-random ports until one faults. */
    static GuestImage portProber(int seed) {
        return new GuestCode().bytes(0xB8).imm32(seed)
            .label("next").bytes(0x69, 0xC0).imm32(1103515245).bytes(0x05).imm32(12345)
            .bytes(0x89, 0xC2).bytes(0xEE).bytes(0xEC)                                    // out/in (%dx)
            .jump(0xEB, "next").image();
    }

    /** Touches every page from 2M to the top of its memory, then terminates with 0 (if the budget lets it). */
    static GuestImage memoryHog() {
        return new GuestCode().bytes(0xBE).imm32(BYSTANDER_FROM).bytes(0x8B, 0x3D).imm32(0x10) // esi, edi=size
            .label("touch").bytes(0x89, 0x36).bytes(0x81, 0xC6).imm32(4096).bytes(0x39, 0xFE)
            .jump(0x72, "touch").bytes(0x31, 0xC0).terminate().image();
    }

    /** {@code jmp .}: ends only at the instruction limit. */
    static GuestImage spinner() {
        return new GuestCode().label("self").jump(0xEB, "self").image();
    }

    /** Faults at once: kind 0 #UD (ud2), 1 #DE (div by 0), 2 #PF (a kernel address). */
    static GuestImage faulting(int kind) {
        GuestCode c = new GuestCode();
        return switch (kind % 3) {
            case 0 -> c.bytes(0x0F, 0x0B).image();
            case 1 -> c.bytes(0x31, 0xD2, 0x31, 0xC9, 0xF7, 0xF1).image();
            default -> c.bytes(0xA1).imm32(0xC0000000).image();
        };
    }

    /**
     * Writes {@code address ^ key} into its pattern pages, idles 1 ms, checks them, {@code rounds} times; then
     * terminates with 0, or with {@link #PATTERN_LOST} at the first word that changed.
     */
    static GuestImage bystander(int key, int rounds) {
        return new GuestCode().bytes(0xBF).imm32(rounds)
            .label("round").bytes(0xBE).imm32(BYSTANDER_FROM)
            .label("fill").bytes(0x89, 0xF0).bytes(0x35).imm32(key).bytes(0x89, 0x06)
            .bytes(0x81, 0xC6).imm32(4096).bytes(0x81, 0xFE).imm32(BYSTANDER_TO).jump(0x72, "fill")
            .bytes(0xB8).imm32(1000).idle()
            .bytes(0xBE).imm32(BYSTANDER_FROM)
            .label("check").bytes(0x89, 0xF0).bytes(0x35).imm32(key).bytes(0x39, 0x06).jump(0x75, "bad")
            .bytes(0x81, 0xC6).imm32(4096).bytes(0x81, 0xFE).imm32(BYSTANDER_TO).jump(0x72, "check")
            .bytes(0x4F).jump(0x75, "round")
            .bytes(0x31, 0xC0).terminate()
            .label("bad").bytes(0xB8).imm32(PATTERN_LOST).terminate().image();
    }
}
