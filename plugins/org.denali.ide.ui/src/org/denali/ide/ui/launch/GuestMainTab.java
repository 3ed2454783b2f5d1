package org.denali.ide.ui.launch;

import java.util.Arrays;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.denali.ide.ui.help.HelpContexts;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** Which guest project and image to run. */
class GuestMainTab extends SettingsTab {
    private Combo projectCombo;
    private Text imageText;

    @Override
    public String getName() {
        return "Main";
    }

    @Override
    public void createControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);

        new Label(body, SWT.NONE).setText("&Project:");
        projectCombo = new Combo(body, SWT.DROP_DOWN);
        Arrays.stream(ResourcesPlugin.getWorkspace().getRoot().getProjects())
                .filter(GuestProjectCreator::isGuestProject).map(IProject::getName).forEach(projectCombo::add);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(projectCombo);
        projectCombo.addModifyListener(e -> changed());

        new Label(body, SWT.NONE).setText("&Image (in the project):");
        imageText = new Text(body, SWT.BORDER | SWT.SINGLE);
        imageText.setMessage("PROJECT.elf");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(imageText);
        imageText.addModifyListener(e -> changed());
        setControl(body);
        HelpContexts.attach(body, HelpContexts.GUEST_MAIN_TAB);
    }

    /** A new configuration is named after the project (or image) it runs, not "New_configuration". */
    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        super.setDefaults(configuration);
        GuestLaunchShortcut.target(DebugUITools.getSelectedResource()).ifPresent(settings -> configuration.rename(
                getLaunchConfigurationDialog() != null
                        ? getLaunchConfigurationDialog().generateName(GuestLaunchShortcut.configurationName(settings))
                        : GuestLaunchShortcut.configurationName(settings)));
    }

    @Override
    void show(GuestLaunchSettings settings) {
        projectCombo.setText(settings.project());
        imageText.setText(settings.image());
    }

    @Override
    GuestLaunchSettings edit(GuestLaunchSettings s) {
        if (projectCombo == null) {
            return s;
        }
        String project = projectCombo.getText().trim();
        String image = imageText.getText().trim();
        return new GuestLaunchSettings(project, image.isEmpty() && !project.isEmpty() ? project + ".elf" : image,
                s.count(), s.memory(), s.quantum(), s.physMemory(), s.deterministic(), s.syncInterrupts());
    }

    @Override
    String problem(GuestLaunchSettings settings) {
        if (settings.project().isBlank()) {
            return "Choose a Denali guest project.";
        }
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(settings.project());
        if (!GuestProjectCreator.isGuestProject(project)) {
            return "'" + settings.project() + "' is not an open Denali guest project.";
        }
        return settings.image().endsWith(".elf") ? null : "The image must be a .elf file.";
    }
}
