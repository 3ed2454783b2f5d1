package org.denali.ide.ui.launch;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** The launch tabs' text rows: a label, then a field with a hint that reports every edit. */
final class LabeledFields {
    private LabeledFields() {
    }

    /** A label and a single-line field in a two-column {@code body}; {@code changed} runs on every edit. */
    static Text field(Composite body, String label, String hint, Runnable changed) {
        new Label(body, SWT.NONE).setText(label);
        Text text = new Text(body, SWT.BORDER | SWT.SINGLE);
        text.setMessage(hint);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        text.addModifyListener(e -> changed.run());
        return text;
    }
}
