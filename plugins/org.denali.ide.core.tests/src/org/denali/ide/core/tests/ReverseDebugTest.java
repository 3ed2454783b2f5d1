package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.denali.ide.core.debug.DenaliDebugTarget;
import org.denali.ide.core.debug.DenaliLineBreakpoint;
import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;
import org.denali.ide.core.launch.DebugSettings;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.denali.ide.core.launch.RecordSettings;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IVariable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reverse debugging in the debug model against a real kernel recording its run ({@code --gdb --record
 * --deterministic}, as a launch with "Record execution" starts it): steps back by line over and into calls, back
 * to the caller, backwards to a breakpoint and to the start of the history, seeks to an instruction count, and the
 * state there (variables, memory, instruction counts) is the state the run had.
 */
class ReverseDebugTest {
    private final ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();
    private final DebugEvents events = new DebugEvents();

    @AfterEach
    void cleanUp() throws CoreException {
        events.close();
        for (ILaunch launch : launches.getLaunches()) {
            launch.terminate();
            launches.removeLaunch(launch);
        }
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(), true);
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void stepsBackThroughLinesToTheSameStateAndIntoAndOutOfCalls() throws Exception {
        IProject project = DebugFixture.create("rev");
        add(new DenaliLineBreakpoint(project.getFile("main.c"), DebugFixture.LINE_A));
        launch(project, true);
        DenaliThread thread = awaitBreakpoint();
        assertTrue(thread.canReverse(), "a recording launch can run backwards");
        DenaliDebugTarget target = thread.denaliTarget();
        Map<String, String> atA = variables(thread);
        long icountAtA = target.client().instructionCount(thread.vmId());
        int counter = (int) target.symbols().symbol("counter").orElseThrow().value();

        step(thread, DebugEvent.STEP_OVER, DebugFixture.LINE_B);
        step(thread, DebugEvent.STEP_OVER, DebugFixture.LINE_COUNTER);
        step(thread, DebugEvent.STEP_OVER, DebugFixture.LINE_PRINTF);
        assertEquals("{a=20, b=40}", variables(thread).toString());
        assertEquals(41, target.client().readMemory(thread.vmId(), counter, 1)[0]);

        // back: a line without a call, a line with one (stepped back over whole), the first line again
        back(thread, () -> thread.stepBack(), DebugFixture.LINE_COUNTER);
        assertEquals(0, target.client().readMemory(thread.vmId(), counter, 1)[0], "counter is not written yet");
        back(thread, () -> thread.reverseStepOver(), DebugFixture.LINE_B);
        assertEquals("20", variables(thread).get("a"));
        back(thread, () -> thread.stepBack(), DebugFixture.LINE_A);
        assertEquals(atA, variables(thread), "the same values as at the first stop");
        assertEquals(icountAtA, target.client().instructionCount(thread.vmId()));

        // forward again through the recorded history, into twice(), then Step Back into... and out of it
        step(thread, DebugEvent.STEP_OVER, DebugFixture.LINE_B);
        step(thread, DebugEvent.STEP_OVER, DebugFixture.LINE_COUNTER);
        back(thread, () -> thread.stepBack(), -1);
        DenaliStackFrame inTwice = (DenaliStackFrame) thread.getTopStackFrame();
        assertEquals("twice", inTwice.functionName(), "Step Back over a return enters the callee's last line");
        back(thread, () -> thread.reverseStepReturn(), DebugFixture.LINE_B);
        assertEquals("main", ((DenaliStackFrame) thread.getTopStackFrame()).functionName());
    }

