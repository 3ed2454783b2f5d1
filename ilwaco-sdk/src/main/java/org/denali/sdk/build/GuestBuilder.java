package org.denali.sdk.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.elf.DenaliImageRules;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.elf.ElfParser;

/**
 * Builds guest projects into Denali images: libilwaco (cached, incremental), the project's sources into
 * {@code build/CONFIGURATION/obj} (incremental), then {@code ld} with the Denali link map into {@code NAME.elf} in the project
 * folder. The image is re-checked with the emulator's own loader rules, so what builds also loads.
 *
 * <p>Use from the command line ({@code denali build}) and the IDE builder alike:
 * <pre>{@code
 * BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(dir));
 * result.diagnostics().forEach(...);   // file, line, column, severity, message
 * }</pre>
 */
public final class GuestBuilder {
    /** System property overriding where the compiled libilwaco is cached. */
    public static final String CACHE_PROPERTY = "denali.sdk.cache";

    /** The last link command: a removed or added source changes it, and that alone must relink. */
    private static final String LINK_STAMP = "link.txt";

    private final SdkLayout sdk;
    private final LibraryBuilder library;
    private boolean writeCompileCommands = true;
    private BuildProgress progress = BuildProgress.NONE;

    public GuestBuilder(SdkLayout sdk, Path libraryCache) {
        this.sdk = sdk;
        this.library = new LibraryBuilder(sdk, libraryCache);
    }

    /** The SDK found by {@link SdkLayout#locate()} and its default library cache. */
    public static GuestBuilder forInstalledSdk() throws ProjectException {
        SdkLayout sdk = SdkLayout.locate();
        return new GuestBuilder(sdk, defaultLibraryCache(sdk));
    }

    /**
     * {@value #CACHE_PROPERTY} if set; else {@code target/libilwaco} inside the SDK (the repository layout,
     * cleaned with the rest of {@code target/}); else, for a read-only SDK, {@code ~/.cache/denali/libilwaco}.
     */
    public static Path defaultLibraryCache(SdkLayout sdk) {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        if (Files.isWritable(sdk.root())) {
            return sdk.root().resolve("target").resolve("libilwaco");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "denali", "libilwaco");
    }

    /**
     * Whether builds write the project's {@code compile_commands.json} and {@code .clangd} for clangd
     * ({@link CompileCommandsWriter}); on by default, off for {@code denali build --no-compile-commands}.
     */
    public GuestBuilder writeCompileCommands(boolean write) {
        this.writeCompileCommands = write;
        return this;
    }

    /** Who hears of each compiled file and may cancel the build between files (the IDE builder's monitor). */
    public GuestBuilder progress(BuildProgress listener) {
        this.progress = listener;
        return this;
    }

    public SdkLayout sdk() {
        return sdk;
    }

    public Path libraryCache() {
        return library.cacheDir();
    }

    public BuildResult build(GuestProject project) throws IOException, InterruptedException {
        LibraryBuilder.Library lib = library.build();
        List<Diagnostic> diagnostics = new ArrayList<>(lib.diagnostics());
        List<ToolRun> runs = new ArrayList<>(lib.runs());
        if (lib.failed()) {
            return new BuildResult(project, null, diagnostics, List.of(), lib.compiled(), false, runs);
        }
        ObjectCompiler.Outcome objects = ObjectCompiler.compile(project.directory(), project.sources(),
                project.objectDirectory(), ToolchainFlags.guest(sdk, project), progress);
        diagnostics.addAll(objects.diagnostics());
        runs.addAll(objects.runs());
        if (writeCompileCommands) {
            CompileCommandsWriter.write(project.directory(), objects.commands());
        }
        if (objects.failed()) {
            return new BuildResult(project, null, diagnostics, objects.compiled(), lib.compiled(), false, runs);
        }
        Path image = project.imageFile();
        List<String> linkCommand = ToolchainFlags.link(sdk, lib.crt0(), objects.objects(), lib.archive(), image);
        Path linkStamp = project.buildDirectory().resolve(LINK_STAMP);
        boolean relink = needsLink(image, objects.objects(), lib)
                || !Files.isRegularFile(linkStamp) || !Files.readString(linkStamp).equals(String.join("\n", linkCommand));
        if (relink) {
            Files.deleteIfExists(image);
            Files.writeString(linkStamp, String.join("\n", linkCommand));
            ToolRun run = ToolRun.run(linkCommand, project.directory());
            runs.add(run);
            diagnostics.addAll(DiagnosticParser.parse(run.output(), project.directory()));
            if (!run.succeeded() || !Files.isRegularFile(image)) {
                if (diagnostics.stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
                    diagnostics.add(new Diagnostic(null, 0, 0, Severity.ERROR,
                            "ld failed (exit " + run.exitCode() + "): " + run.output().strip()));
                }
                Files.deleteIfExists(image);
                return new BuildResult(project, null, diagnostics, objects.compiled(), lib.compiled(), true, runs);
            }
        }
        try {
            DenaliImageRules.check(ElfParser.parse(image), project.memorySize());
        } catch (ElfFormatException e) {
            diagnostics.add(new Diagnostic(image, 0, 0, Severity.ERROR, "the image does not load on Denali: "
                    + e.getMessage()));
            return new BuildResult(project, null, diagnostics, objects.compiled(), lib.compiled(), relink, runs);
        }
        return new BuildResult(project, image, diagnostics, objects.compiled(), lib.compiled(), relink, runs);
    }

    private boolean needsLink(Path image, List<Path> objects, LibraryBuilder.Library lib) throws IOException {
        if (!Files.isRegularFile(image)) {
            return true;
        }
        FileTime linked = Files.getLastModifiedTime(image);
        List<Path> inputs = new ArrayList<>(objects);
        inputs.addAll(List.of(lib.crt0(), lib.archive(), sdk.linkScript()));
        for (Path input : inputs) {
            if (Files.getLastModifiedTime(input).compareTo(linked) > 0) {
                return true;
            }
        }
        return false;
    }
}
