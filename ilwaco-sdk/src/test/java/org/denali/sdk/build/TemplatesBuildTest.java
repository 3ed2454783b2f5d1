package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.denali.sdk.templates.ProjectTemplate;
import org.denali.sdk.templates.ProjectTemplates;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every template the wizard and `denali new` offer must build cleanly, with no warnings either. */
class TemplatesBuildTest {
    @TempDir
    Path dir;

    static java.util.List<String> templateIds() {
        return ProjectTemplates.all().stream().map(ProjectTemplate::id).toList();
    }

    @ParameterizedTest
    @MethodSource("templateIds")
    void templateBuildsWithoutDiagnostics(String id) throws Exception {
        Path project = dir.resolve("t-" + id);
        ProjectTemplates.instantiate(ProjectTemplates.find(id).orElseThrow(), project, "t-" + id);
        BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(project));
        assertTrue(result.succeeded(), result.diagnostics().toString());
        assertTrue(result.diagnostics().stream().noneMatch(d -> d.file() != null && d.file().startsWith(project)),
                "template sources must compile without warnings: " + result.diagnostics());
    }
}
