package org.denali.ide.lsp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Build problems read from gcc's JSON diagnostics: markers over the whole range, notes as entries of their own,
 * fix-its as quick fixes; and a build that can be cancelled.
 */
class BuildProblemsUiTest {
    private static final String TYPE = "org.denali.ide.core.problem";
    private static final String BROKEN = String.join("\n",
            "int f(void)",
            "{",
            "    return undeclared;",
            "}",
            "int main(void) { return f() }",
            "");

    private Workbench workbench;
    private IProject project;
    private IFile main;

    @BeforeEach
    void brokenProject() throws Exception {
        workbench = new Workbench();
        project = Workbench.guest("broken", "hello");
        project.getFile("hello.c").delete(true, null);
        main = project.getFile("main.c");
        main.create(new ByteArrayInputStream(BROKEN.getBytes(StandardCharsets.UTF_8)), true, null);
    }

    @AfterEach
    void close() throws Exception {
        Workbench.closeEverything();
        workbench.assertNoErrorsLogged();
    }

    @Test
    void markersCarryTheRangeNotesAndAQuickFix() throws Exception {
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        IMarker[] markers = main.findMarkers(TYPE, false, IResource.DEPTH_ZERO);
        IMarker undeclared = find(markers, "'undeclared' undeclared");
        int start = undeclared.getAttribute(IMarker.CHAR_START, -1);
        assertEquals("undeclared", BROKEN.substring(start, undeclared.getAttribute(IMarker.CHAR_END, -1)));
        IMarker note = find(markers, "note: each undeclared identifier");
        assertEquals(IMarker.SEVERITY_INFO, note.getAttribute(IMarker.SEVERITY, -1));
        assertTrue(note.getAttribute("noteOf", "").startsWith("'undeclared' undeclared"));

        IMarker semicolon = find(markers, "expected ';'");
        IMarkerResolution[] fixes = IDE.getMarkerHelpRegistry().getResolutions(semicolon);
        assertEquals(1, fixes.length, "gcc's fix-it is a quick fix");
        assertEquals("Apply gcc's fix: insert ';'", fixes[0].getLabel());
        fixes[0].run(semicolon);
        assertTrue(Files.readString(main.getLocation().toPath()).contains("int main(void) { return f(); }"));
    }

    private static IMarker find(IMarker[] markers, String messageStart) {
        return Arrays.stream(markers).filter(m -> m.getAttribute(IMarker.MESSAGE, "").startsWith(messageStart))
                .findFirst().orElseThrow(() -> new AssertionError("no marker '" + messageStart + "' among "
                        + Arrays.stream(markers).map(m -> m.getAttribute(IMarker.MESSAGE, "")).toList()));
    }

    @Test
    void cancellingBetweenFilesStopsTheBuild() throws Exception {
        main.setContents(new ByteArrayInputStream("int b(void);\nint main(void) { return b(); }\n"
                .getBytes(StandardCharsets.UTF_8)), true, false, null);
        project.getFile("b.c").create(new ByteArrayInputStream("int b(void) { return 0; }\n"
                .getBytes(StandardCharsets.UTF_8)), true, null);
        project.build(IncrementalProjectBuilder.CLEAN_BUILD, null);
        List<String> steps = new ArrayList<>();
        NullProgressMonitor cancelAfterFirstFile = new NullProgressMonitor() {
            @Override
            public void subTask(String name) {
                steps.add(name);
                if (name.startsWith("Compiling")) {
                    setCanceled(true); // the user presses Cancel while the first file compiles
                }
            }
        };
        assertThrows(OperationCanceledException.class,
                () -> project.build(IncrementalProjectBuilder.FULL_BUILD, cancelAfterFirstFile));
        assertEquals(List.of("Compiling b.c (1 of 2)"), steps.stream().filter(s -> s.startsWith("Compiling")).toList());
        assertFalse(project.getFile("broken.elf").exists(), "a cancelled build links nothing");

        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        assertTrue(project.getFile("broken.elf").exists(), "the next build finishes the job");
    }
}
