package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.denali.ide.core.launch.CoreSettings;
import org.denali.ide.core.postmortem.CoreDebugTarget;
import org.denali.ide.core.postmortem.CoreStackFrame;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IVariable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Denali Core launch: a core file of the faulting fixture guest opens as a post-mortem session whose frames,
 * variables, registers and memory equal what {@code gdb IMAGE CORE} prints; nothing can run. The core is written
 * by gdb's own {@code gcore} against the kernel's stub while the VM is held at its fault (the kernel's
 * {@code monitor core} writes the same kind of file).
 */
class CoreLaunchTest {
    private final IWorkspace workspace = ResourcesPlugin.getWorkspace();
    private final ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();
    private final DebugEvents events = new DebugEvents();
    private final Path temp = temporaryDirectory();

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

    @Test
    void aSavedCoreOpensAsAPostMortemSession() throws Exception {
        IProject project = PostMortemTest.create(workspace, "cored");
        ILaunchConfigurationWorkingCopy guest = launches.getLaunchConfigurationType(
                org.denali.ide.core.launch.GuestLaunchSettings.TYPE_ID).newInstance(null, project.getName());
        new org.denali.ide.core.launch.GuestLaunchSettings(project.getName(), project.getName() + ".elf", 1, "", "",
                "", false, false).writeTo(guest);
        ILaunch live = guest.launch(ILaunchManager.DEBUG_MODE, null);
        DebugEvent fault = events.await("the fault", e -> e.getKind() == DebugEvent.SUSPEND
                && e.getSource() instanceof org.denali.ide.core.debug.DenaliThread);
        var held = (org.denali.ide.core.debug.DenaliThread) fault.getSource();
        Path image = ((org.denali.ide.core.debug.DenaliDebugTarget) held.getDebugTarget()).symbols().file();
        Path core = temp.resolve("saved vm1.core");
        held.saveCore(core); // the Debug view's "Save Core..."
        assertTrue(Files.size(core) > 0, "the kernel wrote " + core);
        live.terminate();

        String gdb = GdbOracle.onCore(image, core, "bt", "info registers eip", "x/4xw &handlers");

        ILaunchConfigurationWorkingCopy config = launches.getLaunchConfigurationType(CoreSettings.TYPE_ID)
                .newInstance(null, "core");
        new CoreSettings(image.toString(), core.toString()).writeTo(config);
        ILaunch launch = config.launch(ILaunchManager.DEBUG_MODE, null);
        CoreDebugTarget target = (CoreDebugTarget) launch.getDebugTarget();
        assertTrue(target.isSuspended() && !target.canResume() && !target.canSuspend());
        var thread = target.getThreads()[0];
        assertFalse(thread.canResume() || thread.canStepInto() || thread.canStepOver(), "no run control on a core");

        List<String> frames = Arrays.stream(thread.getStackFrames())
                .map(f -> ((CoreStackFrame) f).functionName()).toList();
        assertEquals(GdbOracle.functions(GdbOracle.section(gdb, "bt")), frames, "gdb's bt of the core\n" + gdb);
        CoreStackFrame main = (CoreStackFrame) thread.getStackFrames()[1];
        Map<String, String> variables = new LinkedHashMap<>();
        for (IVariable v : main.getVariables()) {
            variables.put(v.getName(), v.getValue().getValueString());
        }
        assertEquals("6", variables.get("served"), variables.toString());

        IStackFrame top = thread.getStackFrames()[0];
        IRegister eip = Arrays.stream(top.getRegisterGroups()[0].getRegisters())
                .filter(r -> safeName(r).equals("eip")).findFirst().orElseThrow();
        String gdbEip = GdbOracle.section(gdb, "info registers eip").get(0).split("\\s+")[1];
        assertEquals(gdbEip, eip.getValue().getValueString());

        List<String> words = List.of(GdbOracle.section(gdb, "x/4xw &handlers").get(0).split("\\s+"));
        long handlersAddress = Long.decode(words.get(0).replaceAll("[^0-9a-fx]", "").replaceFirst(":$", ""));
        byte[] bytes = target.getMemoryBlock(handlersAddress, 16).getBytes();
        for (int i = 0; i < 4; i++) {
            long word = (bytes[4 * i] & 0xffL) | (bytes[4 * i + 1] & 0xffL) << 8 | (bytes[4 * i + 2] & 0xffL) << 16
                    | (bytes[4 * i + 3] & 0xffL) << 24;
            assertEquals(Long.decode(words.get(words.size() - 4 + i)).longValue(), word, "handlers[" + i + "]\n" + gdb);
        }

        target.terminate();
        assertTrue(launch.isTerminated());
        assertTrue(thread.isTerminated());
    }

    @Test
    void aMissingCoreIsAClearError() throws Exception {
        ILaunchConfigurationWorkingCopy config = launches.getLaunchConfigurationType(CoreSettings.TYPE_ID)
                .newInstance(null, "no core");
        new CoreSettings("/bin/true", temp.resolve("absent.core").toString()).writeTo(config);
        CoreException e = org.junit.jupiter.api.Assertions.assertThrows(CoreException.class,
                () -> config.launch(ILaunchManager.DEBUG_MODE, null));
        assertTrue(e.getMessage().contains("There is no core file"), e.getMessage());
        new CoreSettings("/bin/true", "/bin/true").writeTo(config);
        e = org.junit.jupiter.api.Assertions.assertThrows(CoreException.class,
                () -> config.launch(ILaunchManager.DEBUG_MODE, null));
        assertTrue(e.getMessage().startsWith("gdb cannot open true as a core of true"), e.getMessage());
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("denali-core-test");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String safeName(IRegister r) {
        try {
            return r.getName();
        } catch (org.eclipse.debug.core.DebugException e) {
            return "";
        }
    }
}
