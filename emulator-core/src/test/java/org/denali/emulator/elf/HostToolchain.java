package org.denali.emulator.elf;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host's GNU toolchain (as, ld, gcc, objdump, readelf) for tests that compare against it. A missing tool
 * fails the test: these comparisons are the point of the tests, so they must not be skipped silently.
 */
public final class HostToolchain {
    private final Path workDir;

    public HostToolchain(Path workDir) {
        this.workDir = workDir;
    }

    public Path workDir() {
        return workDir;
    }

    /** Assembles {@code source} with {@code as --32} and links it at the Denali link base. */
    public Path assembleAndLink(String name, String source) {
        Path s = write(name + ".s", source);
        Path o = workDir.resolve(name + ".o");
        Path elf = workDir.resolve(name + ".elf");
        run("as", "--32", "-o", o.toString(), s.toString());
        run("ld", "-m", "elf_i386", "-Ttext=0x100000", "-e", "_start", "-o", elf.toString(), o.toString());
        return elf;
    }

    /** Compiles freestanding C for i386 and links it at the Denali link base with {@code main} as entry. */
    public Path compileAndLink(String name, String cSource, String... gccFlags) {
        Path c = write(name + ".c", cSource);
        Path o = workDir.resolve(name + ".o");
        Path elf = workDir.resolve(name + ".elf");
        List<String> cc = new ArrayList<>(List.of("gcc", "-m32", "-ffreestanding", "-fno-pic", "-fno-pie",
                "-nostdlib", "-fno-stack-protector", "-fno-asynchronous-unwind-tables", "-c", "-o", o.toString()));
        cc.addAll(List.of(gccFlags));
        cc.add(c.toString());
        run(cc.toArray(String[]::new));
        run("ld", "-m", "elf_i386", "-Ttext=0x100000", "-e", "main", "-o", elf.toString(), o.toString());
        return elf;
    }

    public Path write(String fileName, String content) {
        Path file = workDir.resolve(fileName);
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return file;
    }

    /** Runs a command in the work directory and returns its standard output; fails the test on a non-zero exit. */
    public String run(String... command) {
        try {
            Path out = Files.createTempFile(workDir, "out", ".txt");
            Path err = Files.createTempFile(workDir, "err", ".txt");
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("timed out: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " exited " + process.exitValue() + ":\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail("cannot run " + command[0] + " (is the GNU toolchain installed?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }
}
