package org.denali.ide.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.denali.ide.core.launch.CompilerSettings;
import org.denali.ide.core.launch.GuestDeviceSettings;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.denali.ide.ui.launch.GuestLaunchTabGroup;
import org.denali.ide.ui.tests.support.ErrorLogGuard;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Denali Guest configuration's tabs as the launch dialog builds them: their controls against the attributes. */
@ExtendWith(ErrorLogGuard.class)
class GuestLaunchTabsUiTest {
    private Shell shell;

    @AfterEach
    void close() {
        if (shell != null) {
            shell.dispose();
        }
    }

    @Test
    void theTabsOfRunAndDebugMode() {
        assertEquals(List.of("Main", "Virtual Machines", "Devices", "Common"), names(ILaunchManager.RUN_MODE));
        assertEquals(List.of("Main", "Virtual Machines", "Devices", "Debugger", "Source", "Common"),
                names(ILaunchManager.DEBUG_MODE));
    }

    @Test
    void theDevicesTabShowsValidatesAndAppliesItsSettings() throws Exception {
        ILaunchConfigurationTab devices = tab(ILaunchManager.RUN_MODE, "Devices");
        ILaunchConfigurationWorkingCopy config = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(GuestLaunchSettings.TYPE_ID).newInstance(null, "tabs");
        new GuestDeviceSettings("8M", "site:ro", "8080:80", "10.0.0.2/24", "lan.pcap").writeTo(config);
        devices.initializeFrom(config);
        List<Text> fields = texts(devices.getControl());
        assertEquals(List.of("8M", "site:ro", "8080:80", "10.0.0.2/24", "lan.pcap"),
                fields.stream().map(Text::getText).toList());

        fields.get(2).setText("8080");
        assertFalse(devices.isValid(config));
        assertTrue(devices.getErrorMessage().contains("HOSTPORT:GUESTPORT"), devices.getErrorMessage());

        fields.get(2).setText("8080:80,2222:22");
        fields.get(4).setText("");
        assertTrue(devices.isValid(config), devices.getErrorMessage());
        devices.performApply(config);
        assertEquals(new GuestDeviceSettings("8M", "site:ro", "8080:80,2222:22", "10.0.0.2/24", ""),
                GuestDeviceSettings.read(config));
    }

    @Test
    void theVirtualMachinesTabTurnsTheCompilerOff() throws Exception {
        ILaunchConfigurationTab vms = tab(ILaunchManager.RUN_MODE, "Virtual Machines");
        ILaunchConfigurationWorkingCopy config = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(GuestLaunchSettings.TYPE_ID).newInstance(null, "jit");
        GuestLaunchSettings.defaults("p").writeTo(config);
        vms.initializeFrom(config);
        Button jit = buttons(vms.getControl()).stream().filter(b -> b.getText().contains("JIT")).findFirst()
                .orElseThrow(() -> new AssertionError("no JIT checkbox"));
        assertTrue(jit.getSelection(), "the compiler is on by default");
        jit.setSelection(false);
        vms.performApply(config);
        assertFalse(CompilerSettings.compile(config));
        assertEquals(List.of("--jit", "off"), CompilerSettings.runOptions(CompilerSettings.compile(config)));
        vms.initializeFrom(config);
        assertFalse(jit.getSelection());
    }

    private static List<Button> buttons(Control control) {
        List<Button> found = new ArrayList<>();
        if (control instanceof Button button) {
            found.add(button);
        } else if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                found.addAll(buttons(child));
            }
        }
        return found;
    }

    private List<String> names(String mode) {
        GuestLaunchTabGroup group = new GuestLaunchTabGroup();
        group.createTabs(null, mode);
        return Arrays.stream(group.getTabs()).map(ILaunchConfigurationTab::getName).toList();
    }

    private ILaunchConfigurationTab tab(String mode, String name) {
        GuestLaunchTabGroup group = new GuestLaunchTabGroup();
        group.createTabs(null, mode);
        shell = new Shell(PlatformUI.getWorkbench().getDisplay());
        for (ILaunchConfigurationTab tab : group.getTabs()) {
            if (tab.getName().equals(name)) {
                tab.createControl(shell);
                return tab;
            }
        }
        throw new AssertionError("no tab " + name);
    }

    private static List<Text> texts(Control control) {
        List<Text> found = new ArrayList<>();
        if (control instanceof Text text) {
            found.add(text);
        } else if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                found.addAll(texts(child));
            }
        }
        return found;
    }
}
