package org.denali.sdk.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link GuestBuilder#build} produced.
 *
 * @param image            the linked, checked ELF image; null when the build failed
 * @param diagnostics      every message of this build, library first, in tool order
 * @param compiledSources  project sources recompiled by this build (empty when everything was up to date)
 * @param compiledLibrary  libilwaco sources recompiled by this build
 * @param linked           whether the image was (re)linked
 * @param runs             every tool invocation, for a verbose log
 */
public record BuildResult(GuestProject project, Path image, List<Diagnostic> diagnostics, List<Path> compiledSources,
                          List<Path> compiledLibrary, boolean linked, List<ToolRun> runs) {

    public BuildResult {
        diagnostics = List.copyOf(diagnostics);
        compiledSources = List.copyOf(compiledSources);
        compiledLibrary = List.copyOf(compiledLibrary);
        runs = List.copyOf(runs);
    }

    public boolean succeeded() {
        return image != null && errors().isEmpty();
    }

    public Optional<Path> imageIfBuilt() {
        return Optional.ofNullable(image);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }
}
