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
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        DenaliThread thread = ResumeVmOnlyHandler.selectedVm(HandlerUtil.getCurrentSelection(event));
        Shell shell = HandlerUtil.getActiveShell(event);
        if (thread == null || !thread.isSuspended()) {
            MessageDialog.openInformation(shell, "Save Core", "Select a suspended Denali VM in the Debug view.");
            return null;
        }
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Save Core of " + thread.getName());
        dialog.setFileName("vm" + thread.vmId() + ".core");
        // beside the image by default, where a Denali Core launch (and gdb IMAGE CORE) will look for both
        java.nio.file.Path image = ((DenaliDebugTarget) thread.getDebugTarget()).symbols().file();
        if (image != null && image.toAbsolutePath().getParent() != null) {
            dialog.setFilterPath(image.toAbsolutePath().getParent().toString());
        }
        dialog.setFilterExtensions(new String[] {"*.core", "*"});
        dialog.setOverwrite(true);
        String chosen = dialog.open();
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
}
