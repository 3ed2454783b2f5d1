package org.denali.ide.ui.preferences;

import org.denali.ide.core.DenaliPreferences;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FileFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.eclipse.core.runtime.preferences.InstanceScope;

/**
 * Window > Preferences > Denali: the settings that hold for every guest project (id {@value #ID}); the C editor's
 * language server has its page under it (org.denali.ide.lsp). Stored where {@link DenaliPreferences} reads them.
 */
public class DenaliPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {
    public static final String ID = "org.denali.ide.ui.preferences";

    public DenaliPreferencePage() {
        super(GRID);
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, DenaliPreferences.QUALIFIER));
        // the labels stay short so that the path fields keep their width in the dialog's first size
        setDescription("Settings for every Denali guest project; an empty field means the default: the SDK built"
                + " into Denali Studio, no extra JVM options, the Java that runs Denali Studio, 16 MiB (16777216)."
                + " clangd has its page below; a project's own settings are on Project > Properties > Denali Guest.");
    }

    @Override
    public void init(IWorkbench workbench) {
    }

    @Override
    protected void createFieldEditors() {
        addField(new DirectoryFieldEditor(DenaliPreferences.SDK_LOCATION, "Ilwaco &SDK:",
                getFieldEditorParent()) {
            @Override
            protected boolean checkState() {
                String problem = DenaliPreferences.sdkLocationProblem(getStringValue());
                setErrorMessage(problem);
                if (problem != null) {
                    showErrorMessage();
                } else {
                    clearErrorMessage();
                }
                return problem == null;
            }
        });
        StringFieldEditor jvm = new StringFieldEditor(DenaliPreferences.KERNEL_JVM_OPTIONS,
                "Kernel &JVM options:", getFieldEditorParent());
        addField(jvm);
        addField(new FileFieldEditor(DenaliPreferences.KERNEL_JAVA, "Kernel J&ava:",
                true, getFieldEditorParent()) {
            @Override
            protected boolean checkState() {
                String problem = DenaliPreferences.kernelJavaProblem(getStringValue());
                setErrorMessage(problem);
                if (problem != null) {
                    showErrorMessage();
                } else {
                    clearErrorMessage();
                }
                return problem == null;
            }
        });
        addField(new StringFieldEditor(DenaliPreferences.DEFAULT_MEMORY, "VM &memory:",
                getFieldEditorParent()) {
            @Override
            protected boolean doCheckState() {
                String text = getStringValue();
                setErrorMessage("The memory must be a multiple of 4096 above 1 MiB and at most 3 GiB, e.g. 16777216.");
                return text.isBlank() || DenaliPreferences.parseMemory(text).isPresent();
            }
        });
    }
}
