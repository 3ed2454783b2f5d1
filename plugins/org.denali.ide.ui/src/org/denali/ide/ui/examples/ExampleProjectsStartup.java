package org.denali.ide.ui.examples;

import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;

/**
 * Imports the example guests when Denali Studio is started with {@code -Ddenali.examples=DIR}
 * (the {@code ./denali-studio} launcher passes the repository's examples/ folder). On the first start, when
 * the import created the {@code hello} example, its {@code hello.c} is opened: a newcomer sees a guest's
 * source, not an empty editor area. Later starts keep whatever the user had open.
 */
public class ExampleProjectsStartup implements IStartup {
    public static final String EXAMPLES_PROPERTY = "denali.examples";
    /** The example a first start opens, and its source file. */
    static final String FIRST_EXAMPLE = "hello";
    static final String FIRST_SOURCE = "hello.c";

    @Override
    public void earlyStartup() {
        String dir = System.getProperty(EXAMPLES_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            ExampleProjectsImportJob job = new ExampleProjectsImportJob(ResourcesPlugin.getWorkspace(), Path.of(dir));
            job.addJobChangeListener(new JobChangeAdapter() {
                @Override
                public void done(IJobChangeEvent event) {
                    job.importedProjects().stream().filter(p -> p.getName().equals(FIRST_EXAMPLE)).findFirst()
                            .ifPresent(ExampleProjectsStartup::openFirstSource);
                }
            });
            job.schedule();
        }
    }

    private static void openFirstSource(IProject hello) {
        IFile source = hello.getFile(FIRST_SOURCE);
        PlatformUI.getWorkbench().getDisplay().asyncExec(() -> {
            IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
            if (window == null && PlatformUI.getWorkbench().getWorkbenchWindowCount() > 0) {
                window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
            }
            IWorkbenchPage page = window == null ? null : window.getActivePage();
            if (page == null || !source.exists() || page.getEditorReferences().length > 0) {
                return;
            }
            try {
                IDE.openEditor(page, source, true);
            } catch (PartInitException e) {
                // the workbench logs and shows why an editor cannot open; nothing is lost without it
                org.eclipse.core.runtime.ILog.of(ExampleProjectsStartup.class).log(e.getStatus());
            }
        });
    }
}
