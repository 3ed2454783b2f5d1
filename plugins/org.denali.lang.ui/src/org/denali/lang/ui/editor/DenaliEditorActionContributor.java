package org.denali.lang.ui.editor;

import java.util.ResourceBundle;

import org.eclipse.jface.action.IMenuManager;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.editors.text.TextEditorActionContributor;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.texteditor.ITextEditorActionDefinitionIds;
import org.eclipse.ui.texteditor.RetargetTextEditorAction;

/** Adds Edit > Content Assist (Ctrl+Space) for the Denali editors, as JDT does for Java. */
public final class DenaliEditorActionContributor extends TextEditorActionContributor {
    private final RetargetTextEditorAction contentAssist = new RetargetTextEditorAction(
        ResourceBundle.getBundle("org.denali.lang.ui.editor.EditorMessages"), "ContentAssistProposal.");

    public DenaliEditorActionContributor() {
        contentAssist.setActionDefinitionId(ITextEditorActionDefinitionIds.CONTENT_ASSIST_PROPOSALS);
    }

    @Override
    public void contributeToMenu(IMenuManager menu) {
        super.contributeToMenu(menu);
        IMenuManager edit = menu.findMenuUsingPath(IWorkbenchActionConstants.M_EDIT);
        if (edit != null) {
            edit.appendToGroup(IWorkbenchActionConstants.MB_ADDITIONS, contentAssist);
        }
    }

    @Override
    public void setActiveEditor(IEditorPart part) {
        super.setActiveEditor(part);
        contentAssist.setAction(part instanceof ITextEditor editor ? editor.getAction("ContentAssistProposal") : null);
    }
}
