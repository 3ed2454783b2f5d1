package org.denali.ide.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.denali.ide.core.DenaliNature;
import org.denali.ide.ui.perspective.DenaliPerspective;
import org.denali.ide.ui.tests.support.ErrorLogGuard;
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
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.wizards.IWizardDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Drives the real wizard in the real workbench (UI harness, under Xvfb in CI). */
@ExtendWith(ErrorLogGuard.class)
class NewGuestProjectWizardUiTest {
    /** Project Explorer's view id (org.eclipse.ui.navigator.resources). */
    private static final String PROJECT_EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer";

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
        IWorkbenchPage page = window.getActivePage();
        // other tests may have opened or closed views: judge the layout the perspective factory makes
        page.resetPerspective();
        assertEquals(DenaliPerspective.ID, page.getPerspective().getId());

        assertTrue(page.isEditorAreaVisible(), "the Denali perspective shows the editor area");
        for (String view : List.of(PROJECT_EXPLORER, IConsoleConstants.ID_CONSOLE_VIEW, IPageLayout.ID_PROBLEM_VIEW)) {
            assertNotNull(page.findViewReference(view), view + " must be part of the Denali perspective");
        }
        // asked only after the references exist, so showView cannot add a view the layout lacks
        IViewPart explorer = page.showView(PROJECT_EXPLORER);
        IViewPart console = page.showView(IConsoleConstants.ID_CONSOLE_VIEW);
        IViewPart problems = page.showView(IPageLayout.ID_PROBLEM_VIEW);
        List<IViewPart> bottom = List.of(page.getViewStack(problems));
        assertTrue(bottom.contains(console), "Console and Problems share the folder below the editors: " + bottom);
        assertFalse(bottom.contains(explorer), "Project Explorer stands apart, left of the editors");
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
