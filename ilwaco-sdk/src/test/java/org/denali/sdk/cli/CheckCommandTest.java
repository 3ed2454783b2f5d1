package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @TempDir
    Path dir;

    private CliSession cli;

    @BeforeEach
    void session() {
        cli = new CliSession(dir);
    }

    private int denali(String... args) {
        return cli.denali(args);
    }

    private String err() {
        return cli.err();
    }

    @Test
    void cleanFileExitsZeroSilently() throws IOException {
        Files.writeString(dir.resolve("ok.S"), "    .text\nf:\n    movl $1, %eax\n    ret\n");
        assertEquals(0, denali("check", "ok.S"));
        assertEquals("", err());
    }

    @Test
    void errorsArePrintedGccStyleAndFailTheCheck() throws IOException {
        Files.writeString(dir.resolve("bad.S"), "f:\n    cli\n    movl %ax, %ebx\n");
        assertEquals(1, denali("check", "bad.S"));
        assertEquals("bad.S:2:5: error: cli: not part of the Denali ISA, interrupt enabling is a virtual register "
            + "(write INTERRUPTS_ENABLED in the register page, §3)\n"
            + "bad.S:3:10: error: movl: suffix 'l' (32-bit) does not match %ax (16-bit)\n"
            + "denali check: 2 error(s), 0 warning(s)\n", err());
    }

    @Test
    void warningsAloneDoNotFail() throws IOException {
        Files.writeString(dir.resolve("warn.s"), "    .frobnicate 1\n");
        assertEquals(0, denali("check", "warn.s"));
        assertTrue(err().startsWith("warn.s:1:5: warning: unknown directive .frobnicate\n"), err());
    }

    @Test
    void directoriesAreWalkedAndMissingFilesFail() throws IOException {
        Files.createDirectories(dir.resolve("src/build"));
        Files.writeString(dir.resolve("src/a.S"), "f:\n    ret\n");
        Files.writeString(dir.resolve("src/build/generated.S"), "    cli\n");
        assertEquals(0, denali("check", "src"));
        assertEquals(1, denali("check", "missing.S"));
        assertTrue(err().contains("denali check: missing.S: no such file"), err());
    }

    @Test
    void ilwacoSourcesAreClean() {
        Path libilwaco = Path.of("libilwaco").toAbsolutePath();
        assertEquals(0, denali("check", libilwaco.toString()), err());
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertEquals(2, denali("check"));
    }
}
