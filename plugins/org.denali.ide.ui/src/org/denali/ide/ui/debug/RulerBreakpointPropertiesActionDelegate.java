package org.denali.ide.ui.debug;

import org.eclipse.core.resources.IResource;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.ILineBreakpoint;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.text.source.IVerticalRulerInfo;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.texteditor.AbstractRulerActionDelegate;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.texteditor.IUpdate;

import org.denali.ide.core.debug.DenaliDebugModel;

/**
 * "Breakpoint Properties…" in the ruler context menu of the C and assembly editors: opens the Denali Breakpoint
 * page (condition, hit count) of the breakpoint on the line the menu was opened on.
 */
public final class RulerBreakpointPropertiesActionDelegate extends AbstractRulerActionDelegate {
    static final String PAGE_ID = "org.denali.ide.ui.breakpointConditionPage";

    @Override
    protected IAction createAction(ITextEditor editor, IVerticalRulerInfo rulerInfo) {
        class PropertiesAction extends Action implements IUpdate {
            PropertiesAction() {
                super("Breakpoint Properties...");
            }

            @Override
            public void update() {
                setEnabled(breakpointAt(editor, rulerInfo) != null);
            }

            @Override
            public void run() {
                IBreakpoint breakpoint = breakpointAt(editor, rulerInfo);
                if (breakpoint != null) {
                    PreferencesUtil.createPropertyDialogOn(editor.getSite().getShell(), breakpoint, PAGE_ID,
                            new String[] {PAGE_ID}, null).open();
                }
            }
        }
        return new PropertiesAction();
    }

    static IBreakpoint breakpointAt(ITextEditor editor, IVerticalRulerInfo rulerInfo) {
        IResource resource = editor.getEditorInput().getAdapter(IResource.class);
        int line = rulerInfo.getLineOfLastMouseButtonActivity() + 1;
        if (resource == null || line <= 0) {
            return null;
        }
        for (IBreakpoint b : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(DenaliDebugModel.ID)) {
            if (b instanceof ILineBreakpoint lb && resource.equals(b.getMarker().getResource())
                    && b.getMarker().getAttribute(org.eclipse.core.resources.IMarker.LINE_NUMBER, -1) == line) {
                return lb;
            }
        }
        return null;
    }
}
