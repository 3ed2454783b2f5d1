package org.denali.ide.ui.debug;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import org.denali.ide.core.launch.CoreSettings;
import org.denali.ide.ui.help.HelpContexts;

/** The Denali Core configuration's files: the guest image and a core file of one of its VMs. */
public final class CoreTab extends AbstractLaunchConfigurationTab {
    private Text image;
    private Text core;

    @Override
    public String getName() {
        return "Core";
    }

    @Override
    public void createControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(body);
        image = file(body, "&Image (the guest's ELF):", "*.elf");
        core = file(body, "&Core file (Save Core..., monitor core, denali run --core-dir):", "*.core");
        Label note = new Label(body, SWT.WRAP);
        note.setText("gdb opens the image with the core as its target: frames, variables, registers and memory of "
                + "the VM as it was; nothing runs.");
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(note);
        HelpContexts.attach(body, HelpContexts.CORE_TAB);
        setControl(body);
    }

    private Text file(Composite body, String label, String filter) {
        new Label(body, SWT.NONE).setText(label);
        Text text = new Text(body, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        Button browse = new Button(body, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(body.getShell(), SWT.OPEN);
            dialog.setFilterExtensions(new String[] {filter, "*"});
            String chosen = dialog.open();
            if (chosen != null) {
                text.setText(chosen);
            }
        });
        text.addModifyListener(e -> {
            setDirty(true);
            updateLaunchConfigurationDialog();
        });
        return text;
    }

    private CoreSettings settings() {
        return new CoreSettings(image.getText().trim(), core.getText().trim());
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        new CoreSettings("", "").writeTo(configuration);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        try {
            CoreSettings s = CoreSettings.read(configuration);
            image.setText(s.image());
            core.setText(s.core());
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
