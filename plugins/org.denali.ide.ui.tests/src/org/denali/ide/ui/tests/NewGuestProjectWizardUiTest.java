package org.denali.ide.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.denali.ide.core.DenaliNature;
import org.denali.ide.ui.perspective.DenaliPerspective;
import org.denali.ide.ui.wizards.NewGuestProjectPage;
import org.denali.ide.ui.wizards.NewGuestProjectWizard;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.wizards.IWizardDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives the real wizard in the real workbench (UI harness, under Xvfb in CI). */
class NewGuestProjectWizardUiTest {

    @AfterEach
    void cleanWorkspace() throws CoreException {
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void wizardIsRegisteredUnderFileNew() {
        IWizardDescriptor descriptor = PlatformUI.getWorkbench().getNewWizardRegistry()
                .findWizard(NewGuestProjectWizard.ID);
        assertNotNull(descriptor, "the New Denali Guest Project wizard must be contributed");
        assertEquals("Denali Guest Project", descriptor.getLabel());
    }

    @Test
    void denaliPerspectiveIsTheDefaultAndOpens() throws Exception {
        assertEquals(DenaliPerspective.ID, PlatformUI.getWorkbench().getPerspectiveRegistry().getDefaultPerspective());
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        PlatformUI.getWorkbench().showPerspective(DenaliPerspective.ID, window);
        assertEquals(DenaliPerspective.ID, window.getActivePage().getPerspective().getId());
        assertNotNull(window.getActivePage().findView("org.eclipse.ui.navigator.ProjectExplorer"));
    }

    @Test
    void typingANameAndPressingFinishCreatesAGuestProject() throws Exception {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        NewGuestProjectWizard wizard = new NewGuestProjectWizard();
        wizard.init(PlatformUI.getWorkbench(), null);
        FinishingDialog dialog = new FinishingDialog(shell, wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            IWizardPage page = dialog.getCurrentPage();
            NewGuestProjectPage guestPage = (NewGuestProjectPage) page;
            assertFalse(page.isPageComplete(), "an empty name must not allow Finish");
            guestPage.enterProjectName("9bad");
            assertFalse(page.isPageComplete());
            assertNotNull(page.getErrorMessage());
            guestPage.enterProjectName("wizard-made");
            processEvents();
            assertTrue(page.isPageComplete(), String.valueOf(page.getErrorMessage()));
            dialog.pressFinish();
            processEvents();
            assertEquals(Window.OK, dialog.getReturnCode());
            assertTrue(dialog.getShell() == null || dialog.getShell().isDisposed(), "Finish must close the wizard");
        } finally {
            if (dialog.getShell() != null && !dialog.getShell().isDisposed()) {
                dialog.close(); // only when an assertion failed before Finish closed it
            }
        }
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("wizard-made");
        assertTrue(project.exists());
        assertTrue(project.hasNature(DenaliNature.ID));
        assertTrue(project.getFile("hello.c").exists());
        assertEquals(project, wizard.createdProject());
    }

    private static void processEvents() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // drain the queue so the dialog reacts as it would for a user
        }
    }

    /** WizardDialog keeps finishPressed() protected: this is the button press a user makes. */
    private static final class FinishingDialog extends WizardDialog {
        FinishingDialog(Shell parent, NewGuestProjectWizard wizard) {
            super(parent, wizard);
        }

        void pressFinish() {
            finishPressed();
        }
    }
}
