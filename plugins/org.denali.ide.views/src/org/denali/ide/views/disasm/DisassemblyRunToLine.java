package org.denali.ide.views.disasm;

import java.util.List;

import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.ISuspendResume;
import org.eclipse.debug.ui.actions.IRunToLineTarget;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IWorkbenchPart;

/**
 * Run to Line in the Disassembly view (Run menu, Ctrl+R, the table's context menu): every VM runs, as for Run to
 * Line in the editor, until one reaches the selected instruction or a breakpoint stops them first.
 */
final class DisassemblyRunToLine implements IRunToLineTarget {
    private final DisassemblyView view;

    DisassemblyRunToLine(DisassemblyView view) {
        this.view = view;
    }

    @Override
    public boolean canRunToLine(IWorkbenchPart part, ISelection selection, ISuspendResume target) {
        return view.selectedAddress() != null && thread(target) != null && thread(target).canResume();
    }

    @Override
    public void runToLine(IWorkbenchPart part, ISelection selection, ISuspendResume target) throws CoreException {
        Long address = view.selectedAddress();
        DenaliThread thread = thread(target);
        if (address == null || thread == null) {
            return; // nothing selected, or not a suspended Denali VM: the action was not enabled
        }
        thread.runToAddresses(List.of(address.intValue()));
    }

    /** The Denali VM behind the debug context the platform passes (a VM or one of its frames). */
    static DenaliThread thread(Object context) {
        if (context instanceof DenaliStackFrame frame) {
            return frame.denaliThread();
        }
        return context instanceof DenaliThread thread ? thread : null;
    }
}
