package org.denali.ide.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.debug.DenaliLineBreakpoint;
import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;
import org.denali.ide.core.debug.InstructionStepping;
import org.denali.ide.ui.debug.InstructionSteppingHandler;
import org.denali.ide.ui.editor.DenaliCEditor;
import org.denali.ide.ui.launch.GuestLaunchShortcut;
import org.denali.ide.ui.tests.support.ErrorLogGuard;
import org.eclipse.core.commands.Command;
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
import org.eclipse.jface.text.TextSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The debugging user story in a real workbench: a guest's main.c opens in the Denali C editor, a line breakpoint
 * is toggled there, Debug As > Denali Guest starts the kernel, the VM stops at the breakpoint with the Debug view,
 * the editor and the Registers view showing it; a step over moves on; screenshots go to target/screenshots.
 */
@ExtendWith(ErrorLogGuard.class)
class DebugUiTest {
    private static final long TIMEOUT_MILLIS = 60_000;
    private static final String MAIN_C = """
            #include <denali.h>
            #include <stdio.h>

            int counter;

            static int twice(int x)
            {
                int y = x * 2;
                return y;
            }

            int main(void)
            {
                int a = 20;
                int b = twice(a);
                counter = b + 1;
                printf("counter %d on VM %u\\n", counter, denali_vregs()->vm_id);
                return 0;
            }
            """;
    private static final int LINE_A = 14;
    private static final int LINE_B = 15;

