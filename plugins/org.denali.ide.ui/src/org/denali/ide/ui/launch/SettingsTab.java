package org.denali.ide.ui.launch;

import org.denali.ide.core.launch.GuestLaunchSettings;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.debug.ui.DebugUITools;

/**
 * A tab that edits some of the {@link GuestLaunchSettings}: it reads the whole record, replaces its own fields
 * and writes the record back, so tabs never disagree about attribute names or defaults.
 */
abstract class SettingsTab extends AbstractLaunchConfigurationTab {

    @Override
    public final void initializeFrom(ILaunchConfiguration configuration) {
        show(read(configuration));
        showOther(configuration);
    }

    @Override
    public final void performApply(ILaunchConfigurationWorkingCopy configuration) {
        edit(read(configuration)).writeTo(configuration);
        applyOther(configuration);
    }

    /** For a tab that also shows attributes outside the record (default: none). */
    void showOther(ILaunchConfiguration configuration) {
    }

    /** For a tab that also edits attributes outside the record (default: none). */
    void applyOther(ILaunchConfigurationWorkingCopy configuration) {
    }

    /** A new configuration runs the guest project (or image) selected in the workbench, if there is one. */
    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        GuestLaunchShortcut.target(DebugUITools.getSelectedResource())
                .orElse(GuestLaunchSettings.defaults("")).writeTo(configuration);
    }

    @Override
    public boolean isValid(ILaunchConfiguration configuration) {
        setErrorMessage(null);
        String problem = problem(edit(read(configuration)));
        setErrorMessage(problem);
        return problem == null;
    }

    /** Puts the settings into the controls. */
    abstract void show(GuestLaunchSettings settings);

    /** The settings with this tab's fields replaced by the controls' values. */
    abstract GuestLaunchSettings edit(GuestLaunchSettings settings);

    /** What is wrong with this tab's part of {@code settings}, or {@code null}. */
    abstract String problem(GuestLaunchSettings settings);

    /** Controls call this on every edit: the dialog re-validates and enables Apply. */
    final void changed() {
        setDirty(true);
        updateLaunchConfigurationDialog();
    }

    private GuestLaunchSettings read(ILaunchConfiguration configuration) {
        try {
            return GuestLaunchSettings.read(configuration);
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
            return GuestLaunchSettings.defaults("");
        }
    }
}
