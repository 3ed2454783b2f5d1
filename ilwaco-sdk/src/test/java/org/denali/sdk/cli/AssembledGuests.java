package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small guests for the CLI tests, assembled with the host's GNU as/ld and linked at the Denali link base. */
final class AssembledGuests {
    private AssembledGuests() {
    }

    /**
     * Assembles {@code body} after {@code _start:} into {@code dir}/NAME.elf; the {@code denali_idle} and
     * {@code denali_terminate} macros and the {@code VM_ID} register offset are defined.
     */
    static Path assemble(Path dir, String name, String body) throws IOException, InterruptedException {
        Path source = dir.resolve(name + ".s");
        Files.writeString(source, """
            .set VM_ID, 0x008
            .macro denali_idle
            .byte 0x0f, 0x0a
            .endm
            .macro denali_terminate
            .byte 0x0f, 0x0c
            .endm
            .text
            .globl _start
            _start:
            """ + body + "\n");
        Path object = dir.resolve(name + ".o");
        exec("as", "--32", "-o", object.toString(), source.toString());
        Path elf = dir.resolve(name + ".elf");
        exec("ld", "-m", "elf_i386", "-Ttext=0x100000", "-o", elf.toString(), object.toString());
        return elf;
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + output);
    }
}
