package org.denali.ide.lsp.c;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/** The top-level "Denali" preference page: the category the Denali pages live under. */
public class DenaliPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {
    public DenaliPreferencePage() {
        noDefaultAndApplyButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Label label = new Label(parent, SWT.WRAP);
        label.setText("Settings of Denali Studio. Expand this page for the C/C++ language server.");
        return label;
    }

    @Override
    public void init(IWorkbench workbench) {
    }
}
