package org.denali.ide.ui.perspective;

import org.denali.ide.ui.wizards.NewGuestProjectWizard;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;

/**
 * The Denali perspective: guest projects on the left, the Outline of the open source under them (as CDT users
 * expect one), sources in the middle, console and problems below.
 */
public class DenaliPerspective implements IPerspectiveFactory {
    public static final String ID = "org.denali.ide.ui.perspective";

    /** Project Explorer's view id (org.eclipse.ui.navigator.resources). */
    static final String PROJECT_EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.addView(PROJECT_EXPLORER, IPageLayout.LEFT, 0.22f, editors);
        IFolderLayout bottom = layout.createFolder("org.denali.ide.ui.bottom", IPageLayout.BOTTOM, 0.70f, editors);
        bottom.addView(IConsoleConstants.ID_CONSOLE_VIEW);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        // the Outline under the projects (the Denali views take the right of the editor area)
        layout.addView(IPageLayout.ID_OUTLINE, IPageLayout.BOTTOM, 0.55f, PROJECT_EXPLORER);
        layout.addShowViewShortcut(PROJECT_EXPLORER);
        layout.addShowViewShortcut(IPageLayout.ID_OUTLINE);
        layout.addShowViewShortcut(IConsoleConstants.ID_CONSOLE_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_PROBLEM_VIEW);
        layout.addNewWizardShortcut(NewGuestProjectWizard.ID);
        // the Run menu and toolbar (Run As, Run Configurations...) where guests and deployments are launched
        layout.addActionSet(IDebugUIConstants.LAUNCH_ACTION_SET);
        layout.addPerspectiveShortcut(IDebugUIConstants.ID_DEBUG_PERSPECTIVE);
    }
}
