package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

        String gdb = GdbOracle.onCore(image, core, "bt", "info registers eip", "info registers eflags",
                "x/4xw &handlers");

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

        // the groups a live VM shows: EFLAGS with its flags, the virtual registers from the core's DENALI note
        assertEquals(List.of("General", "EFLAGS", "Denali virtual registers"), Arrays.stream(top.getRegisterGroups())
                .map(CoreLaunchTest::safeName).toList());
        Map<String, String> flags = registers(top.getRegisterGroups()[1]);
        String gdbEflags = GdbOracle.section(gdb, "info registers eflags").get(0).split("\\s+")[1];
        assertEquals(Long.decode(gdbEflags).longValue(), Long.decode(flags.get("eflags").split(" ")[0]).longValue(),
                flags + "\n" + gdb);
        assertEquals(String.valueOf(Long.decode(gdbEflags) >> 6 & 1), flags.get("ZF"), flags.toString());
        Map<String, String> virtual = registers(top.getRegisterGroups()[2]);
        assertTrue(virtual.get("magic").contains("\"DNLI\""), virtual.toString());
        assertEquals("1", virtual.get("vm_id"), virtual.toString());
        assertTrue(virtual.containsKey("interrupt_handler") && virtual.containsKey("system_time_us"),
                virtual.toString());

        // Expressions view and hover: a C expression gdb evaluates in the selected frame of the core
        IVariable expression = main.expression("served + 1");
        assertEquals("7", expression.getValue().getValueString());
        assertEquals("int", expression.getReferenceTypeName());
        assertEquals(main, org.denali.ide.core.debug.DenaliWatchExpressionDelegate.frameOf(main));
        assertEquals(top, org.denali.ide.core.debug.DenaliWatchExpressionDelegate.frameOf(thread));
        assertThrows(org.eclipse.debug.core.DebugException.class, () -> main.expression("no_such_name"));

        List<String> words = List.of(GdbOracle.section(gdb, "x/4xw &handlers").get(0).split("\\s+"));
        long handlersAddress = Long.decode(words.get(0).replaceAll("[^0-9a-fx]", "").replaceFirst(":$", ""));
        byte[] bytes = target.getMemoryBlock(handlersAddress, 16).getBytes();
        for (int i = 0; i < 4; i++) {
            long word = (bytes[4 * i] & 0xffL) | (bytes[4 * i + 1] & 0xffL) << 8 | (bytes[4 * i + 2] & 0xffL) << 16
                    | (bytes[4 * i + 3] & 0xffL) << 24;
            assertEquals(Long.decode(words.get(words.size() - 4 + i)).longValue(), word, "handlers[" + i + "]\n" + gdb);
        }
        // Memory view monitors of a core take what a live session's take: a symbol, a register, a C expression
        assertEquals(handlersAddress, ((org.eclipse.debug.core.model.IMemoryBlockExtension) target
                .getExtendedMemoryBlock("&handlers", main)).getBigBaseAddress().longValue());
        var second = (org.eclipse.debug.core.model.IMemoryBlockExtension) target.getExtendedMemoryBlock(
                "&handlers[1]", main);
        assertEquals(handlersAddress + 4, second.getBigBaseAddress().longValue(), "gdb evaluates the expression");
        assertEquals(words.get(words.size() - 3), String.format("0x%08x", toInt(second.getBytesFromOffset(
                java.math.BigInteger.ZERO, 4))), "the bytes at &handlers[1] in the core");
        assertFalse(second.supportsValueModification(), "a core is read-only");
        assertEquals(Long.decode(gdbEip).longValue(),
                ((org.eclipse.debug.core.model.IMemoryBlockExtension) target.getExtendedMemoryBlock("$eip", top))
                        .getBigBaseAddress().longValue(), "a register of the selected frame");
        assertThrows(org.eclipse.debug.core.DebugException.class,
                () -> target.getExtendedMemoryBlock("no_such_name + 1", main));

        target.terminate();
        assertTrue(launch.isTerminated());
        assertTrue(thread.isTerminated());
    }

    @Test
    void aMissingOrWrongFileIsAClearError() throws Exception {
        ILaunchConfigurationWorkingCopy config = launches.getLaunchConfigurationType(CoreSettings.TYPE_ID)
                .newInstance(null, "no core");
        Path image = elf32(temp.resolve("app.elf"), 2); // the header of a linked i386 image
        Path text = Files.writeString(temp.resolve("notes.core"), "not an ELF file, whatever its name says");

        assertEquals("'true' is not a linked ELF image (the guest's NAME.elf).", launchProblem(config,
                "/bin/true", temp.resolve("absent.core").toString()), "a 64-bit host program is not a guest image");
        assertEquals("There is no core file '" + temp.resolve("absent.core") + "'.", launchProblem(config,
                image.toString(), temp.resolve("absent.core").toString()));
        assertEquals("'notes.core' is not an ELF core file (Save Core..., monitor core or denali run --core-dir "
                + "write one).", launchProblem(config, image.toString(), text.toString()));
        assertEquals("'app.elf' is not an ELF core file (Save Core..., monitor core or denali run --core-dir "
                + "write one).", launchProblem(config, image.toString(), image.toString()));
        assertEquals("The core file must be an absolute path, not 'vm1.core'.", launchProblem(config,
                image.toString(), "vm1.core"));
    }

    private String launchProblem(ILaunchConfigurationWorkingCopy config, String image, String core) {
        new CoreSettings(image, core).writeTo(config);
        return org.junit.jupiter.api.Assertions.assertThrows(CoreException.class,
                () -> config.launch(ILaunchManager.DEBUG_MODE, null)).getStatus().getMessage();
    }

    /** An ELF32 little-endian i386 header of type {@code type} (2 = executable), nothing after it. */
    static Path elf32(Path file, int type) throws java.io.IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(52).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1});
        b.position(16);
        b.putShort((short) type).putShort((short) 3).putInt(1);
        b.position(40);
        b.putShort((short) 52).putShort((short) 32);
        return Files.write(file, b.array());
    }

    private static int toInt(org.eclipse.debug.core.model.MemoryByte[] bytes) {
        int value = 0;
        for (int i = 3; i >= 0; i--) {
            assertTrue(bytes[i].isReadable(), "byte " + i + " readable");
            value = value << 8 | bytes[i].getValue() & 0xff;
        }
        return value;
    }

    private static Map<String, String> registers(org.eclipse.debug.core.model.IRegisterGroup group)
            throws org.eclipse.debug.core.DebugException {
        Map<String, String> values = new LinkedHashMap<>();
        for (IRegister r : group.getRegisters()) {
            values.put(r.getName(), r.getValue().getValueString());
        }
        return values;
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

    private static String safeName(org.eclipse.debug.core.model.IDebugElement r) {
        try {
            return r instanceof IRegister register ? register.getName()
                    : ((org.eclipse.debug.core.model.IRegisterGroup) r).getName();
        } catch (org.eclipse.debug.core.DebugException e) {
            return "";
        }
    }
}
