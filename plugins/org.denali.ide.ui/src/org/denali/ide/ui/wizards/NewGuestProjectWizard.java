package org.denali.ide.ui.wizards;

import java.lang.reflect.InvocationTargetException;

import org.denali.ide.core.GuestProjectCreator;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.actions.WorkspaceModifyOperation;
import org.eclipse.ui.part.ISetSelectionTarget;

/** File → New → Denali Guest Project: a name, a template, and {@link GuestProjectCreator} does the rest. */
public class NewGuestProjectWizard extends Wizard implements INewWizard {
    public static final String ID = "org.denali.ide.ui.wizards.newGuestProject";

    private final GuestProjectCreator creator = new GuestProjectCreator(ResourcesPlugin.getWorkspace());
    private NewGuestProjectPage page;
    private IProject created;

    public NewGuestProjectWizard() {
        setWindowTitle("New Denali Guest Project");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
    }

    @Override
    public void addPages() {
        page = new NewGuestProjectPage(creator);
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        String name = page.projectName();
        String template = page.templateId();
        java.net.URI location = page.location();
        WorkspaceModifyOperation operation = new WorkspaceModifyOperation() {
            @Override
            protected void execute(org.eclipse.core.runtime.IProgressMonitor monitor) throws CoreException {
                created = creator.create(name, template, location, monitor);
            }
        };
        try {
            getContainer().run(true, false, operation);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            MessageDialog.openError(getShell(), "Cannot create Denali guest project", cause.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        revealInProjectExplorer();
        return true;
    }

    /** The project the wizard made, or {@code null} before a successful finish. */
    public IProject createdProject() {
        return created;
    }

    /** For UI tests: the wizard's page. */
    public NewGuestProjectPage page() {
        return page;
    }

    private void revealInProjectExplorer() {
        var window = org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window == null || window.getActivePage() == null) {
            return;
        }
        var view = window.getActivePage().findView("org.eclipse.ui.navigator.ProjectExplorer");
        if (view instanceof ISetSelectionTarget target) {
            target.selectReveal(new org.eclipse.jface.viewers.StructuredSelection(created));
        }
    }
}
