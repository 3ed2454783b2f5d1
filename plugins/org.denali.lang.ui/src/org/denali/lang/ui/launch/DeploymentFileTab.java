package org.denali.lang.ui.launch;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;

/** Which .denali file to run (workspace path). */
final class DeploymentFileTab extends AbstractLaunchConfigurationTab {
    /** F1 help of this tab: declared for this plug-in by org.denali.ide.help (contexts/lang.xml). */
    static final String HELP_CONTEXT = "org.denali.lang.ui.deployment_tab";
    private Text file;

    @Override
    public void createControl(Composite parent) {
        Composite composite = new Composite(parent, SWT.NONE);
        composite.setLayout(new GridLayout(2, false));
        new Label(composite, SWT.NONE).setText("Deployment file (workspace path):");
        file = new Text(composite, SWT.BORDER);
        file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        file.addModifyListener(e -> updateLaunchConfigurationDialog());
        setControl(composite);
        PlatformUI.getWorkbench().getHelpSystem().setHelp(composite, HELP_CONTEXT);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(DeploymentLaunch.FILE, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        try {
            file.setText(configuration.getAttribute(DeploymentLaunch.FILE, ""));
        } catch (CoreException e) {
            file.setText("");
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(DeploymentLaunch.FILE, file.getText().trim());
    }

    @Override
    public boolean isValid(ILaunchConfiguration configuration) {
        boolean valid = file != null && file.getText().trim().endsWith(".denali");
        setErrorMessage(valid ? null : "Choose a .denali file, e.g. /zipf-farm/farm.denali");
        return valid;
    }

    @Override
    public String getName() {
        return "Deployment";
    }
}
