package org.denali.ide.ui.tests;

import static org.denali.ide.ui.tests.support.DebugViews.processEvents;
import static org.denali.ide.ui.tests.support.DebugViews.screenshot;
import static org.denali.ide.ui.tests.support.DebugViews.topRows;
import static org.denali.ide.ui.tests.support.DebugViews.tree;
import static org.denali.ide.ui.tests.support.DebugViews.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.debug.BreakpointConditions;
import org.denali.ide.core.debug.DenaliLineBreakpoint;
import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;
import org.denali.ide.ui.debug.DebugValueHover;
import org.denali.ide.ui.editor.DenaliCEditor;
import org.denali.ide.ui.launch.GuestLaunchShortcut;
import org.denali.ide.ui.tests.support.ErrorLogGuard;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.actions.IToggleBreakpointsTarget;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.TextSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Debugger stories a user plays in the workbench: a hit count typed into Breakpoint Properties stops at the third
 * hit, the editor's debug hover gives gdb's value there, and a guest that calls through a NULL pointer stops as a held fault that the
 * Debug view shows with its frames. Screenshots go to target/screenshots.
 */
@ExtendWith(ErrorLogGuard.class)
class DebuggerStoriesUiTest {
    private static final int LINE_SUM = 67; // threads.c: sum += queue[head];
    private static final String CRASH_C = """
            #include <stdio.h>

            typedef int (*handler_t)(int request);

            static int hello(int request) { return request + 1; }
            static handler_t handlers[4] = { hello, hello, hello };

            static int __attribute__((noinline)) dispatch(int request)
            {
                int slot = request % 4;
                handler_t handler = handlers[slot];
                return handler(request);
            }

            int main(void)
            {
                int served = dispatch(5);
                printf("served %d\\n", served);
                return dispatch(7);
            }
            """;

    private IWorkbenchPage page;

