package org.denali.ide.lsp.c;

import java.util.Arrays;
import java.util.List;

import org.denali.ide.lsp.LspPlugin;
import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** The clangd settings (Preferences > Denali > C/C++ Language Server), with their defaults. */
public final class ClangdPreferences extends AbstractPreferenceInitializer {
    public static final String ENABLED = "clangd.enabled";
    /** {@code clangd} (looked up on PATH) or an absolute path. */
    public static final String PATH = "clangd.path";
    /** Extra command-line options, separated by spaces. */
    public static final String OPTIONS = "clangd.options";

    static final String DEFAULT_PATH = "clangd";
    /**
     * No background index (it would write .cache/clangd into the project and compete for the CPU with the
     * build); headers are never inserted behind the user's back; the log stays quiet.
     */
    static final String DEFAULT_OPTIONS = "--background-index=false --header-insertion=never --log=error";

    @Override
    public void initializeDefaultPreferences() {
        IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(LspPlugin.ID);
        defaults.putBoolean(ENABLED, true);
        defaults.put(PATH, DEFAULT_PATH);
        defaults.put(OPTIONS, DEFAULT_OPTIONS);
    }

    public static IPreferenceStore store() {
        return new ScopedPreferenceStore(InstanceScope.INSTANCE, LspPlugin.ID);
    }

    static boolean enabled() {
        return store().getBoolean(ENABLED);
    }

    static String path() {
        String path = store().getString(PATH).strip();
        return path.isEmpty() ? DEFAULT_PATH : path;
    }

    static List<String> options() {
        String options = store().getString(OPTIONS).strip();
        return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
    }
}
