package org.denali.ide.ui.debug;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PropertyPage;

import org.denali.ide.core.debug.BreakpointConditions;

/**
 * Breakpoint Properties of a Denali breakpoint or watchpoint: enabled, a C condition (evaluated by gdb in the VM
 * that hits it, e.g. {@code received == 5}) and a hit count (stop from the N-th hit on).
 */
public final class BreakpointConditionPage extends PropertyPage {
    private Button enabled;
    private Text condition;
    private Button useHitCount;
    private Spinner hitCount;

    private IBreakpoint breakpoint() {
        return getElement().getAdapter(IBreakpoint.class);
    }

    @Override
    protected Control createContents(Composite parent) {
        noDefaultAndApplyButton();
        IBreakpoint breakpoint = breakpoint();
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout(2, false));
        Label what = new Label(page, SWT.WRAP);
        what.setText(breakpoint.getMarker().getAttribute(org.eclipse.core.resources.IMarker.MESSAGE, ""));
        what.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        enabled = new Button(page, SWT.CHECK);
        enabled.setText("&Enabled");
        enabled.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        try {
            enabled.setSelection(breakpoint.isEnabled());
        } catch (CoreException e) {
            enabled.setSelection(true);
        }
        new Label(page, SWT.NONE).setText("&Condition:");
        condition = new Text(page, SWT.BORDER | SWT.SINGLE);
        condition.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        condition.setText(BreakpointConditions.condition(breakpoint));
        condition.setMessage("a C expression, e.g. received == 5 (stop when it is non-zero)");
        useHitCount = new Button(page, SWT.CHECK);
        useHitCount.setText("&Hit count:");
        hitCount = new Spinner(page, SWT.BORDER);
        hitCount.setMinimum(1);
        hitCount.setMaximum(Integer.MAX_VALUE);
        int count = BreakpointConditions.hitCount(breakpoint);
        useHitCount.setSelection(count > 0);
        hitCount.setSelection(Math.max(count, 1));
        hitCount.setEnabled(count > 0);
        useHitCount.addListener(SWT.Selection, e -> hitCount.setEnabled(useHitCount.getSelection()));
        Label note = new Label(page, SWT.WRAP);
        note.setText("The condition is evaluated by gdb in the innermost frame of the VM that hits the breakpoint; "
                + "with a hit count N the breakpoint stops from its N-th hit on (hits count while the condition holds).");
        GridData noteData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        noteData.widthHint = 420;
        note.setLayoutData(noteData);
        return page;
    }

    @Override
    public boolean performOk() {
        try {
            breakpoint().setEnabled(enabled.getSelection());
            BreakpointConditions.set(breakpoint(), condition.getText(),
                    useHitCount.getSelection() ? hitCount.getSelection() : 0);
            return true;
        } catch (CoreException e) {
            setErrorMessage(e.getStatus().getMessage());
            return false;
        }
    }
}
