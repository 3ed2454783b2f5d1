package org.denali.ide.ui.debug;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import org.denali.ide.core.debug.DenaliDebugTarget;
import org.denali.ide.core.debug.DenaliThread;

/**
 * "Save Core…" in the Debug view: the kernel writes the selected suspended VM (held at a fault, or stopped
 * anywhere) into an ELF core file, which a "Denali Core" launch or {@code gdb IMAGE CORE} opens later. The dialog
 * suggests {@code vmN.core} beside the image.
 */
public final class SaveCoreHandler extends AbstractHandler {
    /** Asks where to write the core: a title, the file name and folder to suggest; null if the user cancelled. */
    @FunctionalInterface
    public interface CoreFileChooser {
        String choose(Shell shell, String title, String suggestedName, String folder);
    }

    /**
     * The native save dialog. UI tests replace it ({@link #useChooser}): under Xvfb without a window manager, as CI
     * runs them, GTK's file dialog ignores synthetic keys and clicks, so a test cannot answer it as a user does.
     */
    private static volatile CoreFileChooser chooser = SaveCoreHandler::askWithFileDialog;

    /** Replaces the chooser (UI tests only); returns the previous one, to put back. */
    public static CoreFileChooser useChooser(CoreFileChooser replacement) {
        CoreFileChooser previous = chooser;
        chooser = replacement;
        return previous;
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        DenaliThread thread = ResumeVmOnlyHandler.selectedVm(HandlerUtil.getCurrentSelection(event));
        Shell shell = HandlerUtil.getActiveShell(event);
        if (thread == null || !thread.isSuspended()) {
            MessageDialog.openInformation(shell, "Save Core", "Select a suspended Denali VM in the Debug view.");
            return null;
        }
        // beside the image by default, where a Denali Core launch (and gdb IMAGE CORE) will look for both
        java.nio.file.Path image = ((DenaliDebugTarget) thread.getDebugTarget()).symbols().file();
        String folder = image != null && image.toAbsolutePath().getParent() != null
                ? image.toAbsolutePath().getParent().toString() : null;
        String chosen = chooser.choose(shell, "Save Core of " + thread.getName(), "vm" + thread.vmId() + ".core",
                folder);
        if (chosen == null) {
            return null;
        }
        try {
            thread.saveCore(Path.of(chosen));
        } catch (DebugException e) {
            MessageDialog.openError(shell, "Save Core", e.getStatus().getMessage());
        }
        return null;
    }

    private static String askWithFileDialog(Shell shell, String title, String suggestedName, String folder) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText(title);
        dialog.setFileName(suggestedName);
        if (folder != null) {
            dialog.setFilterPath(folder);
        }
        dialog.setFilterExtensions(new String[] {"*.core", "*"});
        dialog.setOverwrite(true);
        return dialog.open();
    }
}
