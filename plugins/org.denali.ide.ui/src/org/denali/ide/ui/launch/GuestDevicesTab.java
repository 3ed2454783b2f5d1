package org.denali.ide.ui.launch;

import org.denali.ide.core.launch.GuestDeviceSettings;
import org.denali.ide.ui.help.HelpContexts;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;

/**
 * Each VM's devices and the LAN's way to the host ({@link GuestDeviceSettings}): swap, disks, passt forwards,
 * static addresses, a capture. Empty fields pass nothing; the kernel validates the values and says what is wrong.
 */
class GuestDevicesTab extends AbstractLaunchConfigurationTab {
    private Text swapText;
    private Text disksText;
    private Text forwardsText;
    private Text ipText;
    private Text pcapText;

    @Override
    public String getName() {
        return "Devices";
    }

    @Override
    public void createControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);
        swapText = field(body, "S&wap per VM:", "default 32M (used with a physical memory budget)");
        disksText = field(body, "&Disks:", "NAME[=SIZE][:ro],... from the project's disks/ folder");
        forwardsText = field(body, "&Forwards (passt):", "HOSTPORT:GUESTPORT,... e.g. 8080:80 (curl localhost:8080)");
        ipText = field(body, "Static &IP:", "A.B.C.D/PREFIX for VM 1 (+1 per VM); empty: DHCP from passt");
        pcapText = field(body, "&Capture file:", "a .pcap of the VMs' LAN, relative to the project");
        setControl(body);
        HelpContexts.attach(body, HelpContexts.GUEST_DEVICES_TAB);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        GuestDeviceSettings.NONE.writeTo(configuration);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        GuestDeviceSettings settings = read(configuration);
        swapText.setText(settings.swap());
        disksText.setText(settings.disks());
        forwardsText.setText(settings.forwards());
        ipText.setText(settings.ip());
        pcapText.setText(settings.pcap());
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        edited().writeTo(configuration);
    }

    @Override
    public boolean isValid(ILaunchConfiguration configuration) {
        String problem = edited().validate();
        setErrorMessage(problem);
        return problem == null;
    }

    private GuestDeviceSettings edited() {
        if (swapText == null) {
            return GuestDeviceSettings.NONE;
        }
        return new GuestDeviceSettings(swapText.getText().trim(), disksText.getText().trim(),
                forwardsText.getText().trim(), ipText.getText().trim(), pcapText.getText().trim());
    }

    private GuestDeviceSettings read(ILaunchConfiguration configuration) {
        try {
            return GuestDeviceSettings.read(configuration);
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
            return GuestDeviceSettings.NONE;
        }
    }

    private Text field(Composite body, String label, String hint) {
        return LabeledFields.field(body, label, hint, () -> {
            setDirty(true);
            updateLaunchConfigurationDialog();
        });
    }
}
