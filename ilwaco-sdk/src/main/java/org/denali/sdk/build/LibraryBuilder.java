package org.denali.sdk.build;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds libilwaco from the SDK's {@code libilwaco/} sources into a cache directory: {@code crt0.o} (linked
 * first, it holds {@code _start}) and {@code libilwaco.a} (everything else). Only changed sources are
 * recompiled; the archive is rewritten when an object changed. A file lock keeps concurrent builds (the IDE
 * and a terminal) from writing the cache at the same time.
 */
public final class LibraryBuilder {
    static final String CRT0 = "crt0.S";

    private final SdkLayout sdk;
    private final Path cacheDir;

    /** The built library. {@code compiled} lists the library sources recompiled by this build. */
    public record Library(Path crt0, Path archive, List<Path> compiled, List<Diagnostic> diagnostics,
                          List<ToolRun> runs, boolean failed) {
    }

    public LibraryBuilder(SdkLayout sdk, Path cacheDir) {
        this.sdk = sdk;
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
    }

    public Path cacheDir() {
        return cacheDir;
    }

    public Library build() throws IOException, InterruptedException {
        Files.createDirectories(cacheDir);
        synchronized (LibraryBuilder.class) { // file locks are per process; this orders threads inside one JVM
            try (FileChannel channel = FileChannel.open(cacheDir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                return buildLocked();
            }
        }
    }

    private Library buildLocked() throws IOException, InterruptedException {
        Path sources = sdk.librarySources();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(Files::isRegularFile).filter(p -> GuestProject.isSource(p.getFileName().toString()))
                    .sorted().toList();
        }
        Path objectDir = cacheDir.resolve("obj");
        ObjectCompiler.Outcome outcome = ObjectCompiler.compile(sources, files, objectDir,
                ToolchainFlags.library(sdk));
        Path crt0 = objectDir.resolve(CRT0 + ".o");
        Path archive = cacheDir.resolve("libilwaco.a");
        List<ToolRun> runs = new ArrayList<>(outcome.runs());
        List<Diagnostic> diagnostics = new ArrayList<>(outcome.diagnostics());
        boolean failed = outcome.failed();
        if (!failed && !Files.isRegularFile(crt0)) {
            diagnostics.add(new Diagnostic(sources.resolve(CRT0), 0, 0, Severity.ERROR, "libilwaco has no " + CRT0));
            failed = true;
        }
        if (!failed && (!outcome.compiled().isEmpty() || !Files.isRegularFile(archive))) {
            ToolRun run = archive(archive, outcome.objects().stream().filter(o -> !o.equals(crt0)).toList());
            runs.add(run);
            if (!run.succeeded()) {
                diagnostics.addAll(GccJsonDiagnostics.parse(run.output(), cacheDir));
                diagnostics.add(new Diagnostic(archive, 0, 0, Severity.ERROR, "ar failed (exit " + run.exitCode() + ")"));
                failed = true;
            }
        }
        return new Library(crt0, archive, outcome.compiled(), diagnostics, runs, failed);
    }

    /** A fresh archive (never {@code ar r} into the old one: members of deleted sources would linger). */
    private ToolRun archive(Path archive, List<Path> objects) throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        List<String> command = new ArrayList<>(List.of(ToolchainFlags.ARCHIVER, "rcsD", archive.toString()));
        objects.forEach(o -> command.add(o.toString()));
        return ToolRun.run(command, cacheDir);
    }
}
