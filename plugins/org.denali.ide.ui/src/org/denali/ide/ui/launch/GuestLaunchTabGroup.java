package org.denali.ide.ui.launch;

import org.denali.ide.ui.debug.DebuggerTab;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTabGroup;
import org.eclipse.debug.ui.CommonTab;
import org.eclipse.debug.ui.ILaunchConfigurationDialog;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.debug.ui.sourcelookup.SourceLookupTab;

/**
 * The Denali Guest configuration's tabs: what to run, how the kernel runs it, the VMs' devices and network, and
 * the platform's Common tab; in debug mode also the debugger options and the source lookup path.
 */
public class GuestLaunchTabGroup extends AbstractLaunchConfigurationTabGroup {
    @Override
    public void createTabs(ILaunchConfigurationDialog dialog, String mode) {
        if (ILaunchManager.DEBUG_MODE.equals(mode)) {
            setTabs(new ILaunchConfigurationTab[] {new GuestMainTab(), new GuestVmTab(), new GuestDevicesTab(),
                new DebuggerTab(), new SourceLookupTab(), new CommonTab()});
        } else {
            setTabs(new ILaunchConfigurationTab[] {new GuestMainTab(), new GuestVmTab(), new GuestDevicesTab(),
                new CommonTab()});
        }
    }
}
