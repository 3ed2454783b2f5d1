package org.denali.sdk.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles sources to objects under an object directory, skipping every object that is newer than its source
 * and every header gcc {@code -MD} recorded for it, as long as the flags are unchanged. Each object keeps its
 * compiler output in a {@code .log} file, so warnings of up-to-date files are reported again on every build
 * (an IDE would otherwise lose their markers).
 */
final class ObjectCompiler {
    private static final String FLAGS_STAMP = "flags.txt";

    /** What one {@link #compile} did. */
    record Outcome(List<Path> objects, List<Path> compiled, List<Diagnostic> diagnostics, List<ToolRun> runs,
                   boolean failed, List<CompileCommandsWriter.Entry> commands) {
    }

    private ObjectCompiler() {
    }

    /**
     * @param sourceRoot sources are mirrored below {@code objectDir} by their path relative to this folder
     */
    static Outcome compile(Path sourceRoot, List<Path> sources, Path objectDir, List<String> flags)
            throws IOException, InterruptedException {
        return compile(sourceRoot, sources, objectDir, flags, BuildProgress.NONE);
    }

    static Outcome compile(Path sourceRoot, List<Path> sources, Path objectDir, List<String> flags,
                           BuildProgress progress) throws IOException, InterruptedException {
        Files.createDirectories(objectDir);
        Path stamp = objectDir.resolve(FLAGS_STAMP);
        String flagText = String.join("\n", flags);
        boolean flagsChanged = !Files.isRegularFile(stamp) || !Files.readString(stamp).equals(flagText);
        List<Path> objects = new ArrayList<>();
        List<Path> compiled = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<ToolRun> runs = new ArrayList<>();
        List<CompileCommandsWriter.Entry> commands = new ArrayList<>();
        boolean failed = false;
        for (int index = 0; index < sources.size(); index++) {
            Path source = sources.get(index);
            Path object = objectDir.resolve(sourceRoot.relativize(source) + ".o");
            Path dependencies = sibling(object, ".d");
            Path log = sibling(object, ".log");
            Files.createDirectories(object.getParent());
            List<String> command = ToolchainFlags.compile(flags, source, object, dependencies);
            commands.add(new CompileCommandsWriter.Entry(sourceRoot, source, command));
            if (!flagsChanged && isUpToDate(object, dependencies, objectDir)) {
                objects.add(object);
                diagnostics.addAll(GccJsonDiagnostics.parse(readIfPresent(log), sourceRoot));
                continue;
            }
            if (progress.cancelled()) {
                throw new InterruptedException("build cancelled");
            }
            progress.compiling(source, index, sources.size());
            Files.deleteIfExists(object); // a failed compile must not leave the previous object looking current
            ToolRun run = ToolRun.run(command, sourceRoot);
            runs.add(run);
            compiled.add(source);
            Files.writeString(log, run.output());
            List<Diagnostic> found = GccJsonDiagnostics.parse(run.output(), sourceRoot);
            diagnostics.addAll(found);
            if (!run.succeeded() || !Files.isRegularFile(object)) {
                failed = true;
                Files.deleteIfExists(object);
                if (found.stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
                    diagnostics.add(new Diagnostic(source, 0, 0, Severity.ERROR,
                            "gcc failed (exit " + run.exitCode() + ") without a located message: "
                                    + firstLine(run.output())));
                }
            } else {
                objects.add(object);
            }
        }
        Files.writeString(stamp, flagText);
        return new Outcome(objects, compiled, diagnostics, runs, failed, commands);
    }

    private static boolean isUpToDate(Path object, Path dependencies, Path objectDir) throws IOException {
        if (!Files.isRegularFile(object) || !Files.isRegularFile(dependencies)) {
            return false;
        }
        FileTime built = Files.getLastModifiedTime(object);
        List<Path> inputs = DependencyFile.prerequisites(dependencies, objectDir);
        if (inputs.isEmpty()) {
            return false;
        }
        for (Path input : inputs) {
            if (!Files.exists(input) || Files.getLastModifiedTime(input).compareTo(built) > 0) {
                return false;
            }
        }
        return true;
    }

    private static Path sibling(Path object, String extension) {
        String name = object.getFileName().toString();
        return object.resolveSibling(name.substring(0, name.length() - ".o".length()) + extension);
    }

    private static String readIfPresent(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file) : "";
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return trimmed.isEmpty() ? "(no output)" : newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
