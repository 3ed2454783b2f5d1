package org.denali.ide.ui.tests;

import static org.denali.ide.ui.tests.support.DebugViews.allRows;
import static org.denali.ide.ui.tests.support.DebugViews.expandAll;
import static org.denali.ide.ui.tests.support.DebugViews.processEvents;
import static org.denali.ide.ui.tests.support.DebugViews.screenshot;
import static org.denali.ide.ui.tests.support.DebugViews.topRows;
import static org.denali.ide.ui.tests.support.DebugViews.tree;
import static org.denali.ide.ui.tests.support.DebugViews.treeItems;
import static org.denali.ide.ui.tests.support.DebugViews.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
            return rows.contains("a 20") && rows.stream().anyMatch(r -> r.startsWith("b ")) ? rows : null;
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
}
