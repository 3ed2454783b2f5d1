package org.denali.ide.ui.tests;

import static org.denali.ide.ui.tests.support.DebugViews.processEvents;
import static org.denali.ide.ui.tests.support.DebugViews.screenshot;
import static org.denali.ide.ui.tests.support.DebugViews.topRows;
import static org.denali.ide.ui.tests.support.DebugViews.tree;
import static org.denali.ide.ui.tests.support.DebugViews.treeItems;
import static org.denali.ide.ui.tests.support.DebugViews.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.debug.BreakpointConditions;
import org.denali.ide.core.debug.DenaliLineBreakpoint;
import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;
import org.denali.ide.ui.debug.DebugFirstHover;
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
import org.eclipse.jface.text.IInformationControl;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.TextSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
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
    private static final int LINE_JOIN_CONSUMER = 90; // threads.c: thread_join(consume, &sum);
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
        assertEquals("Properties for threads.c [line: " + LINE_SUM + "]", dialog.getShell().getText(),
                "the breakpoint's name in the title (BreakpointLabels)");
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

        // Hover: the Denali C editor's hover (DebugFirstHover) over "sum" in line 67, asked as the text viewer asks
        // it (the region on the UI thread, the text on the viewer's hover thread), shown in the popup its own
        // information control creator makes. Raising it by pointer motion needs a window manager under Xvfb (CI
        // has none): that was walked by hand in the product (docs/images/debug-hover.png).
        page.activate(editor);
        int sumOffset = document.getLineOffset(LINE_SUM - 1) + document.get(document.getLineOffset(LINE_SUM - 1),
                document.getLineLength(LINE_SUM - 1)).indexOf("sum") + 1;
        ITextViewer viewer = (ITextViewer) editor.getAdapter(ITextOperationTarget.class);
        StyledText text = viewer.getTextWidget();
        Shell workbench = page.getWorkbenchWindow().getShell();
        DebugFirstHover hover = new DebugFirstHover(null);
        IRegion region = hover.getHoverRegion(viewer, sumOffset);
        var info = CompletableFuture.supplyAsync(() -> hover.getHoverInfo2(viewer, region));
        Object value = waitFor("the hover's text", () -> info.isDone() ? info.join() : null);
        IInformationControl popup = hover.getHoverControlCreator().createInformationControl(workbench);
        popup.setInformation(value.toString());
        org.eclipse.swt.graphics.Point at = text.toDisplay(text.getLocationAtOffset(sumOffset));
        popup.setLocation(new org.eclipse.swt.graphics.Point(at.x, at.y + text.getLineHeight()));
        org.eclipse.swt.graphics.Point size = popup.computeSizeHint();
        popup.setSize(size.x, size.y);
        popup.setVisible(true);
        String shown = waitFor("the hover popup over sum", () -> popupText(workbench));
        assertEquals("sum = 3  (int)", shown, "at the third hit items 1 and 2 are added");
        processEvents(500);
        screenshot("debug-hover.png");
        popup.dispose();
        processEvents(500);
        screenshot("debug-hit-count-stop.png");
    }

    /** The text of a visible hover popup of the workbench window (a child shell with a styled text), or null. */
    private static String popupText(Shell workbench) {
        for (Shell popup : workbench.getShells()) {
            if (popup.isVisible()) {
                StyledText shown = findOrNull(popup, StyledText.class, t -> !t.getText().isBlank());
                if (shown != null) {
                    return shown.getText();
                }
            }
        }
        return null;
    }

    /** A hello project whose only source is {@link #CRASH_C}, built -O0 (its call through NULL faults at once). */
    private static IProject crashProject(String name) throws CoreException {
        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create(name, "hello", null, null);
        project.getFile("hello.c").delete(true, null);
        project.getFile("crash.c").create(new ByteArrayInputStream(CRASH_C.getBytes(StandardCharsets.UTF_8)), true,
                null);
        project.getFile("denali.properties").appendContents(
                new ByteArrayInputStream("\ncflags=-O0\n".getBytes(StandardCharsets.UTF_8)), true, false, null);
        return project;
    }

    @Test
    void aNullCallStopsAsAHeldFault() throws Exception {
        IProject project = crashProject("crash");

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

        // gdb's frames: ?? at 0x00000000, then main (found through the frame pointer), whose locals stay readable
        DenaliStackFrame main = (DenaliStackFrame) thread.getStackFrames()[1];
        assertEquals("main", main.functionName());
        select(debug, main);
        waitFor("main selected", () -> main.equals(DebugUITools.getDebugContext()) ? Boolean.TRUE : null);
        IViewPart variables = page.showView(IDebugUIConstants.ID_VARIABLE_VIEW);
        List<String> locals = waitFor("main's variables at the fault", () -> {
            List<String> rows = topRows(variables);
            return rows.stream().anyMatch(r -> r.startsWith("served ")) ? rows : null;
        });
        assertTrue(locals.contains("served 6"), "dispatch(5) returned 6 before the NULL call: " + locals);
        page.activate(debug);
        processEvents(1500);
        screenshot("debug-post-mortem.png");

        // Resume delivers the fault: the VM ends as it would have without a debugger
        thread.resume();
        waitFor("the kernel to end", () -> thread.getLaunch().isTerminated() ? Boolean.TRUE : null);
    }

    @Test
    void variablesAndRegistersKeepTheirExpansionAcrossAStep() throws Exception {
        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create("expand", "threads", null,
                null);
        project.getFile("denali.properties").appendContents(
                new ByteArrayInputStream("\ncflags=-O0\n".getBytes(StandardCharsets.UTF_8)), true, false, null);
        DenaliCEditor editor = assertInstanceOf(DenaliCEditor.class, IDE.openEditor(page,
                project.getFile("threads.c")));
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        int offset = document.getLineOffset(LINE_JOIN_CONSUMER - 1);
        DebugUITools.getToggleBreakpointsTargetManager().getToggleBreakpointsTarget(editor,
                new TextSelection(offset, 0)).toggleLineBreakpoints(editor, new TextSelection(document, offset, 0));

        new GuestLaunchShortcut().launch(new StructuredSelection(project), "debug");
        DenaliThread thread = waitFor("main at line " + LINE_JOIN_CONSUMER, () -> {
            Object context = DebugUITools.getDebugContext();
            return context instanceof DenaliStackFrame frame && frame.getLineNumber() == LINE_JOIN_CONSUMER
                    ? frame.denaliThread() : null;
        });
        IViewPart variables = page.showView(IDebugUIConstants.ID_VARIABLE_VIEW);
        expand(variables, "fast"); // a thread_t: gdb lists the SDK's struct thread's fields
        IViewPart registers = page.showView(IDebugUIConstants.ID_REGISTER_VIEW);
        expand(registers, "General");

        thread.stepOver(); // thread_join(consume, &sum): sum gets the consumer's result
        waitFor("the step to line " + (LINE_JOIN_CONSUMER + 1), () -> DebugUITools.getDebugContext()
                instanceof DenaliStackFrame frame && frame.getLineNumber() == LINE_JOIN_CONSUMER + 1
                ? Boolean.TRUE : null);

        page.showView(IDebugUIConstants.ID_VARIABLE_VIEW);
        TreeItem fast = waitFor("fast still expanded after the step, with its fields", () -> expandedRow(variables,
                "fast"));
        assertTrue(fast.getItemCount() > 1, "the struct's fields: " + fast.getItemCount());
        TreeItem sum = waitFor("sum's row", () -> row(variables, "sum"));
        assertTrue(coloured(sum), "sum changed in the step: its value is coloured");
        assertFalse(coloured(fast), "fast did not change: not coloured");
        screenshot("debug-variables-kept-expanded.png");

        page.showView(IDebugUIConstants.ID_REGISTER_VIEW);
        TreeItem general = waitFor("General still expanded after the step", () -> expandedRow(registers,
                "General"));
        TreeItem eip = waitFor("eip's row", () -> java.util.Arrays.stream(general.getItems())
                .filter(i -> i.getText(0).equals("eip")).findFirst().orElse(null));
        assertTrue(coloured(eip), "eip changed in the step: coloured");
        screenshot("debug-registers-kept-expanded.png");
    }

    @Test
    void saveCoreFromTheDebugViewThenOpenItAsADenaliCore() throws Exception {
        IProject project = crashProject("cored");
        new GuestLaunchShortcut().launch(new StructuredSelection(project), "debug");
        DenaliThread thread = waitFor("the fault", () -> DebugUITools.getDebugContext() instanceof DenaliStackFrame f
                && f.denaliThread().stopDescription().startsWith("fault:") ? f.denaliThread() : null);
        java.nio.file.Path image = ((org.denali.ide.core.debug.DenaliDebugTarget) thread.getDebugTarget()).symbols()
                .file();

        // the Debug view's context menu on the VM's frame has "Save Core..."; its file dialog takes a path
        IViewPart debug = page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        page.activate(debug);
        org.eclipse.swt.widgets.Menu menu = tree(debug).getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        org.eclipse.swt.widgets.MenuItem saveCore = java.util.Arrays.stream(menu.getItems())
                .filter(i -> i.getText().replace("&", "").startsWith("Save Core...")).findFirst()
                .orElseThrow(() -> new AssertionError("no Save Core... in the Debug view's menu"));
        assertTrue(saveCore.isEnabled());
        java.nio.file.Path core = image.resolveSibling("vm1.core"); // the dialog's suggestion: beside the image
        // GTK's file dialog ignores synthetic input under Xvfb without a window manager (as CI runs): the test
        // answers in its place with what the dialog suggests, after checking the suggestion
        java.util.List<String> asked = new java.util.ArrayList<>();
        var nativeDialog = org.denali.ide.ui.debug.SaveCoreHandler.useChooser((shell, title, name, folder) -> {
            asked.add(title + " | " + name + " | " + folder);
            return java.nio.file.Path.of(folder, name).toString();
        });
        try {
            saveCore.notifyListeners(SWT.Selection, new Event());
        } finally {
            org.denali.ide.ui.debug.SaveCoreHandler.useChooser(nativeDialog);
            menu.notifyListeners(SWT.Hide, new Event());
        }
        assertEquals(java.util.List.of("Save Core of VM 1 | vm1.core | " + image.getParent()), asked);
        waitFor("the core file", () -> java.nio.file.Files.isRegularFile(core) ? Boolean.TRUE : null);
        var note = org.denali.emulator.debug.core.DenaliNote.read(core).orElseThrow();
        assertEquals(1, note.vmId());
        assertEquals(14, note.faultVector(), "saved at the #PF");
        thread.getLaunch().terminate();

        // Debug Configurations > Denali Core: the image and the saved core
        org.eclipse.debug.core.ILaunchConfigurationWorkingCopy config = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(org.denali.ide.core.launch.CoreSettings.TYPE_ID)
                .newInstance(null, "saved core");
        new org.denali.ide.core.launch.CoreSettings(image.toString(), core.toString()).writeTo(config);
        DebugUITools.launch(config.doSave(), "debug");
        org.denali.ide.core.postmortem.CoreStackFrame main = waitFor("the core's main frame", () -> {
            for (ILaunch l : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
                if (l.getDebugTarget() instanceof org.denali.ide.core.postmortem.CoreDebugTarget t) {
                    try {
                        return (org.denali.ide.core.postmortem.CoreStackFrame) t.getThreads()[0].getStackFrames()[1];
                    } catch (org.eclipse.debug.core.DebugException e) {
                        return null;
                    }
                }
            }
            return null;
        });
        select(debug, main);
        waitFor("the core's main frame selected", () -> main.equals(DebugUITools.getDebugContext())
                ? Boolean.TRUE : null);

        IViewPart registers = page.showView(IDebugUIConstants.ID_REGISTER_VIEW);
        List<String> groups = List.of("General", "EFLAGS", "Denali virtual registers");
        waitFor("the core's register groups " + groups, () -> treeItems(registers).equals(groups) ? Boolean.TRUE
                : null);
        TreeItem virtual = expand(registers, "Denali virtual registers");
        assertEquals("magic", virtual.getItem(0).getText(0), "the core's DENALI note, in the view");
        // the lazy tree fills the rows it paints, so the other values are read from the group the view shows
        var vmId = java.util.Arrays.stream(main.getRegisterGroups()[2].getRegisters()).filter(r -> {
            try {
                return r.getName().equals("vm_id");
            } catch (org.eclipse.debug.core.DebugException e) {
                return false;
            }
        }).findFirst().orElseThrow();
        assertEquals("1", vmId.getValue().getValueString());
        screenshot("debug-core-registers.png");

        // Expressions in the core session
        IViewPart expressions = page.showView(IDebugUIConstants.ID_EXPRESSION_VIEW);
        DebugPlugin.getDefault().getExpressionManager().addExpression(DebugPlugin.getDefault().getExpressionManager()
                .newWatchExpression("served * 2"));
        List<String> rows = waitFor("served * 2 evaluated in the core", () -> {
            List<String> r = topRows(expressions);
            return r.stream().anyMatch(x -> x.contains("12")) ? r : null;
        });
        assertTrue(rows.stream().anyMatch(r -> r.contains("served * 2") && r.contains("12")), rows.toString());
        DebugPlugin.getDefault().getExpressionManager().removeExpressions(
                DebugPlugin.getDefault().getExpressionManager().getExpressions());
    }

    /** Selects a frame in the Debug view as a click on its row does (the tree's selection event). */
    private static void select(IViewPart debug, org.eclipse.debug.core.model.IStackFrame frame) throws Exception {
        String label = frame.getName();
        TreeItem row = waitFor("the row of " + label, () -> findRow(tree(debug).getItems(), label));
        tree(debug).setSelection(row);
        Event click = new Event();
        click.item = row;
        tree(debug).notifyListeners(SWT.Selection, click);
    }

    private static TreeItem findRow(TreeItem[] items, String label) {
        for (TreeItem item : items) {
            if (item.getText().equals(label)) {
                return item;
            }
            TreeItem below = findRow(item.getItems(), label);
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    /** The top-level row called {@code name} once expanded with its children's labels filled, else null. */
    private static TreeItem expandedRow(IViewPart view, String name) {
        TreeItem item = row(view, name);
        return item != null && item.getExpanded() && item.getItemCount() > 0
                && !item.getItem(0).getText(0).isEmpty() ? item : null;
    }

    private static TreeItem row(IViewPart view, String name) {
        for (TreeItem item : tree(view).getItems()) {
            if (item.getText(0).equals(name)) {
                return item;
            }
        }
        return null;
    }

    /** Expands a top-level row as a click on its twistie does (the tree's Expand event, then the widget). */
    private static TreeItem expand(IViewPart view, String name) {
        TreeItem item = waitFor(name + "'s row", () -> row(view, name));
        Event event = new Event();
        event.item = item;
        tree(view).notifyListeners(SWT.Expand, event);
        return waitFor(name + " expanded", () -> {
            if (!item.getExpanded()) {
                item.setExpanded(true); // the children may have arrived only now
            }
            return expandedRow(view, name);
        });
    }

    /** True when the value column is drawn in the "changed" colours rather than the tree's own. */
    private static boolean coloured(TreeItem item) {
        return !item.getBackground(1).equals(item.getParent().getBackground())
                || !item.getForeground(1).equals(item.getParent().getForeground());
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
