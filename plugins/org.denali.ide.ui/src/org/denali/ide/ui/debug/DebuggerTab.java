package org.denali.ide.ui.debug;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.SelectionListener;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import org.denali.ide.core.launch.DebugSettings;
import org.denali.ide.ui.help.HelpContexts;

/** Debugger options of the Denali launches: the RSP protocol trace console. */
public final class DebuggerTab extends AbstractLaunchConfigurationTab {
    private Button trace;

    @Override
    public String getName() {
        return "Debugger";
    }

    @Override
    public void createControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(body);
        trace = new Button(body, SWT.CHECK);
        trace.setText("&Trace the GDB remote protocol (every packet in a console of its own)");
        trace.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> {
            setDirty(true);
            updateLaunchConfigurationDialog();
        }));
        new Label(body, SWT.WRAP).setText("The kernel runs all-stop: when one VM stops, every VM stops. Steps run"
                + " only the selected VM; Resume continues all of them.");
        HelpContexts.attach(body, HelpContexts.DEBUGGER_TAB);
        setControl(body);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        DebugSettings.setTraceProtocol(configuration, false);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        try {
            trace.setSelection(DebugSettings.traceProtocol(configuration));
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        DebugSettings.setTraceProtocol(configuration, trace.getSelection());
    }
}
