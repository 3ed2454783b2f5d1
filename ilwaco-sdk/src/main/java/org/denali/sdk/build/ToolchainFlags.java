package org.denali.sdk.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of the stock host toolchain that build Denali guests. No cross compiler and no 32-bit
 * multilib are needed: {@code -nostdinc} keeps gcc away from the host's headers (Ilwaco's own are used),
 * {@code -nostdlib} away from its libraries, and libilwaco provides what libgcc would (64-bit division).
 */
public final class ToolchainFlags {
    public static final String COMPILER = "gcc";
    public static final String ARCHIVER = "ar";
    public static final String LINKER = "ld";

    /** What makes code a Denali guest: i386 (family 6, so cmov), no FPU/vector code, no PIC, no host files. */
    public static final List<String> TARGET = List.of("-m32", "-march=i686", "-ffreestanding", "-fno-pic",
            "-fno-pie", "-nostdinc", "-nostdlib", "-fno-stack-protector", "-mno-sse", "-mno-mmx", "-mno-80387",
            "-fno-asynchronous-unwind-tables",
            // page 0 is the virtual-register page: accesses near address 0 are real, not undefined behaviour
            "-fno-delete-null-pointer-checks",
            "-g");

    /**
     * gcc's JSON diagnostics ({@link GccJsonDiagnostics}: ranges, notes, fix-its) with byte columns, which is what
     * IDE markers need; the rest of the output (GNU as) stays plain text without colour.
     */
    public static final List<String> DIAGNOSTICS = List.of("-fdiagnostics-format=json", "-fdiagnostics-color=never",
            "-fno-diagnostics-show-caret", "-fdiagnostics-column-unit=byte");

    private ToolchainFlags() {
    }

    /** Flags for libilwaco's own sources. The loop-pattern pass is off so memset/memmove cannot call themselves. */
    public static List<String> library(SdkLayout sdk) {
        List<String> flags = new ArrayList<>(TARGET);
        flags.addAll(DIAGNOSTICS);
        flags.addAll(List.of("-O2", "-Wall", "-Wextra", "-fno-tree-loop-distribute-patterns",
                "-I" + sdk.includeDir(), "-I" + sdk.librarySources()));
        return flags;
    }

    /**
     * Flags for a guest project's sources: its configuration's optimisation, then the project's {@code cflags}
     * last so they can override.
     */
    public static List<String> guest(SdkLayout sdk, GuestProject project) {
        List<String> flags = new ArrayList<>(TARGET);
        flags.addAll(DIAGNOSTICS);
        flags.addAll(project.configuration().optimisation());
        flags.addAll(List.of("-Wall", "-I" + sdk.includeDir(), "-I" + project.directory()));
        flags.addAll(project.extraCflags());
        return flags;
    }

    /** {@code gcc FLAGS -MD -MF dep -c source -o object}. */
    public static List<String> compile(List<String> flags, Path source, Path object, Path dependencies) {
        List<String> command = new ArrayList<>();
        command.add(COMPILER);
        command.addAll(flags);
        command.addAll(List.of("-MD", "-MF", dependencies.toString(), "-c", source.toString(), "-o", object.toString()));
        return command;
    }

    /** {@code ld} with the Denali link map: crt0 first (it holds _start), then the guest, then libilwaco. */
    public static List<String> link(SdkLayout sdk, Path crt0, List<Path> objects, Path archive, Path image) {
        List<String> command = new ArrayList<>(List.of(LINKER, "-m", "elf_i386", "-static", "-nostdlib",
                "-T", sdk.linkScript().toString(), "-o", image.toString(), crt0.toString()));
        objects.forEach(o -> command.add(o.toString()));
        command.add(archive.toString());
        return command;
    }
}
