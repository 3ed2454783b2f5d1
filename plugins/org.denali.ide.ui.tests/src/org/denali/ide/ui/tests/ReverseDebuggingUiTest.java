package org.denali.ide.ui.tests;

import static org.denali.ide.ui.tests.support.DebugViews.processEvents;
import static org.denali.ide.ui.tests.support.DebugViews.screenshot;
import static org.denali.ide.ui.tests.support.DebugViews.topRows;
import static org.denali.ide.ui.tests.support.DebugViews.treeItems;
import static org.denali.ide.ui.tests.support.DebugViews.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.debug.DenaliLineBreakpoint;
import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.denali.ide.core.launch.RecordSettings;
import org.denali.ide.ui.tests.support.ErrorLogGuard;
import org.denali.ide.views.monitor.Timeline;
import org.denali.ide.views.timeline.TimelineCanvas;
import org.denali.ide.views.timeline.TimelineView;
import org.eclipse.core.commands.Command;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reverse debugging as a user plays it in the workbench, against a real kernel recording its run: a launch with
 * "Record execution", three line steps, then the Debug view's Step Back / Reverse Step Over commands back to the
 * first line, where the Variables view shows the values of the first stop again; the Timeline view shows the
 * recorded run and a click in it seeks the VM to the clicked instruction count. Screenshots go to
 * target/screenshots (reverse-debugging.png, timeline.png).
 */
@ExtendWith(ErrorLogGuard.class)
class ReverseDebuggingUiTest {
    private static final String MAIN_C = """
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
                printf("counter %d\\n", counter);
                return 0;
            }
            """;
    private static final int LINE_A = 13;
    private static final int LINE_B = 14;
    private static final int LINE_COUNTER = 15;
    private static final int LINE_PRINTF = 16;

    private IWorkbenchPage page;