    @AfterEach
    void cleanUp() throws CoreException {
        InstructionStepping.setEnabled(false);
        for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            launch.terminate();
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        }
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(), true);
        DebugPlugin.getDefault().getExpressionManager().removeExpressions(
                DebugPlugin.getDefault().getExpressionManager().getExpressions());
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void debugsAGuestThroughDebugAs() throws Exception {
        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create("stepper", "hello", null,
                null);
        project.getFile("hello.c").delete(true, null);
        IFile main = project.getFile("main.c");
        main.create(new ByteArrayInputStream(MAIN_C.getBytes(StandardCharsets.UTF_8)), true, null);
        project.getFile("denali.properties").appendContents(
                new ByteArrayInputStream("\ncflags=-O0\n".getBytes(StandardCharsets.UTF_8)), true, false, null);

        // Never ask whether to switch perspective: the test opens the Debug perspective itself.
        DebugUITools.getPreferenceStore().setValue(IDebugUIConstants.PLUGIN_ID + ".switch_perspective_on_suspend",
                "never");
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setBounds(0, 0, 1400, 900);
        PlatformUI.getWorkbench().showPerspective(IDebugUIConstants.ID_DEBUG_PERSPECTIVE,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());

        // main.c opens in the Denali C editor; Run > Toggle Breakpoint on line 14 makes a Denali line breakpoint
        IEditorPart editor = IDE.openEditor(page, main);
        assertInstanceOf(DenaliCEditor.class, editor);
        DenaliCEditor cEditor = (DenaliCEditor) editor;
        int offset = cEditor.getDocumentProvider().getDocument(cEditor.getEditorInput()).getLineOffset(LINE_A - 1);
        cEditor.selectAndReveal(offset, 0);
        IToggleBreakpointsTarget toggler = DebugUITools.getToggleBreakpointsTargetManager()
                .getToggleBreakpointsTarget(editor, new TextSelection(offset, 0));
        assertNotNull(toggler, "the C editor offers line breakpoints");
        toggler.toggleLineBreakpoints(editor, new TextSelection(cEditor.getDocumentProvider()
                .getDocument(cEditor.getEditorInput()), offset, 0));
        IBreakpoint[] breakpoints = DebugPlugin.getDefault().getBreakpointManager().getBreakpoints();
        assertEquals(1, breakpoints.length);
        DenaliLineBreakpoint breakpoint = assertInstanceOf(DenaliLineBreakpoint.class, breakpoints[0]);
        assertEquals(LINE_A, breakpoint.getLineNumber());

        // Debug As > Denali Guest on the project
        new GuestLaunchShortcut().launch(new StructuredSelection(project), "debug");
        DenaliThread thread = waitFor("the VM to stop at the breakpoint", () -> {
            Object context = DebugUITools.getDebugContext();
            return context instanceof DenaliStackFrame frame && frame.getLineNumber() == LINE_A
                    && page.getActiveEditor() instanceof DenaliCEditor ? frame.denaliThread() : null;
        });
        assertEquals(main, page.getActiveEditor().getEditorInput().getAdapter(IFile.class));

        IViewPart registers = page.showView(IDebugUIConstants.ID_REGISTER_VIEW);
        page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        page.activate(page.getActiveEditor());
        List<String> groups = waitFor("the register groups", () -> {
            page.bringToTop(registers); // the console may come up over it when the kernel prints
            List<String> names = treeItems(registers);
            return names.contains("Denali virtual registers") ? names : null;
        });
        assertTrue(groups.containsAll(List.of("General", "EFLAGS", "Denali virtual registers")), groups.toString());
        expandAll(registers);
        processEvents(500);
        screenshot("debug-breakpoint.png");
        page.setPartState(page.getReference(registers), IWorkbenchPage.STATE_MAXIMIZED);
        expandAll(registers);
        List<String> shown = waitFor("the decoded virtual registers", () -> {
            List<String> rows = allRows(registers);
            // the view fills its rows lazily: wait for one of each group
            return rows.stream().anyMatch(r -> r.startsWith("magic") && r.contains("DNLI"))
                    && rows.stream().anyMatch(r -> r.startsWith("ZF "))
                    && rows.stream().anyMatch(r -> r.startsWith("eip ")) ? rows : null;
        });
        assertTrue(shown.stream().anyMatch(r -> r.startsWith("ZF")), shown.toString());
        assertTrue(shown.stream().anyMatch(r -> r.startsWith("eip") && r.contains("<main+")), shown.toString());
        // the picture is about the Denali groups: fold General away
        tree(registers).getItem(0).setExpanded(false);
        tree(registers).redraw();
        processEvents(1500);
        screenshot("debug-eflags.png");
        tree(registers).getItem(1).setExpanded(false);
        tree(registers).redraw();
        processEvents(1000);
        screenshot("debug-registers.png");
        page.setPartState(page.getReference(registers), IWorkbenchPage.STATE_RESTORED);

        // The Debug view's toggle switches the steps to instructions; a line step moves to the next line
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        Command toggle = commands.getCommand(InstructionSteppingHandler.COMMAND_ID);
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(
                InstructionSteppingHandler.COMMAND_ID, null);
        assertTrue(InstructionStepping.isEnabled());
        assertEquals(Boolean.TRUE, toggle.getState("org.eclipse.ui.commands.toggleState").getValue());
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(
                InstructionSteppingHandler.COMMAND_ID, null);
        assertTrue(!InstructionStepping.isEnabled());

        thread.stepOver();
        waitFor("the step to line " + LINE_B, () -> DebugUITools.getDebugContext() instanceof DenaliStackFrame f
                && f.getLineNumber() == LINE_B && thread.isSuspended() ? f : null);
        page.bringToTop(registers);
        expandAll(registers);
        processEvents(500);
        screenshot("debug-step.png");

        // The Variables view lists main's locals as gdb does (int a = 20 has run); the Expressions view evaluates
        // a C expression in the selected frame through gdb
        IViewPart variables = page.showView(IDebugUIConstants.ID_VARIABLE_VIEW);
        List<String> locals = waitFor("main's variables", () -> {
            page.bringToTop(variables);
            List<String> rows = topRows(variables);
            return rows.contains("a 20") ? rows : null;
        });
        assertTrue(locals.stream().anyMatch(r -> r.startsWith("b ")), locals.toString());
        org.eclipse.debug.core.model.IWatchExpression watch = DebugPlugin.getDefault().getExpressionManager()
                .newWatchExpression("a * 2 + counter");
        DebugPlugin.getDefault().getExpressionManager().addExpression(watch);
        page.showView(IDebugUIConstants.ID_EXPRESSION_VIEW);
        watch.setExpressionContext((org.eclipse.debug.core.model.IDebugElement) DebugUITools.getDebugContext());
        String value = waitFor("the expression's value", () -> {
            try {
                return watch.getValue() != null ? watch.getValue().getValueString() : null;
            } catch (org.eclipse.debug.core.DebugException e) {
                return null;
            }
        });
        assertEquals("40", value);
        processEvents(500);
        screenshot("debug-expressions.png");
        thread.getDebugTarget().terminate();
        waitFor("the kernel to end", () -> thread.getLaunch().isTerminated() ? Boolean.TRUE : null);
    }

    private static <T> T waitFor(String what, java.util.function.Supplier<T> condition) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        Display display = Display.getCurrent();
        while (System.currentTimeMillis() < deadline) {
            T value = condition.get();
            if (value != null) {
                return value;
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
        throw new AssertionError("gave up waiting for " + what + "\n" + diagnostics());
    }

    /** What the workbench shows, for a failed wait: debug context, editor, launches and their output. */
    private static String diagnostics() {
        StringBuilder sb = new StringBuilder();
        sb.append("debug context: ").append(DebugUITools.getDebugContext()).append('\n');
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        sb.append("active editor: ").append(page.getActiveEditor()).append(", perspective ")
                .append(page.getPerspective().getId()).append('\n');
        for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            sb.append("launch ").append(launch.getLaunchConfiguration().getName()).append(" mode ")
                    .append(launch.getLaunchMode()).append(" terminated ").append(launch.isTerminated()).append('\n');
            for (org.eclipse.debug.core.model.IDebugTarget t : launch.getDebugTargets()) {
                try {
                    sb.append("  target ").append(t.getName()).append(" suspended ").append(t.isSuspended())
                            .append(" threads ").append(java.util.Arrays.toString(t.getThreads())).append('\n');
                } catch (org.eclipse.debug.core.DebugException e) {
                    sb.append(e).append('\n');
                }
            }
            for (org.eclipse.debug.core.model.IProcess p : launch.getProcesses()) {
                sb.append("  --- ").append(p.getLabel()).append('\n')
                        .append(p.getStreamsProxy().getOutputStreamMonitor().getContents())
                        .append(p.getStreamsProxy().getErrorStreamMonitor().getContents());
            }
        }
        try {
            screenshot("debug-failure.png");
        } catch (Exception e) {
            sb.append("no screenshot: ").append(e);
        }
        return sb.toString();
    }

    /** Lets the views finish their asynchronous updates for {@code millis}. */
    private static void processEvents(long millis) {
        waitFor("nothing", new java.util.function.Supplier<Boolean>() {
            private final long end = System.currentTimeMillis() + millis;

            @Override
            public Boolean get() {
                return System.currentTimeMillis() >= end ? Boolean.TRUE : null;
            }
        });
    }

    private static Tree tree(IViewPart view) {
        Control control = ((org.eclipse.debug.ui.AbstractDebugView) view).getViewer().getControl();
        return control instanceof Tree tree ? tree : null;
    }

    private static List<String> treeItems(IViewPart view) {
        List<String> names = new ArrayList<>();
        Tree tree = tree(view);
        if (tree != null) {
            for (TreeItem item : tree.getItems()) {
                names.add(item.getText());
            }
        }
        return names;
    }

    /** "name value" of the tree's top-level rows (the Variables view: the frame's variables). */
    private static List<String> topRows(IViewPart view) {
        List<String> rows = new ArrayList<>();
        Tree tree = tree(view);
        if (tree != null) {
            for (TreeItem item : tree.getItems()) {
                rows.add(item.getText(0) + " " + item.getText(1));
            }
        }
        return rows;
    }

    /** "name value" of every row the tree shows, groups and their registers. */
    private static List<String> allRows(IViewPart view) {
        List<String> rows = new ArrayList<>();
        Tree tree = tree(view);
        if (tree != null) {
            for (TreeItem group : tree.getItems()) {
                for (TreeItem item : group.getItems()) {
                    rows.add(item.getText(0) + " " + item.getText(1));
                }
            }
        }
        return rows;
    }

    private static void expandAll(IViewPart view) {
        Tree tree = tree(view);
        if (tree != null) {
            for (TreeItem item : tree.getItems()) {
                item.setExpanded(true);
            }
        }
        if (view instanceof org.eclipse.debug.ui.AbstractDebugView debugView
                && debugView.getViewer() instanceof org.eclipse.jface.viewers.TreeViewer viewer) {
            viewer.expandToLevel(2);
        }
    }

    /** The workbench window as a user sees it, into target/screenshots. */
    private static void screenshot(String name) throws Exception {
        Display display = Display.getCurrent();
        org.eclipse.swt.widgets.Shell shell = display.getActiveShell() != null ? display.getActiveShell()
                : PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        shell.redraw();
        shell.update();
        processEvents(200);
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        gc.copyArea(image, bounds.x, bounds.y);
        gc.dispose();
        ImageData data = image.getImageData();
        image.dispose();
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        Path images = imagesDirectory();
        Files.createDirectories(images);
        loader.save(images.resolve(name).toString(), SWT.IMAGE_PNG);
        System.out.println("screenshot " + images.resolve(name));
    }

    /**
     * target/screenshots of the test bundle, like the other UI tests: a test run must not rewrite tracked files;
     * the ones in docs/images are copied from here by hand after looking at them.
     */
    private static Path imagesDirectory() {
        return Path.of("target", "screenshots").toAbsolutePath();
    }
}
