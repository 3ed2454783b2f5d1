package org.denali.ide.ui.examples;

import java.nio.file.Path;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.ui.IStartup;

/**
 * Imports the example guests when Denali Studio is started with {@code -Ddenali.examples=DIR}
 * (the {@code ./denali-studio} launcher passes the repository's examples/ folder).
 */
public class ExampleProjectsStartup implements IStartup {
    public static final String EXAMPLES_PROPERTY = "denali.examples";

    @Override
    public void earlyStartup() {
        String dir = System.getProperty(EXAMPLES_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            new ExampleProjectsImportJob(ResourcesPlugin.getWorkspace(), Path.of(dir)).schedule();
        }
    }
}
