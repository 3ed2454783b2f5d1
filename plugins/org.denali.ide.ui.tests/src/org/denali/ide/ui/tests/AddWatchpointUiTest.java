package org.denali.ide.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.denali.ide.ui.debug.AddWatchpointDialog;
import org.denali.ide.ui.tests.support.ErrorLogGuard;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** "Add Watchpoint…" of the Breakpoints view: its dialog's questions, its refusal of an empty address, its answer. */
@ExtendWith(ErrorLogGuard.class)
class AddWatchpointUiTest {
    @Test
    void theDialogAsksForAnAddressItsLengthAndTheAccesses() {
        AddWatchpointDialog dialog = new AddWatchpointDialog(PlatformUI.getWorkbench().getActiveWorkbenchWindow()
                .getShell());
        dialog.setBlockOnOpen(false);
        dialog.open();
        Composite shell = dialog.getShell();
        Button ok = all(shell, Button.class).stream()
                .filter(b -> Integer.valueOf(IDialogConstants.OK_ID).equals(b.getData())).findFirst().orElseThrow();
        assertFalse(ok.isEnabled(), "nothing to watch yet");
        assertEquals("Enter an address (0x100020) or a symbol of the guest (counter, &table).",
                dialog.getErrorMessage());

        all(shell, Text.class).stream().filter(t -> (t.getStyle() & SWT.BORDER) != 0).findFirst().orElseThrow()
                .setText("&queue");
        assertTrue(ok.isEnabled());
        assertEquals(null, dialog.getErrorMessage());
        Spinner bytes = all(shell, Spinner.class).get(0);
        assertEquals(4, bytes.getSelection(), "an int by default");
        bytes.setSelection(16);
        List<Button> radios = all(shell, Button.class).stream().filter(b -> (b.getStyle() & SWT.RADIO) != 0)
                .toList();
        assertEquals(List.of("&Write", "&Read", "A&ny access"), radios.stream().map(Button::getText).toList());
        assertTrue(radios.get(0).getSelection(), "writes by default, like gdb's watch");
        radios.get(0).setSelection(false);
        radios.get(1).setSelection(true);
        ok.notifyListeners(SWT.Selection, new Event());

        AddWatchpointDialog.Answer answer = dialog.answer();
        assertNotNull(answer);
        assertEquals(new AddWatchpointDialog.Answer("&queue", 16, true, false), answer, "rwatch: reads only");
    }

    private static <T extends Control> List<T> all(Control root, Class<T> type) {
        List<T> found = new ArrayList<>();
        if (type.isInstance(root)) {
            found.add(type.cast(root));
        }
        if (root instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                found.addAll(all(child, type));
            }
        }
        return found;
    }
}
