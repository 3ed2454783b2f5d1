package org.denali.ide.ui.preferences;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.denali.ide.core.DenaliPreferences;
import org.denali.ide.core.GuestPropertiesFile;
import org.denali.sdk.build.BuildConfiguration;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PropertyPage;

/**
 * Project > Properties > Denali Guest: what {@code denali.properties} holds (build configuration, image name,
 * extra cflags, VM memory), edited through {@link GuestPropertiesFile} so comments and unknown keys survive.
 * How many VMs run and their devices belong to each launch configuration, which this page points to.
 */
public class GuestPropertyPage extends PropertyPage {
    public static final String ID = "org.denali.ide.ui.guestPropertyPage";

    private Combo configuration;
    private Text imageName;
    private Text cflags;
    private Text memory;

    @Override
    protected Control createContents(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(body);
        Map<String, String> values = read();

        new Label(body, SWT.NONE).setText("Build &configuration:");
        configuration = new Combo(body, SWT.READ_ONLY);
        Arrays.stream(BuildConfiguration.values()).forEach(c -> configuration.add(c.id()));
        String chosen = values.getOrDefault(GuestPropertiesFile.CONFIGURATION, BuildConfiguration.DEFAULT.id());
        configuration.select(Math.max(0, Arrays.asList(configuration.getItems()).indexOf(chosen)));
        hint(body, "debug: -O0 -fno-omit-frame-pointer (Debug As always builds it); release: -O2.");

        imageName = field(body, "&Image name:", values.get(GuestPropertiesFile.IMAGE_NAME), project().getName());
        cflags = field(body, "Extra c&flags:", values.get(GuestPropertiesFile.CFLAGS), "e.g. -DTRACE -Wextra");
        memory = field(body, "VM &memory (bytes):", values.get(GuestPropertiesFile.MEMORY),
                Long.toString(DenaliPreferences.defaultMemory()));
        memory.addModifyListener(e -> validate());
        hint(body, "The VM count, devices and network are set per launch configuration: Run > Run Configurations.");
        validate();
        return body;
    }

    private static Text field(Composite body, String label, String value, String placeholder) {
        new Label(body, SWT.NONE).setText(label);
        Text text = new Text(body, SWT.BORDER | SWT.SINGLE);
        text.setText(value == null ? "" : value);
        text.setMessage(placeholder);
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(text);
        return text;
    }

    private static void hint(Composite body, String text) {
        Label hint = new Label(body, SWT.WRAP);
        hint.setText(text);
        GridDataFactory.fillDefaults().span(2, 1).hint(420, SWT.DEFAULT).applyTo(hint);
    }

    private void validate() {
        String text = memory.getText();
        boolean valid = text.isBlank() || DenaliPreferences.parseMemory(text).isPresent();
        setErrorMessage(valid ? null : "The memory must be a multiple of 4096 above 1 MiB and at most 3 GiB.");
        setValid(valid);
    }

    @Override
    public boolean performOk() {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put(GuestPropertiesFile.CONFIGURATION, configuration.getText());
        changes.put(GuestPropertiesFile.IMAGE_NAME, imageName.getText());
        changes.put(GuestPropertiesFile.CFLAGS, cflags.getText());
        changes.put(GuestPropertiesFile.MEMORY, memory.getText());
        try {
            new GuestPropertiesFile(project()).write(changes);
            return true;
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
            return false;
        }
    }

    @Override
    protected void performDefaults() {
        configuration.select(Arrays.asList(configuration.getItems()).indexOf(BuildConfiguration.DEFAULT.id()));
        imageName.setText("");
        cflags.setText("");
        memory.setText("");
        super.performDefaults();
    }

    private Map<String, String> read() {
        try {
            return new GuestPropertiesFile(project()).read();
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
            return Map.of();
        }
    }

    private IProject project() {
        return Adapters.adapt(getElement(), IProject.class);
    }
}