    @BeforeEach
    void debugPerspective() {
        // Never ask whether to switch perspective: the test opens the Debug perspective itself.
        DebugUITools.getPreferenceStore().setValue(IDebugUIConstants.PLUGIN_ID + ".switch_perspective_on_suspend",
                "never");
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setBounds(0, 0, 1400, 900);
        try {
            PlatformUI.getWorkbench().showPerspective(IDebugUIConstants.ID_DEBUG_PERSPECTIVE,
                    PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        } catch (org.eclipse.ui.WorkbenchException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void cleanUp() throws CoreException {
        for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            launch.terminate();
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        }
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(), true);
        page.closeAllEditors(false);
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void hitCountAndHover() throws Exception {
        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create("hits", "threads", null,
                null);
        project.getFile("denali.properties").appendContents(
                new ByteArrayInputStream("\ncflags=-O0\n".getBytes(StandardCharsets.UTF_8)), true, false, null);
        IFile source = project.getFile("threads.c");
        DenaliCEditor editor = assertInstanceOf(DenaliCEditor.class, IDE.openEditor(page, source));
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        int offset = document.getLineOffset(LINE_SUM - 1);
        IToggleBreakpointsTarget toggler = DebugUITools.getToggleBreakpointsTargetManager()
                .getToggleBreakpointsTarget(editor, new TextSelection(offset, 0));
        toggler.toggleLineBreakpoints(editor, new TextSelection(document, offset, 0));
        IBreakpoint[] breakpoints = DebugPlugin.getDefault().getBreakpointManager().getBreakpoints();
        DenaliLineBreakpoint breakpoint = assertInstanceOf(DenaliLineBreakpoint.class, breakpoints[0]);

        // Breakpoint Properties > Denali Breakpoint: tick "Hit count", 3, Apply and Close
        PreferenceDialog dialog = PreferencesUtil.createPropertyDialogOn(page.getWorkbenchWindow().getShell(),
                breakpoint, "org.denali.ide.ui.breakpointConditionPage", null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Composite pageControl = (Composite) ((org.eclipse.jface.preference.IPreferencePage) dialog.getSelectedPage())
                .getControl();
        Button useHitCount = find(pageControl, Button.class, b -> b.getText().contains("Hit count"));
        useHitCount.setSelection(true);
        useHitCount.notifyListeners(SWT.Selection, new Event());
        find(pageControl, Spinner.class, s -> true).setSelection(3);
        dialog.getShell().redraw();
        dialog.getShell().update();
        processEvents(2000); // the dialog paints itself before the screenshot copies the screen
        screenshot("debug-breakpoint-hit-count.png");
        Button ok = find(dialog.getShell(), Button.class,
                b -> Integer.valueOf(IDialogConstants.OK_ID).equals(b.getData()));
        ok.notifyListeners(SWT.Selection, new Event());
        waitFor("the dialog to close", () -> dialog.getShell() == null || dialog.getShell().isDisposed()
                ? Boolean.TRUE : null);
        assertEquals(3, BreakpointConditions.hitCount(breakpoint));

        new GuestLaunchShortcut().launch(new StructuredSelection(project), "debug");
        DenaliThread thread = waitFor("the third hit of line " + LINE_SUM, () -> {
            Object context = DebugUITools.getDebugContext();
            return context instanceof DenaliStackFrame frame && frame.getLineNumber() == LINE_SUM
                    ? frame.denaliThread() : null;
        });
        IViewPart variables = page.showView(IDebugUIConstants.ID_VARIABLE_VIEW);
        List<String> locals = waitFor("consumer's variables", () -> {
            List<String> rows = topRows(variables);
            return rows.stream().anyMatch(r -> r.startsWith("received ")) ? rows : null;
        });
        assertTrue(locals.contains("received 2"), "the third hit: received 0, 1, 2 — " + locals);

        // Hover: the C editor's debug hover over "sum" in line 67 gives gdb's value in the selected frame
        page.activate(editor);
        int sumOffset = document.getLineOffset(LINE_SUM - 1) + document.get(document.getLineOffset(LINE_SUM - 1),
                document.getLineLength(LINE_SUM - 1)).indexOf("sum") + 1;
        ITextViewer viewer = (ITextViewer) editor.getAdapter(ITextOperationTarget.class);
        String info = new DebugValueHover().getHoverInfo(viewer,
                new DebugValueHover().getHoverRegion(viewer, sumOffset));
        assertEquals("sum = 3  (int)", info, "at the third hit items 1 and 2 are added");
        processEvents(1000);
        screenshot("debug-hit-count-stop.png");
    }

    @Test
    void aNullCallStopsAsAHeldFault() throws Exception {
        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create("crash", "hello", null,
                null);
        project.getFile("hello.c").delete(true, null);
        project.getFile("crash.c").create(new ByteArrayInputStream(CRASH_C.getBytes(StandardCharsets.UTF_8)), true,
                null);
        project.getFile("denali.properties").appendContents(
                new ByteArrayInputStream("\ncflags=-O0\n".getBytes(StandardCharsets.UTF_8)), true, false, null);

        new GuestLaunchShortcut().launch(new StructuredSelection(project), "debug");
        DenaliThread thread = waitFor("the fault", () -> {
            Object context = DebugUITools.getDebugContext();
            return context instanceof DenaliStackFrame f && f.denaliThread().stopDescription().startsWith("fault:")
                    ? f.denaliThread() : null;
        });
        assertTrue(thread.stopDescription().startsWith("fault: #PF at EIP=0x00000000"), thread.stopDescription());
        IViewPart debug = page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        String label = waitFor("the VM's label with the fault", () -> {
            for (String row : rows(debug)) {
                if (row.startsWith("VM 1") && row.contains("fault: #PF")) {
                    return row;
                }
            }
            return null;
        });
        assertTrue(label.contains("(address 0x00000000)"), label);

        // gdb's frames: ?? at 0x00000000, then main (found through the frame pointer); PostMortemTest reads its locals
        assertEquals("main", ((DenaliStackFrame) thread.getStackFrames()[1]).functionName());
        page.activate(debug);
        processEvents(1500);
        screenshot("debug-post-mortem.png");

        // Resume delivers the fault: the VM ends as it would have without a debugger
        thread.resume();
        waitFor("the kernel to end", () -> thread.getLaunch().isTerminated() ? Boolean.TRUE : null);
    }

    /** Every row label of a tree view, depth first. */
    private static List<String> rows(IViewPart view) {
        List<String> rows = new ArrayList<>();
        for (TreeItem item : tree(view).getItems()) {
            collect(item, rows);
        }
        return rows;
    }

    private static void collect(TreeItem item, List<String> rows) {
        rows.add(item.getText());
        for (TreeItem child : item.getItems()) {
            collect(child, rows);
        }
    }

    private static <T extends Control> T find(Composite root, Class<T> type, java.util.function.Predicate<T> wanted) {
        for (Control child : root.getChildren()) {
            if (type.isInstance(child) && wanted.test(type.cast(child))) {
                return type.cast(child);
            }
            if (child instanceof Composite c) {
                T found = findOrNull(c, type, wanted);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " as wanted in " + root);
    }

    private static <T extends Control> T findOrNull(Composite root, Class<T> type,
            java.util.function.Predicate<T> wanted) {
        try {
            return find(root, type, wanted);
        } catch (AssertionError e) {
            return null;
        }
    }
}
