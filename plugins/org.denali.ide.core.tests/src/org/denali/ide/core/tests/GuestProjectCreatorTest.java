package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.denali.ide.core.DenaliNature;
import org.denali.ide.core.GuestProjectCreator;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs inside a headless OSGi runtime with a real workspace (tycho-surefire). */
class GuestProjectCreatorTest {
    private final IWorkspace workspace = ResourcesPlugin.getWorkspace();
    private final GuestProjectCreator creator = new GuestProjectCreator(workspace);

    @AfterEach
    void deleteProjects() throws CoreException {
        for (IProject p : workspace.getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void createsProjectWithNatureAndTemplateFiles() throws Exception {
        IProject project = creator.create("echo-guest", "hello", null, new NullProgressMonitor());
        assertTrue(project.isOpen());
        assertTrue(project.hasNature(DenaliNature.ID));
        assertTrue(GuestProjectCreator.isGuestProject(project));
        assertNotNull(project.getNature(DenaliNature.ID), "nature class must be instantiable");
        String source = new String(project.getFile("hello.c").getContents().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(source.contains("Hello from echo-guest"), source);
        assertTrue(project.getFile("README.md").exists());
        String props = new String(project.getFile("denali.properties").getContents().readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(props.contains("image.name=echo-guest"), props);
    }

    @Test
    void validationExplainsEveryRejectedName() throws Exception {
        assertEquals("Enter a project name.", creator.validateName(""));
        assertTrue(creator.validateName("1st").contains("starting with a letter"));
        assertNull(creator.validateName("fine"));
        creator.create("taken", "hello", null, null);
        assertEquals("A project named 'taken' already exists.", creator.validateName("taken"));
    }

    @Test
    void unknownTemplateIsAClearErrorAndCreatesNothing() {
        CoreException e = assertThrows(CoreException.class, () -> creator.create("x", "nope", null, null));
        assertEquals("No Denali project template named 'nope'.", e.getMessage());
        assertEquals(0, workspace.getRoot().getProjects().length);
    }
}