    @Test
    void reverseResumeStopsAtTheLastBreakpointHitThenAtTheStartAndSeekGoesToACount()
            throws Exception {
        IProject project = DebugFixture.create("revc");
        DenaliLineBreakpoint atB = add(new DenaliLineBreakpoint(project.getFile("main.c"), DebugFixture.LINE_B));
        add(new DenaliLineBreakpoint(project.getFile("main.c"), DebugFixture.LINE_PRINTF));
        launch(project, true);
        DenaliThread thread = awaitBreakpoint();
        DenaliDebugTarget target = thread.denaliTarget();
        long icountAtB = target.client().instructionCount(thread.vmId());
        events.clear();
        thread.resume();
        events.awaitSuspend(thread);
        assertEquals(DebugFixture.LINE_PRINTF, line(thread));
        long icountAtPrintf = target.client().instructionCount(thread.vmId());

        back(thread, () -> thread.reverseResume(), DebugFixture.LINE_B);
        assertEquals(icountAtB, target.client().instructionCount(thread.vmId()), "the last hit of B, backwards");

        atB.delete();
        events.clear();
        thread.reverseResume();
        events.awaitSuspend(thread);
        assertEquals("start of the recorded history", thread.stopDescription());

        events.clear();
        thread.seek(icountAtPrintf);
        events.awaitSuspend(thread);
        assertEquals(icountAtPrintf, target.client().instructionCount(thread.vmId()));
        assertEquals(DebugFixture.LINE_PRINTF, line(thread));
        assertEquals("at instruction " + icountAtPrintf, thread.stopDescription());

        // a seek outside the history is refused and says so; the VM stays where it was
        events.clear();
        thread.seek(icountAtPrintf + 1_000_000_000L);
        events.awaitSuspend(thread);
        assertTrue(thread.stopDescription().startsWith("refused: "), thread.stopDescription());
        assertEquals(icountAtPrintf, target.client().instructionCount(thread.vmId()));

        Path snapshot = Files.createTempDirectory("reverse").resolve("kernel with space.snapshot");
        String answer = target.saveSnapshot(snapshot);
        assertTrue(Files.size(snapshot) > 0 && answer.contains("written to"), answer);
    }

    @Test
    void aLaunchThatDoesNotRecordCannotRunBackwards() throws Exception {
        IProject project = DebugFixture.create("norec");
        add(new DenaliLineBreakpoint(project.getFile("main.c"), DebugFixture.LINE_A));
        launch(project, false);
        DenaliThread thread = awaitBreakpoint();
        assertFalse(thread.canReverse());
        DebugException e = assertThrows(DebugException.class, thread::stepBack);
        assertTrue(e.getMessage().contains("does not record its run"), e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    @FunctionalInterface
    private interface Command {
        void run() throws DebugException;
    }

    /** A reverse command that must end as a step (or at a breakpoint) on {@code line} (-1: anywhere). */
    private void back(DenaliThread thread, Command command, int line) throws Exception {
        events.clear();
        command.run();
        events.awaitSuspend(thread);
        if (line > 0) {
            assertEquals(line, line(thread), thread.stopDescription());
        }
    }

    private void step(DenaliThread thread, int kind, int line) throws Exception {
        events.clear();
        if (kind == DebugEvent.STEP_OVER) {
            thread.stepOver();
        } else {
            thread.stepInto();
        }
        assertEquals(DebugEvent.STEP_END, events.awaitSuspend(thread).getDetail());
        assertEquals(line, line(thread));
    }

    private DenaliThread awaitBreakpoint() throws InterruptedException {
        DebugEvent hit = events.await("breakpoint", e -> e.getKind() == DebugEvent.SUSPEND
                && e.getDetail() == DebugEvent.BREAKPOINT);
        return (DenaliThread) hit.getSource();
    }

    private static int line(DenaliThread thread) throws DebugException {
        return thread.getTopStackFrame().getLineNumber();
    }

    private static Map<String, String> variables(DenaliThread thread) throws DebugException {
        Map<String, String> values = new LinkedHashMap<>();
        for (IVariable v : thread.getTopStackFrame().getVariables()) {
            values.put(v.getName(), v.getValue().getValueString());
        }
        return values;
    }

    private static <B extends IBreakpoint> B add(B breakpoint) throws CoreException {
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(breakpoint);
        return breakpoint;
    }

    private void launch(IProject project, boolean record) throws CoreException {
        ILaunchConfigurationWorkingCopy config = launches.getLaunchConfigurationType(GuestLaunchSettings.TYPE_ID)
                .newInstance(null, project.getName());
        GuestLaunchSettings.defaults(project.getName()).writeTo(config);
        RecordSettings.setRecord(config, record);
        DebugSettings.setTraceProtocol(config, true);
        ILaunch launch = config.launch(ILaunchManager.DEBUG_MODE, null);
        events.setDiagnostics(() -> {
            StringBuilder sb = new StringBuilder();
            for (IProcess p : launch.getProcesses()) {
                sb.append("--- ").append(p.getLabel()).append('\n')
                        .append(p.getStreamsProxy().getOutputStreamMonitor().getContents())
                        .append(p.getStreamsProxy().getErrorStreamMonitor().getContents());
            }
            return sb.toString();
        });
    }
}
