package org.denali.ide.ui.debug;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * The questions of "Add Watchpoint…": what to watch (an address or a symbol of the guest), how many bytes, and
 * which accesses stop the VM (write, read or any access, as gdb's watch, rwatch and awatch).
 */
public final class AddWatchpointDialog extends TitleAreaDialog {
    /** The user's answer. */
    public record Answer(String expression, int length, boolean access, boolean modification) {
    }

    private Text expression;
    private Spinner length;
    private Button write;
    private Button read;
    private Answer answer;

    public AddWatchpointDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Add Watchpoint");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Add Watchpoint");
        setMessage("Stops a VM when it accesses the bytes at an address or symbol (watch, rwatch, awatch).");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        new Label(body, SWT.NONE).setText("&Address or symbol:");
        expression = new Text(body, SWT.BORDER);
        expression.setMessage("counter, &table, 0x100020");
        GridDataFactory.fillDefaults().grab(true, false).hint(280, SWT.DEFAULT).applyTo(expression);
        new Label(body, SWT.NONE).setText("&Bytes:");
        length = new Spinner(body, SWT.BORDER);
        length.setValues(4, 1, 4096, 0, 1, 4);
        new Label(body, SWT.NONE).setText("Stop on:");
        Composite kinds = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(kinds);
        write = radio(kinds, "&Write");
        read = radio(kinds, "&Read");
        radio(kinds, "A&ny access");
        write.setSelection(true);
        expression.addModifyListener(e -> validate());
        return area;
    }

    private static Button radio(Composite parent, String text) {
        Button button = new Button(parent, SWT.RADIO);
        button.setText(text);
        return button;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    private void validate() {
        boolean empty = expression.getText().isBlank();
        setErrorMessage(empty ? "Enter an address (0x100020) or a symbol of the guest (counter, &table)." : null);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(!empty);
        }
    }

    @Override
    protected void okPressed() {
        boolean onlyWrites = write.getSelection();
        boolean onlyReads = read.getSelection();
        answer = new Answer(expression.getText().trim(), length.getSelection(), !onlyWrites, !onlyReads);
        super.okPressed();
    }

    /** What the user asked for, or null if the dialog was cancelled. */
    public Answer answer() {
        return answer;
    }
}
