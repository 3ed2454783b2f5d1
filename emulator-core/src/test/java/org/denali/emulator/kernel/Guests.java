package org.denali.emulator.kernel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.denali.emulator.cpu.diff.Toolchain;

/**
 * Builds small guest images for kernel tests with the host's as/ld (linked at 0x100000 by the CPU tests'
 * {@link Toolchain}). The prelude names the virtual registers, ports and the two Denali instructions.
 */
final class Guests {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    static final String PRELUDE = """
        .set MAGIC, 0x000
        .set VM_ID, 0x008
        .set CPU_SPEED_KHZ, 0x00c
        .set MEMORY_SIZE, 0x010
        .set IMAGE_END, 0x014
        .set SYSTEM_TIME_US, 0x018
        .set INTERRUPTS_ENABLED, 0x020
        .set PENDING_INTERRUPTS, 0x024
        .set INTERRUPT_HANDLER, 0x028
        .set DELIVERED_INTERRUPTS, 0x02c
        .set INSTRUCTIONS_RETIRED, 0x030
        .set WAKE_REASON, 0x038
        .set KEYBOARD_AVAILABLE, 0x084
        .set CONSOLE_PUTC, 0x10
        .set CONSOLE_WRITE, 0x11
        .set KEYBOARD_READ, 0x20
        .set TIMER_ARM, 0x30
        .set TIMER_PERIODIC, 0x31
        .macro denali_idle
        .byte 0x0f, 0x0a
        .endm
        .macro denali_terminate
        .byte 0x0f, 0x0c
        .endm
        .macro putc ch
        mov $\\ch, %al
        out %al, $CONSOLE_PUTC
        .endm
        .macro exit code
        mov $\\code, %eax
        denali_terminate
        .endm
        """;

    private Guests() {
    }

    /** Assembles {@code body} (AT&T, entry {@code _start} at the top of .text) into a guest image. */
    static GuestImage image(String body) throws Exception {
        return GuestImage.parse(Files.readAllBytes(elf(body)));
    }

    static Path elf(String body) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "kernel-guests").toAbsolutePath());
        String source = PRELUDE + ".text\n.globl _start\n_start:\n" + body + "\n";
        return Toolchain.assemble(dir, "guest" + COUNTER.incrementAndGet(), source);
    }

    static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
