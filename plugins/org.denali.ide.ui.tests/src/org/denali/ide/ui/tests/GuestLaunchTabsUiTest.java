package org.denali.ide.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.denali.ide.core.launch.CompilerSettings;
import org.denali.ide.core.launch.GuestDeviceSettings;
import org.denali.ide.core.launch.CoreSettings;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.denali.ide.ui.debug.CoreLaunchTabGroup;
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

    @Test
    void theVirtualMachinesTabTurnsRecordingOn() throws Exception {
        ILaunchConfigurationTab vms = tab(ILaunchManager.DEBUG_MODE, "Virtual Machines");
        ILaunchConfigurationWorkingCopy config = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(GuestLaunchSettings.TYPE_ID).newInstance(null, "record");
        GuestLaunchSettings.defaults("p").writeTo(config);
        vms.initializeFrom(config);
        Button record = buttons(vms.getControl()).stream().filter(b -> b.getText().contains("Record execution"))
                .findFirst().orElseThrow(() -> new AssertionError("no Record execution checkbox"));
        assertTrue(record.getText().contains("reverse debugging"), record.getText());
        assertFalse(record.getSelection(), "off by default");
        record.setSelection(true);
        vms.performApply(config);
        assertTrue(org.denali.ide.core.launch.RecordSettings.record(config));
        assertEquals(List.of("--record", "/w/p/build/record/x.rr"),
                org.denali.ide.core.launch.RecordSettings.runOptions(Path.of("/w/p/build/record/x.rr")));
        vms.initializeFrom(config);
        assertTrue(record.getSelection());
    }

    @Test
    void theCoreTabNamesWhatIsWrongWithEachFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ILaunchConfigurationTab tab = tab(new CoreLaunchTabGroup(), ILaunchManager.DEBUG_MODE, "Core");
        ILaunchConfigurationWorkingCopy config = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(CoreSettings.TYPE_ID).newInstance(null, "core tab");
        tab.setDefaults(config);
        tab.initializeFrom(config);
        List<Text> fields = texts(tab.getControl());
        assertEquals(2, fields.size(), "image and core file");
        assertFalse(tab.isValid(config));
        assertEquals("Enter the image (an absolute path).", tab.getErrorMessage());

        Path image = elf32(dir.resolve("app.elf"), 2);
        Path core = elf32(dir.resolve("app.vm1.core"), 4);
        Path text = Files.writeString(dir.resolve("notes.core"), "a text file, whatever its name says");
        fields.get(0).setText(dir.resolve("missing.elf").toString());
        assertFalse(tab.isValid(config));
        assertEquals("There is no image '" + dir.resolve("missing.elf") + "'.", tab.getErrorMessage());
        fields.get(0).setText(core.toString());
        assertFalse(tab.isValid(config));
        assertEquals("'app.vm1.core' is not a linked ELF image (the guest's NAME.elf).", tab.getErrorMessage());
        fields.get(0).setText(image.toString());
        assertFalse(tab.isValid(config));
        assertEquals("Enter the core file (an absolute path).", tab.getErrorMessage());
        fields.get(1).setText("app.vm1.core");
        assertFalse(tab.isValid(config));
        assertEquals("The core file must be an absolute path, not 'app.vm1.core'.", tab.getErrorMessage());
        fields.get(1).setText(text.toString());
        assertFalse(tab.isValid(config));
        assertEquals("'notes.core' is not an ELF core file (Save Core..., monitor core or denali run --core-dir "
                + "write one).", tab.getErrorMessage());
        fields.get(1).setText(core.toString());
        assertTrue(tab.isValid(config), tab.getErrorMessage());

        tab.performApply(config);
        assertEquals(new CoreSettings(image.toString(), core.toString()), CoreSettings.read(config));
        tab.initializeFrom(config);
        assertEquals(List.of(image.toString(), core.toString()), fields.stream().map(Text::getText).toList());
    }

    /** An ELF32 little-endian i386 header of type {@code type} (2 = executable, 4 = core), nothing after it. */
    private static Path elf32(Path file, int type) throws java.io.IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(52).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1});
        b.position(16);
        b.putShort((short) type).putShort((short) 3).putInt(1);
        return Files.write(file, b.array());
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
        return tab(new GuestLaunchTabGroup(), mode, name);
    }

    private ILaunchConfigurationTab tab(org.eclipse.debug.ui.ILaunchConfigurationTabGroup group, String mode,
            String name) {
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
