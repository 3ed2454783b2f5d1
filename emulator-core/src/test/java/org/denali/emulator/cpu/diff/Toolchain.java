package org.denali.emulator.cpu.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host's i386 toolchain (GNU as, ld, gcc -m32) and native execution of the resulting static ELF files.
 * Missing tools are a test failure, never a skip: the real CPU is the oracle of these tests.
 */
public final class Toolchain {
    /** Where the images are linked: the Denali link base, so the emulator needs no large address space. */
    public static final String TEXT_BASE = "0x100000";

    private Toolchain() {
    }

    /** Assembles and links {@code source} (AT&T syntax) into a static i386 executable {@code dir/name}. */
    public static Path assemble(Path dir, String name, String source) throws IOException, InterruptedException {
        Path asm = dir.resolve(name + ".s");
        Files.writeString(asm, source);
        Path object = dir.resolve(name + ".o");
        run(dir, "as", "--32", "-o", object.toString(), asm.toString());
        return link(dir, name, List.of(object));
    }

    /** Compiles freestanding C with the given optimization flags (e.g. "-O2") into an object file. */
    public static Path compileC(Path dir, Path source, String[] optimization, String objectName)
        throws IOException, InterruptedException {
        Path object = dir.resolve(objectName + ".o");
        List<String> command = new ArrayList<>(List.of("gcc", "-m32"));
        command.addAll(List.of(optimization));
        command.addAll(List.of("-ffreestanding", "-fno-pic", "-fno-pie", "-fno-stack-protector", "-mno-sse",
            "-mno-mmx", "-mno-80387", "-fno-asynchronous-unwind-tables", "-nostdlib", "-c", "-o", object.toString(),
            source.toString()));
        run(dir, command.toArray(new String[0]));
        return object;
    }

    public static Path assembleObject(Path dir, String name, String source) throws IOException, InterruptedException {
        Path asm = dir.resolve(name + ".s");
        Files.writeString(asm, source);
        Path object = dir.resolve(name + ".o");
        run(dir, "as", "--32", "-o", object.toString(), asm.toString());
        return object;
    }

    public static Path link(Path dir, String name, List<Path> objects) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("ld", "-m", "elf_i386", "-static",
            "-Ttext-segment=" + TEXT_BASE, "-o", out.toString()));
        objects.forEach(o -> command.add(o.toString()));
        run(dir, command.toArray(new String[0]));
        return out;
    }

    /** Runs the executable natively: its stdout bytes and exit status. */
    public static Execution runNative(Path executable) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(executable.toString()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("native run timed out: " + executable);
        }
        return new Execution(out, p.exitValue());
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("required host tool missing: " + command[0] + " (" + e.getMessage() + ")", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** What a program printed on stdout and its exit status. */
    public record Execution(byte[] stdout, int exitCode) {
        public String text() {
            return new String(stdout, StandardCharsets.ISO_8859_1);
        }
    }
}
