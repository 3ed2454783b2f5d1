package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.denali.ide.core.DenaliNature;
import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.build.GuestBuildListener;
import org.denali.ide.core.build.GuestBuildListeners;
import org.denali.ide.core.build.ProblemMarkers;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The builder against the real toolchain (gcc -m32, as, ld) inside a headless workspace. */
class DenaliBuilderTest {
    private final IWorkspace workspace = ResourcesPlugin.getWorkspace();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final GuestBuildListener listener = (project, line) -> output.add(line);

    @BeforeEach
    void listen() {
        GuestBuildListeners.add(listener);
    }

    @AfterEach
    void cleanUp() throws CoreException {
        GuestBuildListeners.remove(listener);
        for (IProject p : workspace.getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void newProjectsCarryTheBuilderAndBuildToAnImage() throws Exception {
        IProject project = new GuestProjectCreator(workspace).create("builds", "hello", null, null);
        assertTrue(DenaliNature.hasBuilder(project.getDescription()));
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        IFile image = project.getFile("builds.elf");
        assertTrue(image.exists(), String.join("\n", output));
        assertTrue(image.isDerived());
        assertEquals(0, errors(project).length, String.join("\n", output));
        assertTrue(output.stream().anyMatch(l -> l.startsWith("Built builds.elf")), String.join("\n", output));
    }

    @Test
    void compilerErrorsBecomeMarkersAtTheirLineAndColumn() throws Exception {
        IProject project = new GuestProjectCreator(workspace).create("broken", "hello", null, null);
        IFile source = project.getFile("hello.c");
        String text = "#include <stdio.h>\n\nint main(void)\n{\n    int x = ;\n    return 0;\n}\n";
        source.setContents(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true, false, null);
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);

        IMarker[] errors = errors(project);
        assertTrue(errors.length >= 1, String.join("\n", output));
        IMarker first = errors[0];
        assertEquals(source, first.getResource());
        assertEquals(5, first.getAttribute(IMarker.LINE_NUMBER, -1));
        int column = first.getAttribute(ProblemMarkers.COLUMN, -1);
        assertEquals(13, column, "gcc reports the column of the offending ';'");
        int start = first.getAttribute(IMarker.CHAR_START, -1);
        assertEquals(';', text.charAt(start));
        assertFalse(project.getFile("broken.elf").exists());
        assertTrue(output.stream().anyMatch(l -> l.startsWith("Build failed")), String.join("\n", output));

        source.setContents(new ByteArrayInputStream("int main(void){return 0;}\n".getBytes(StandardCharsets.UTF_8)),
                true, false, null);
        project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, null);
        assertEquals(0, errors(project).length, "fixing the source clears the markers");
        assertTrue(project.getFile("broken.elf").exists());
    }

    @Test
    void cleanRemovesTheImageAndBuildFolder() throws Exception {
        IProject project = new GuestProjectCreator(workspace).create("tidy", "hello", null, null);
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        assertTrue(project.getFile("tidy.elf").exists());
        project.build(IncrementalProjectBuilder.CLEAN_BUILD, null);
        assertFalse(project.getFile("tidy.elf").exists());
        assertFalse(project.getFolder("build").exists());
    }

    private static IMarker[] errors(IProject project) throws CoreException {
        return java.util.Arrays.stream(project.findMarkers(ProblemMarkers.TYPE, true, IResource.DEPTH_INFINITE))
                .filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR)
                .sorted(java.util.Comparator.comparingInt(m -> m.getAttribute(IMarker.LINE_NUMBER, 0)))
                .toArray(IMarker[]::new);
    }
}
