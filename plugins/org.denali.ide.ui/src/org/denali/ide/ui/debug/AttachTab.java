package org.denali.ide.ui.debug;

import java.util.Arrays;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.launch.AttachSettings;
import org.denali.ide.ui.help.HelpContexts;

/** Where the running kernel's gdb stub listens, and which image (and project, for sources) it runs. */
public final class AttachTab extends AbstractLaunchConfigurationTab {
    private Text host;
    private Spinner port;
    private Combo project;
    private Text image;

    @Override
    public String getName() {
        return "Connection";
    }

    @Override
    public void createControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);
        new Label(body, SWT.NONE).setText("&Host:");
        host = new Text(body, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(host);
        new Label(body, SWT.NONE).setText("&Port (denali run --gdb PORT):");
        port = new Spinner(body, SWT.BORDER);
        port.setValues(1234, 1, 65535, 0, 1, 100);
        new Label(body, SWT.NONE).setText("P&roject (sources, optional):");
        project = new Combo(body, SWT.DROP_DOWN);
        project.add("");
        Arrays.stream(ResourcesPlugin.getWorkspace().getRoot().getProjects())
                .filter(GuestProjectCreator::isGuestProject).map(IProject::getName).forEach(project::add);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(project);
        new Label(body, SWT.NONE).setText("&Image (in the project, or an absolute path):");
        image = new Text(body, SWT.BORDER);
        image.setMessage("PROJECT.elf");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(image);
        host.addModifyListener(e -> changed());
        port.addModifyListener(e -> changed());
        project.addModifyListener(e -> changed());
        image.addModifyListener(e -> changed());
        HelpContexts.attach(body, HelpContexts.ATTACH_TAB);
        setControl(body);
    }

    private void changed() {
        setDirty(true);
        updateLaunchConfigurationDialog();
    }

    private AttachSettings settings() {
        return new AttachSettings(host.getText().trim(), port.getSelection(), image.getText().trim(),
                project.getText().trim());
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        new AttachSettings("localhost", 1234, "", "").writeTo(configuration);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        try {
            AttachSettings s = AttachSettings.read(configuration);
            host.setText(s.host());
            port.setSelection(s.port());
            project.setText(s.project());
            image.setText(s.image());
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        settings().writeTo(configuration);
    }

    @Override
    public boolean isValid(ILaunchConfiguration configuration) {
        String problem = settings().validate();
        setErrorMessage(problem);
        return problem == null;
    }
}
