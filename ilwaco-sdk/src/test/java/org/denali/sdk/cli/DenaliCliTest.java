package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DenaliCliTest {
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

    private String out() {
        return cli.out();
    }

    private String err() {
        return cli.err();
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(0, denali("help"));
        for (Command c : DenaliCli.commands()) {
            assertTrue(out().contains(c.name()), c.name());
        }
    }

    @Test
    void everyCommandPrintsItsUsageOnHelpAndSucceeds() {
        for (Command c : DenaliCli.commands()) {
            for (List<String> args : List.of(List.of(c.name(), "--help"), List.of(c.name(), "-h"),
                    List.of(c.name(), "some-argument", "--help"))) {
                CliSession session = new CliSession(dir);
                assertEquals(0, session.denali(args.toArray(String[]::new)), args + ": " + session.err());
                assertTrue(session.out().contains("usage: denali " + c.name()), args + " printed " + session.out());
                assertEquals(c.usage() + System.lineSeparator(), session.out(), args + ": the usage, nothing else");
                assertEquals("", session.err(), args + ": no error");
            }
        }
    }

    @Test
    void argumentsAfterTheSeparatorAreNotHelpRequests() {
        assertTrue(DenaliCli.asksForHelp(List.of("image.elf", "-h")));
        assertTrue(!DenaliCli.asksForHelp(List.of("image.elf", "--", "-h")), "a guest's own -h");
        assertTrue(!DenaliCli.asksForHelp(List.of("--memory", "16M")));
    }

    @Test
    void unknownCommandAndUnknownFlagAreUsageErrors() {
        assertEquals(2, denali("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"));
        assertEquals(2, denali("new", "--colour", "x"));
        assertTrue(err().contains("unknown option --colour"), err());
        assertTrue(err().contains("usage: denali new"), err());
    }

    @Test
    void newCreatesAProjectFromTheTemplateAndNeverOverwrites() throws IOException {
        assertEquals(0, denali("new", "echo1"));
        assertTrue(Files.readString(dir.resolve("echo1/hello.c")).contains("Hello from echo1"));
        assertEquals(1, denali("new", "echo1"));
        assertTrue(err().contains("already exists"), err());
        assertEquals(2, denali("new", "--template", "nope", "x"));
        assertTrue(err().contains("no template 'nope'"));
        assertEquals(2, denali("new", "9lives"));
    }

    @Test
    void disasmMatchesObjdumpOnARealImage() throws Exception {
        Path source = dir.resolve("t.s");
        Files.writeString(source, ".globl _start\n_start:\n  movl $1, %eax\n  addl %ebx, %eax\n"
                + "  .byte 0x0f, 0x0c\n");
        Path object = dir.resolve("t.o");
        Path image = dir.resolve("t.elf");
        exec("as", "--32", "-o", object.toString(), source.toString());
        exec("ld", "-m", "elf_i386", "-Ttext=0x100000", "-o", image.toString(), object.toString());
        assertEquals(0, denali("disasm", "t.elf"), err());
        String listing = out();
        assertTrue(listing.contains("<_start>:"), listing);
        assertTrue(listing.contains("mov    $0x1,%eax"), listing);
        assertTrue(listing.contains("add    %ebx,%eax"), listing);
        assertTrue(listing.contains("terminate"), listing);
        String objdump = exec("objdump", "-d", "t.elf");
        assertTrue(objdump.contains("add    %ebx,%eax"), "objdump agrees on the shared lines");
    }

    /**
     * An embedding (this test JVM, the IDE) must not have {@code denali run} read its process's stdin: surefire's
     * own command channel is this JVM's stdin, and a keyboard pump reading it stole the fork's exit handshake.
     */
    @Test
    void anEmbeddedRunNeverReadsTheProcessStdin() throws Exception {
        Path source = dir.resolve("t.s");
        Files.writeString(source, ".globl _start\n_start:\n  movl $0, %eax\n  .byte 0x0f, 0x0c\n");
        exec("as", "--32", "-o", "t.o", source.toString());
        exec("ld", "-m", "elf_i386", "-Ttext=0x100000", "-o", "t.elf", "t.o");
        InputStream original = System.in;
        AtomicBoolean read = new AtomicBoolean();
        System.setIn(new InputStream() {
            @Override
            public int read() {
                read.set(true);
                return -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                read.set(true);
                return -1;
            }
        });
        try {
            CliSession embedded = new CliSession(dir); // its commands are made after System.in was replaced
            assertEquals(0, embedded.denali("run", "t.elf"), embedded.err());
        } finally {
            System.setIn(original);
        }
        assertTrue(!read.get(), "denali run read System.in");
    }

    @Test
    void disasmOfGarbageIsAClearErrorNotAStackTrace() throws IOException {
        Files.write(dir.resolve("junk.elf"), new byte[] {1, 2, 3});
        assertEquals(1, denali("disasm", "junk.elf"));
        assertTrue(err().startsWith("denali disasm: junk.elf: "), err());
        assertTrue(!err().contains("Exception"), err());
        assertEquals(1, denali("disasm", "missing.elf"));
        assertTrue(err().contains("missing.elf: no such file"), err());
    }

    private String exec(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + text);
        return text;
    }
}
