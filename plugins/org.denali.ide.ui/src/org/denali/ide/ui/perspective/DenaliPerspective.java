package org.denali.ide.ui.perspective;

import java.util.List;

import org.denali.ide.ui.wizards.NewGuestProjectWizard;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;

/**
 * The Denali perspective: guest projects on the left with the Outline of the open source under them, sources in
 * the middle, the Denali views on the right (from org.denali.ide.views), console, problems and memory below
 * beside the variables, expressions, breakpoints and registers, and the debug commands in the Run menu and
 * toolbar: a guest is written and debugged in one place.
 */
public class DenaliPerspective implements IPerspectiveFactory {
    public static final String ID = "org.denali.ide.ui.perspective";

    /** Project Explorer's view id (org.eclipse.ui.navigator.resources). */
    static final String PROJECT_EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer";

    /** The platform's debug views a CDT user expects beside the sources, with the Denali views on the right. */
    static final List<String> DEBUG_VIEWS = List.of(IDebugUIConstants.ID_VARIABLE_VIEW,
            IDebugUIConstants.ID_EXPRESSION_VIEW, IDebugUIConstants.ID_BREAKPOINT_VIEW,
            IDebugUIConstants.ID_REGISTER_VIEW);

    /** The Breakpoints action set (Toggle Breakpoint, Skip All Breakpoints) in the Run menu. */
    static final String BREAKPOINT_ACTION_SET = "org.eclipse.debug.ui.breakpointActionSet";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.addView(PROJECT_EXPLORER, IPageLayout.LEFT, 0.22f, editors);
        IFolderLayout bottom = layout.createFolder("org.denali.ide.ui.bottom", IPageLayout.BOTTOM, 0.70f, editors);
        bottom.addView(IConsoleConstants.ID_CONSOLE_VIEW);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        bottom.addView(IDebugUIConstants.ID_MEMORY_VIEW);
        IFolderLayout debug = layout.createFolder("org.denali.ide.ui.debugViews", IPageLayout.RIGHT, 0.5f,
                "org.denali.ide.ui.bottom");
        DEBUG_VIEWS.forEach(debug::addView);
        // the Outline under the projects (the Denali views take the right of the editor area)
        layout.addView(IPageLayout.ID_OUTLINE, IPageLayout.BOTTOM, 0.55f, PROJECT_EXPLORER);
        layout.addShowViewShortcut(PROJECT_EXPLORER);
        layout.addShowViewShortcut(IPageLayout.ID_OUTLINE);
        layout.addShowViewShortcut(IConsoleConstants.ID_CONSOLE_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(IDebugUIConstants.ID_DEBUG_VIEW);
        DEBUG_VIEWS.forEach(layout::addShowViewShortcut);
        layout.addShowViewShortcut(IDebugUIConstants.ID_MEMORY_VIEW);
        layout.addNewWizardShortcut(NewGuestProjectWizard.ID);
        // the Run menu and toolbar: Run As / Debug As and Run Configurations (launch), Resume / Suspend /
        // Terminate / Step (debug: also the main toolbar's debug buttons), Toggle Breakpoint (breakpoints)
        layout.addActionSet(IDebugUIConstants.LAUNCH_ACTION_SET);
        layout.addActionSet(IDebugUIConstants.DEBUG_ACTION_SET);
        layout.addActionSet(BREAKPOINT_ACTION_SET);
        layout.addPerspectiveShortcut(IDebugUIConstants.ID_DEBUG_PERSPECTIVE);
    }
}