    @BeforeEach
    void debugPerspective() throws Exception {
        DebugUITools.getPreferenceStore().setValue(IDebugUIConstants.PLUGIN_ID + ".switch_perspective_on_suspend",
                "never");
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setBounds(0, 0, 1400, 900);
        PlatformUI.getWorkbench().showPerspective(IDebugUIConstants.ID_DEBUG_PERSPECTIVE,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
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
    void stepBackReturnsToTheFirstLineWithItsValuesAndTheTimelineSeeks() throws Exception {
        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create("rewind", "hello", null,
                null);
        project.getFile("hello.c").delete(true, null);
        project.getFile("main.c").create(new ByteArrayInputStream(MAIN_C.getBytes(StandardCharsets.UTF_8)), true,
                null);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(
                new DenaliLineBreakpoint(project.getFile("main.c"), LINE_A));
        ILaunchConfigurationWorkingCopy config = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(GuestLaunchSettings.TYPE_ID).newInstance(null, "rewind (recorded)");
        GuestLaunchSettings.defaults("rewind").writeTo(config);
        RecordSettings.setRecord(config, true);
        DebugUITools.launch(config.doSave(), ILaunchManager.DEBUG_MODE);

        DenaliThread thread = waitFor("the breakpoint at line " + LINE_A, () -> atLine(LINE_A));
        IViewPart variables = page.showView(IDebugUIConstants.ID_VARIABLE_VIEW);
        List<String> first = waitFor("main's variables", () -> {
            List<String> rows = topRows(variables);
            return rows.size() == 2 && rows.get(0).startsWith("a ") ? rows : null;
        });
        long firstCount = thread.denaliTarget().client().instructionCount(thread.vmId());
        IViewPart debug = page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        page.activate(debug);

        for (int line : new int[] {LINE_B, LINE_COUNTER, LINE_PRINTF}) {
            thread.stepOver();
            waitFor("a step to line " + line, () -> atLine(line));
        }
        assertEquals(List.of("a 20", "b 40"), waitFor("the values at line " + LINE_PRINTF, () -> {
            List<String> rows = topRows(variables);
            return rows.equals(List.of("a 20", "b 40")) ? rows : null;
        }));

        // back through the Debug view's commands, as their buttons and keys run them
        run("org.denali.ide.ui.stepBack");
        waitFor("Step Back to line " + LINE_COUNTER, () -> atLine(LINE_COUNTER));
        run("org.denali.ide.ui.reverseStepOver");
        waitFor("Reverse Step Over (over twice()) to line " + LINE_B, () -> atLine(LINE_B));
        run("org.denali.ide.ui.stepBack");
        waitFor("Step Back to line " + LINE_A, () -> atLine(LINE_A));
        assertEquals(first, waitFor("the first stop's values again", () -> {
            List<String> rows = topRows(variables);
            return rows.equals(first) ? rows : null;
        }), "Step Back after three line steps returns to the first line with the same variable values");
        assertEquals(firstCount, thread.denaliTarget().client().instructionCount(thread.vmId()));
        page.activate(debug);
        processEvents(1500);
        screenshot("reverse-debugging.png");

        // the Timeline view: the recorded run of VM 1, and a click seeks there
        TimelineView timeline = (TimelineView) page.showView(TimelineView.ID);
        Timeline shown = waitFor("the recorded run in the Timeline", () -> {
            Timeline t = timeline.lastShown();
            return t != null && t.events().stream().anyMatch(e -> e.kind() == Timeline.Kind.QUANTUM)
                    && t.icount() == firstCount ? t : null;
        });
        assertTrue(shown.recordedUpTo() >= firstCount, "the history reaches the last step: " + shown);
        TimelineCanvas canvas = timeline.canvasForTests();
        int x = canvas.xOf(shown.first() + (firstCount - shown.first()) / 2);
        long clicked = canvas.icountAt(x);
        assertTrue(clicked > 0 && clicked < firstCount, "a point in the past: " + clicked);
        Event up = new Event();
        up.button = 1;
        up.x = x;
        up.y = TimelineCanvas.laneMiddle(0);
        canvas.notifyListeners(SWT.MouseUp, up);
        waitFor("VM 1 at the clicked instruction " + clicked, () -> {
            String label = thread.stopDescription();
            return label.equals("at instruction " + clicked) ? label : null;
        });
        assertEquals(clicked, thread.denaliTarget().client().instructionCount(thread.vmId()));
        waitFor("the Timeline's cursor at the clicked count", () -> timeline.lastShown() != null
                && timeline.lastShown().icount() == clicked ? Boolean.TRUE : null);
        assertTrue(treeItems(debug).size() > 0);
        processEvents(1500);
        screenshot("timeline.png");
    }

    @Test
    void theReverseCommandsAreDisabledForALaunchThatDoesNotRecord() throws Exception {
        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create("plain", "hello", null,
                null);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(
                new DenaliLineBreakpoint(project.getFile("hello.c"), firstCodeLine(project)));
        ILaunchConfigurationWorkingCopy config = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(GuestLaunchSettings.TYPE_ID).newInstance(null, "plain");
        GuestLaunchSettings.defaults("plain").writeTo(config);
        DebugUITools.launch(config.doSave(), ILaunchManager.DEBUG_MODE);
        DenaliThread thread = waitFor("the breakpoint", () -> DebugUITools.getDebugContext()
                instanceof DenaliStackFrame f ? f.denaliThread() : null);
        page.activate(page.showView(IDebugUIConstants.ID_DEBUG_VIEW));
        assertFalse(thread.canReverse());
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        waitFor("the forward steps enabled for the suspended VM", () -> commands
                .getCommand("org.eclipse.debug.ui.commands.StepOver").isEnabled() ? Boolean.TRUE : null);
        processEvents(1000);
        for (String id : List.of("org.denali.ide.ui.stepBack", "org.denali.ide.ui.reverseStepOver",
                "org.denali.ide.ui.reverseStepReturn", "org.denali.ide.ui.reverseResume")) {
            assertFalse(commands.getCommand(id).isEnabled(), id + " is disabled without a recording");
        }
    }

    /** The line of hello.c's first statement in main (where its printf is). */
    private static int firstCodeLine(IProject project) throws Exception {
        String[] lines = new String(project.getFile("hello.c").getContents().readAllBytes(), StandardCharsets.UTF_8)
                .split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("printf")) {
                return i + 1;
            }
        }
        throw new AssertionError("no printf in hello.c");
    }

    /** Runs a command as its toolbar button does, once the Debug view has enabled it for the selected VM. */
    private static void run(String commandId) throws Exception {
        Command command = PlatformUI.getWorkbench().getService(ICommandService.class).getCommand(commandId);
        waitFor(commandId + " enabled", () -> command.isEnabled() ? Boolean.TRUE : null);
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(commandId, null);
    }

    private static DenaliThread atLine(int line) {
        Object context = DebugUITools.getDebugContext();
        return context instanceof DenaliStackFrame frame && frame.getLineNumber() == line
                && frame.denaliThread().isSuspended() ? frame.denaliThread() : null;
    }
}
