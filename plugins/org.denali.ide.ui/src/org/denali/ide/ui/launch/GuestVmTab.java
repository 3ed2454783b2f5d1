package org.denali.ide.ui.launch;

import org.denali.ide.core.launch.CompilerSettings;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.denali.ide.core.launch.RecordSettings;
import org.denali.ide.ui.help.HelpContexts;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.SelectionListener;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/** The kernel's options for the run: {@code denali run}'s flags. Empty fields keep the kernel's defaults. */
class GuestVmTab extends SettingsTab {
    private static final int MAX_COUNT = 1_000_000;
    private Spinner countSpinner;
    private Text memoryText;
    private Text quantumText;
    private Text physMemoryText;
    private Button deterministicCheck;
    private Button syncInterruptsCheck;
    private Button compileCheck;
    private Button recordCheck;

    @Override
    public String getName() {
        return "Virtual Machines";
    }

    @Override
    public void createControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);

        new Label(body, SWT.NONE).setText("VM &count:");
        countSpinner = new Spinner(body, SWT.BORDER);
        countSpinner.setValues(1, 1, MAX_COUNT, 0, 1, 10);
        countSpinner.addModifyListener(e -> changed());

        memoryText = field(body, "&Memory per VM:", "default 16M (K/M/G suffixes)");
        quantumText = field(body, "&Quantum:", "default 100000 instructions, or Nus");
        physMemoryText = field(body, "&Physical memory:", "unlimited (VMs beyond it are swapped)");

        deterministicCheck = check(body, "&Deterministic (virtual time from instruction counts; no console input)");
        syncInterruptsCheck = check(body, "&Synchronous interrupts (switch to a VM as soon as one arrives)");
        compileCheck = check(body, "Compile hot guest code to JVM bytecode (&JIT; debugging stays exact)");
        recordCheck = check(body, "&Record execution (enables reverse debugging; log in the project's build/record)");
        setControl(body);
        HelpContexts.attach(body, HelpContexts.GUEST_VM_TAB);
    }

    @Override
    void show(GuestLaunchSettings settings) {
        countSpinner.setSelection(settings.count());
        memoryText.setText(settings.memory());
        quantumText.setText(settings.quantum());
        physMemoryText.setText(settings.physMemory());
        deterministicCheck.setSelection(settings.deterministic());
        syncInterruptsCheck.setSelection(settings.syncInterrupts());
    }

    @Override
    GuestLaunchSettings edit(GuestLaunchSettings s) {
        if (countSpinner == null) {
            return s;
        }
        return new GuestLaunchSettings(s.project(), s.image(), countSpinner.getSelection(), memoryText.getText().trim(),
                quantumText.getText().trim(), physMemoryText.getText().trim(), deterministicCheck.getSelection(),
                syncInterruptsCheck.getSelection());
    }

    @Override
    void showOther(ILaunchConfiguration configuration) {
        try {
            compileCheck.setSelection(CompilerSettings.compile(configuration));
            recordCheck.setSelection(RecordSettings.record(configuration));
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    void applyOther(ILaunchConfigurationWorkingCopy configuration) {
        if (compileCheck != null) {
            CompilerSettings.setCompile(configuration, compileCheck.getSelection());
            RecordSettings.setRecord(configuration, recordCheck.getSelection());
        }
    }

    /** Only the shape is checked here; the kernel reports out-of-range sizes in the console. */
    @Override
    String problem(GuestLaunchSettings settings) {
        if (!settings.memory().isEmpty() && !settings.memory().matches("\\d+[KkMmGg]?")) {
            return "Memory is a size such as 16M.";
        }
        if (!settings.physMemory().isEmpty() && !settings.physMemory().matches("\\d+[KkMmGg]?")) {
            return "Physical memory is a size such as 64M.";
        }
        if (!settings.quantum().isEmpty() && !settings.quantum().matches("\\d+(us)?")) {
            return "The quantum is a number of instructions, or of microseconds with 'us'.";
        }
        return null;
    }

    private Text field(Composite body, String label, String hint) {
        return LabeledFields.field(body, label, hint, this::changed);
    }

    private Button check(Composite body, String label) {
        Button button = new Button(body, SWT.CHECK);
        button.setText(label);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(button);
        button.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> changed()));
        return button;
    }
}
