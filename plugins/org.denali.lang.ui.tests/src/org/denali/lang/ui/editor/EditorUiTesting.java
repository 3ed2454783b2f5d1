package org.denali.lang.ui.editor;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;

/** Workspace files, editors and waiting in the UI thread for the editor tests. */
final class EditorUiTesting {
    /** The repository (tycho-surefire runs in the module directory). */
    static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    private EditorUiTesting() {
    }

    static IFile file(String project, String name, String content) throws Exception {
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(project);
        if (!p.exists()) {
            p.create(null);
        }
        p.open(null);
        IFile file = p.getFile(name);
        var in = new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
        if (file.exists()) {
            file.setContents(in, true, false, null);
        } else {
            file.create(in, true, null);
        }
        return file;
    }

    static String read(String repositoryPath) throws Exception {
        return Files.readString(REPOSITORY.resolve(repositoryPath));
    }

    static DenaliEditor open(IFile file) throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        return (DenaliEditor) IDE.openEditor(page, file, true);
    }

    /** Runs the event loop until the condition holds; fails after the timeout. */
    static void waitUntil(String what, BooleanSupplier condition) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                display.sleep();
                display.timerExec(20, () -> { });
            }
        }
    }

    /** Lets pending UI work (paint, async runnables) run for a moment. */
    static void settle(long millis) {
        Display display = Display.getCurrent();
        long until = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < until) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Saves a PNG of the workbench window to target/screenshots/NAME (copied into docs/images/ by hand). */
    static Path screenshot(String name) throws Exception {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        Display display = shell.getDisplay();
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
        } finally {
            gc.dispose();
        }
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {image.getImageData()};
        image.dispose();
        Path out = Path.of("target/screenshots").resolve(name);
        Files.createDirectories(out.getParent());
        loader.save(out.toString(), org.eclipse.swt.SWT.IMAGE_PNG);
        return out;
    }
}
