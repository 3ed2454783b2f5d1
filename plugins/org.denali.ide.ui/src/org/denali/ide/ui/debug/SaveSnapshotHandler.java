package org.denali.ide.ui.debug;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import org.denali.ide.core.debug.DenaliDebugTarget;
import org.denali.ide.core.debug.DenaliThread;

/**
 * "Save Snapshot…" in the Debug view, on a Denali kernel or one of its VMs: the kernel writes its whole state to a
 * file ({@code monitor snapshot save FILE}) that {@code denali run IMAGE … --restore FILE} goes on from. The
 * dialog suggests {@code kernel.snapshot} beside the image.
 */
public final class SaveSnapshotHandler extends AbstractHandler {
    /** The native save dialog; UI tests answer in its place, as for Save Core ({@link SaveCoreHandler}). */
    private static volatile SaveCoreHandler.CoreFileChooser chooser = SaveSnapshotHandler::askWithFileDialog;

    /** Replaces the chooser (UI tests only); returns the previous one, to put back. */
    public static SaveCoreHandler.CoreFileChooser useChooser(SaveCoreHandler.CoreFileChooser replacement) {
        SaveCoreHandler.CoreFileChooser previous = chooser;
        chooser = replacement;
        return previous;
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShell(event);
        DenaliDebugTarget target = selectedKernel(event);
        if (target == null || !target.isSuspended()) {
            MessageDialog.openInformation(shell, "Save Snapshot",
                    "Select a suspended Denali kernel or VM in the Debug view.");
            return null;
        }
        Path image = target.symbols().file();
        String folder = image != null && image.toAbsolutePath().getParent() != null
                ? image.toAbsolutePath().getParent().toString() : null;
        String chosen = chooser.choose(shell, "Save Snapshot of " + target.getName(), "kernel.snapshot", folder);
        if (chosen == null) {
            return null;
        }
        try {
            String answer = target.saveSnapshot(Path.of(chosen));
            // the kernel's answer (size, instructions) in the status line: no dialog to click away
            if (HandlerUtil.getActivePart(event) != null
                    && HandlerUtil.getActivePart(event).getSite() instanceof org.eclipse.ui.IViewSite site) {
                site.getActionBars().getStatusLineManager().setMessage(answer);
            }
        } catch (DebugException e) {
            MessageDialog.openError(shell, "Save Snapshot", e.getStatus().getMessage());
        }
        return null;
    }

    private static DenaliDebugTarget selectedKernel(ExecutionEvent event) {
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection s && s.size() == 1
                && s.getFirstElement() instanceof DenaliDebugTarget target) {
            return target;
        }
        DenaliThread thread = ResumeVmOnlyHandler.selectedVm(HandlerUtil.getCurrentSelection(event));
        return thread == null ? null : thread.denaliTarget();
    }

    private static String askWithFileDialog(Shell shell, String title, String suggestedName, String folder) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText(title);
        dialog.setFileName(suggestedName);
        if (folder != null) {
            dialog.setFilterPath(folder);
        }
        dialog.setFilterExtensions(new String[] {"*.snapshot", "*"});
        dialog.setOverwrite(true);
        return dialog.open();
    }
}
