package org.denali.sdk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.denali.sdk.build.ProjectException;
import org.denali.sdk.build.ToolRun;
import org.denali.sdk.build.ToolchainFlags;

/**
 * The realistic mixed C guest of {@code denali bench cpu mix} ({@code org/denali/sdk/bench/mix.c}: sieve, table
 * CRC, quicksort, recursion, a switch-dispatched bytecode loop, byte fills and copies), built twice from one
 * source with the SDK's guest flags ({@code gcc -m32 -O2}): as a Denali image by the SDK's own build (Ilwaco's
 * crt0, exit through terminate), and as a static Linux executable (a three-instruction _start, exit through
 * int 0x80) for the native and qemu-i386 columns. Both return the same checksum.
 */
final class MixGuest {
    static final String SOURCE = "/org/denali/sdk/bench/mix.c";
    /** Cflags both builds add: no loop-to-memset rewriting (the Linux build has no library). */
    private static final String CFLAGS = "-fno-tree-loop-distribute-patterns";
    private static final String LINUX_START = """
            .globl _start
        _start:
            call main
            mov %eax, %ebx
            mov $1, %eax
            int $0x80
            .section .note.GNU-stack,"",@progbits
        """;

    /** The two builds. */
    record Builds(Path image, byte[] linuxExecutable) {
    }

    private MixGuest() {
    }

    /** Builds both into {@code dir} (created); {@code rounds} sets how long the guest runs. */
    static Builds build(Path dir, int rounds) throws IOException, InterruptedException, ProjectException {
        Path project = Files.createDirectories(dir.resolve("mix"));
        try (InputStream in = MixGuest.class.getResourceAsStream(SOURCE)) {
            Files.write(project.resolve("mix.c"), in.readAllBytes());
        }
        String cflags = CFLAGS + " -DROUNDS=" + rounds;
        Files.writeString(project.resolve(GuestProject.PROPERTIES_FILE), "image.name=mix\ncflags=" + cflags + "\n");
        GuestBuilder builder = GuestBuilder.forInstalledSdk();
        GuestProject guest = GuestProject.load(project);
        BuildResult result = builder.build(guest);
        if (!result.succeeded()) {
            throw new IOException("the SDK build of the mixed guest failed: " + result.errors());
        }
        // The Linux build: the same compiler flags (the SDK's guest flags with the same cflags), its own _start.
        Path linuxDir = Files.createDirectories(dir.resolve("linux"));
        List<String> flags = new ArrayList<>(ToolchainFlags.guest(builder.sdk(), guest));
        Path object = linuxDir.resolve("mix.o");
        check(ToolRun.run(ToolchainFlags.compile(flags, project.resolve("mix.c"), object,
            linuxDir.resolve("mix.d")), linuxDir));
        Path start = linuxDir.resolve("start.s");
        Files.writeString(start, LINUX_START);
        check(ToolRun.run(List.of("as", "--32", "-o", linuxDir.resolve("start.o").toString(), start.toString()),
            linuxDir));
        Path exe = linuxDir.resolve("mix");
        check(ToolRun.run(List.of("ld", "-m", "elf_i386", "-static", "-o", exe.toString(),
            linuxDir.resolve("start.o").toString(), object.toString()), linuxDir));
        return new Builds(guest.imageFile(), Files.readAllBytes(exe));
    }

    private static void check(ToolRun run) throws IOException {
        if (!run.succeeded()) {
            throw new IOException(String.join(" ", run.command()) + " failed: " + run.output().strip());
        }
    }
}
