package org.denali.ide.lsp.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.denali.ide.core.GuestProjectCreator;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

/** What the C editor tests share: a guest project from a template, its editor, waiting, the error log. */
final class Workbench {
    private final List<IStatus> errors = new ArrayList<>();
    private final ILogListener listener = (status, plugin) -> {
        if (status.getSeverity() == IStatus.ERROR) {
            synchronized (errors) {
                errors.add(status);
            }
        }
    };

    Workbench() {
        Platform.addLogListener(listener);
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setBounds(0, 0, 1400, 900);
    }

    /** Fails when anything logged an error while the test ran. */
    void assertNoErrorsLogged() {
        Platform.removeLogListener(listener);
        synchronized (errors) {
            assertTrue(errors.isEmpty(), () -> "the workbench logged errors: " + errors.stream()
                    .map(s -> s.getMessage() + (s.getException() == null ? "" : " " + s.getException()))
                    .toList());
        }
    }

    static IProject guest(String name, String template) throws Exception {
        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create(name, template, null, null);
        Job.getJobManager().join(ResourcesPlugin.FAMILY_AUTO_BUILD, null);
        Job.getJobManager().join(ResourcesPlugin.FAMILY_MANUAL_BUILD, null);
        return project;
    }

    static ITextEditor open(IFile file) throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        return (ITextEditor) IDE.openEditor(page, file);
    }

    static IDocument document(ITextEditor editor) {
        return editor.getDocumentProvider().getDocument(editor.getEditorInput());
    }

    static ISourceViewer viewer(ITextEditor editor) {
        return (ISourceViewer) editor.getAdapter(ITextOperationTarget.class);
    }

    static StyledText text(ITextEditor editor) {
        return (StyledText) editor.getAdapter(Control.class);
    }

    /** Runs the event loop until {@code condition} holds; fails with {@code what} after the timeout. */
    static void waitUntil(String what, long timeoutMillis, BooleanSupplier condition) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Runs the event loop for a moment (lets queued UI work happen). */
    static void spin(long millis) {
        long end = System.currentTimeMillis() + millis;
        Display display = Display.getCurrent();
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    static void closeEverything() throws Exception {
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }
}
