package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.debug.DenaliDebugTarget;
import org.denali.ide.core.debug.DenaliMemoryBlock;
import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IVariable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Post-mortem in the IDE: a guest that calls through a NULL function pointer (a fetch from page 0, #PF) is held
 * by the kernel at the fault while the IDE is attached; the Debug view shows the fault, the frames, variables and
 * memory stay readable, and Resume delivers the fault (the VM ends with the kernel's fault report).
 */
class PostMortemTest {
    /** The fixture; its line numbers are part of it. */
    static final String CRASH_C = """
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

    private final IWorkspace workspace = ResourcesPlugin.getWorkspace();
    private final ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();
    private final DebugEvents events = new DebugEvents();

    @AfterEach
    void cleanUp() throws CoreException {
        events.close();
        for (ILaunch launch : launches.getLaunches()) {
            launch.terminate();
            launches.removeLaunch(launch);
        }
        for (IProject p : workspace.getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    /** A hello-template project whose only source is {@link #CRASH_C}, built -O0. */
    static IProject create(IWorkspace workspace, String name) throws CoreException {
        IProject project = new GuestProjectCreator(workspace).create(name, "hello", null, null);
        project.getFile("hello.c").delete(true, null);
        project.getFile("crash.c").create(new ByteArrayInputStream(CRASH_C.getBytes(StandardCharsets.UTF_8)), true,
                null);
        project.getFile("denali.properties").appendContents(
                new ByteArrayInputStream("\ncflags=-O0\n".getBytes(StandardCharsets.UTF_8)), true, false, null);
        return project;
    }

    @Test
    void aFaultingGuestIsHeldWithItsFramesAndVariablesReadable() throws Exception {
        IProject project = create(workspace, "crash");
        ILaunch launch = launch(project);

        DebugEvent stop = events.await("the fault", e -> e.getKind() == DebugEvent.SUSPEND
                && e.getSource() instanceof DenaliThread);
        DenaliThread thread = (DenaliThread) stop.getSource();
        String why = thread.stopDescription();
        assertTrue(why.startsWith("fault: #PF at EIP=0x00000000") && why.contains("(address 0x00000000)"), why);
        assertTrue(thread.isSuspended() && !thread.isEnded(), "held, not ended");

        DenaliDebugTarget target = (DenaliDebugTarget) thread.getDebugTarget();
        List<String> frames = Arrays.stream(thread.getStackFrames())
                .map(f -> ((DenaliStackFrame) f).functionName()).toList();
        String gdb = GdbOracle.atFault(target.symbols().file(), project.getName(), "bt", "info locals");
        assertTrue(gdb.contains("Program received signal SIGSEGV"), gdb);
        // gdb's own unwinding from pc 0: "??" at 0x00000000, then the caller it finds through the frame pointer
        assertEquals(GdbOracle.functions(GdbOracle.section(gdb, "bt")), frames, "the IDE's frames are gdb's\n" + gdb);
        assertEquals("??", frames.get(0));
        assertEquals(0, thread.getStackFrames()[0].getVariables().length, "code without a symbol has no variables");
        DenaliStackFrame caller = (DenaliStackFrame) thread.getStackFrames()[1];
        assertEquals("main", caller.functionName());
        Map<String, String> variables = new LinkedHashMap<>();
        for (IVariable v : caller.getVariables()) {
            variables.put(v.getName(), v.getValue().getValueString());
        }
        assertEquals("6", variables.get("served"), "the first dispatch's result: " + variables);

        DenaliMemoryBlock handlers = (DenaliMemoryBlock) target.getExtendedMemoryBlock("&handlers", caller);
        byte[] bytes = toBytes(handlers.getBytesFromOffset(java.math.BigInteger.ZERO, 16));
        assertEquals(16, bytes.length);
        assertTrue(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] == 0,
                "handlers[3] is NULL: " + Arrays.toString(bytes));
        assertTrue(bytes[0] != 0 || bytes[1] != 0, "handlers[0] is hello: " + Arrays.toString(bytes));

        events.clear();
        target.resume();
        events.await("the end of the kernel", e -> e.getKind() == DebugEvent.TERMINATE
                && e.getSource() == target);
        long deadline = System.currentTimeMillis() + DebugEvents.TIMEOUT_SECONDS * 1000;
        while (!output(launch).contains("#PF") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20); // the kernel's last lines may arrive after its end was reported
        }
        String out = output(launch);
        assertTrue(out.contains("served 6") && out.contains("#PF"), "Resume delivered the fault:\n" + out);
    }

    private static byte[] toBytes(org.eclipse.debug.core.model.MemoryByte[] memory) {
        byte[] bytes = new byte[memory.length];
        for (int i = 0; i < memory.length; i++) {
            bytes[i] = memory[i].getValue();
        }
        return bytes;
    }

    private ILaunch launch(IProject project) throws CoreException {
        ILaunchConfigurationWorkingCopy config = launches.getLaunchConfigurationType(GuestLaunchSettings.TYPE_ID)
                .newInstance(null, project.getName());
        new GuestLaunchSettings(project.getName(), project.getName() + ".elf", 1, "", "", "", false, false)
                .writeTo(config);
        ILaunch launch = config.launch(ILaunchManager.DEBUG_MODE, null);
        events.setDiagnostics(() -> output(launch));
        return launch;
    }

    private static String output(ILaunch launch) {
        StringBuilder sb = new StringBuilder();
        for (IProcess p : launch.getProcesses()) {
            sb.append(p.getStreamsProxy().getOutputStreamMonitor().getContents());
            sb.append(p.getStreamsProxy().getErrorStreamMonitor().getContents());
        }
        return sb.toString();
    }
}
