package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.ElfSymbol;
import org.denali.emulator.elf.Section;
import org.denali.ide.core.debug.DenaliDebugTarget;
import org.denali.ide.core.debug.DenaliLineBreakpoint;
import org.denali.ide.core.debug.DenaliMemoryBlock;
import org.denali.ide.core.debug.DenaliRegisterGroup;
import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;
import org.denali.ide.core.debug.DenaliWatchpoint;
import org.denali.ide.core.debug.InstructionStepping;
import org.denali.ide.core.launch.DebugSettings;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.MemoryByte;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The debug model against a real kernel process: a guest built by the SDK, launched in debug mode through the
 * Denali Guest launch type, a line breakpoint in main.c, line and instruction steps, registers, memory, a
 * watchpoint, and the end of the guest.
 */
class DebugModelTest {
    private final IWorkspace workspace = ResourcesPlugin.getWorkspace();
    private final ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();
    private final DebugEvents events = new DebugEvents();

    @AfterEach
    void cleanUp() throws CoreException {
        events.close();
        InstructionStepping.setEnabled(false);
        for (ILaunch launch : launches.getLaunches()) {
            launch.terminate();
            launches.removeLaunch(launch);
        }
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(), true);
        for (IProject p : workspace.getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void debugsAGuestFromBreakpointToExit() throws Exception {
        IProject project = DebugFixture.create("dbg");
        IFile main = project.getFile("main.c");
        DenaliLineBreakpoint atA = add(new DenaliLineBreakpoint(main, DebugFixture.LINE_A));
        ILaunch launch = launchDebug(project, 2, true);

        // --- the breakpoint in main.c is hit, in one of the two VMs
        DebugEvent hit = events.await("breakpoint", e -> e.getKind() == DebugEvent.SUSPEND
                && e.getDetail() == DebugEvent.BREAKPOINT);
        DenaliThread thread = (DenaliThread) hit.getSource();
        DenaliDebugTarget target = (DenaliDebugTarget) thread.getDebugTarget();
        assertTrue(Arrays.asList(thread.getBreakpoints()).contains(atA));
        assertEquals(2, target.getThreads().length);
        assertTrue(target.isSuspended() && thread.isSuspended());
        DenaliStackFrame top = top(thread);
        assertEquals(DebugFixture.LINE_A, top.getLineNumber(), top.getName());
        assertEquals("main", top.functionName());
        assertTrue(top.sourcePath().endsWith("/main.c"), top.sourcePath());
        assertEquals(main, launch.getSourceLocator().getSourceElement(top), "source lookup finds the project file");
        ElfImage elf = target.symbols().elf();
        ElfSymbol mainSymbol = elf.symbols().byName("main").orElseThrow();
        assertTrue(mainSymbol.contains(Integer.toUnsignedLong(top.pc())));

        // --- registers: General, EFLAGS as bits, decoded virtual registers
        DenaliRegisterGroup[] groups = thread.registerGroups();
        assertEquals(List.of("General", "EFLAGS", "Denali virtual registers"),
                Arrays.stream(groups).map(DenaliRegisterGroup::getName).toList());
        assertEquals(Integer.toUnsignedLong(top.pc()), value(groups[0], "eip"));
        assertTrue(groups[0].register("eip").getValue().getValueString().contains("<main+"));
        long eflags = value(groups[1], "eflags");
        assertEquals(eflags & 1, value(groups[1], "CF"));
        assertEquals(eflags >> 6 & 1, value(groups[1], "ZF"));
        assertEquals(eflags >> 9 & 1, value(groups[1], "IF"));
        assertEquals(0x494C4E44L, value(groups[2], "magic"));
        assertTrue(groups[2].register("magic").getValue().getValueString().contains("DNLI"));
        assertEquals(thread.vmId(), value(groups[2], "vm_id"));
        assertEquals(16L << 20, value(groups[2], "memory_size"));
        assertTrue(groups[2].register("memory_size").getValue().getValueString().contains("16 MiB"));
        assertTrue(value(groups[2], "instructions_retired") > 0);

        // --- memory blocks read what the ELF holds
        assertMemoryMatchesElf(target, thread, elf, "table", 16);
        assertMemoryMatchesElf(target, thread, elf, "banner", 21);
        DenaliMemoryBlock stack = (DenaliMemoryBlock) target.getExtendedMemoryBlock("$esp", top);
        assertEquals(Integer.toUnsignedLong(top.stackPointer()), stack.getBigBaseAddress().longValue());

        // --- step over, into, return by line
        stepAndAwait(thread, DebugEvent.STEP_OVER);
        assertEquals(DebugFixture.LINE_B, top(thread).getLineNumber());
        stepAndAwait(thread, DebugEvent.STEP_INTO);
        DenaliStackFrame inTwice = top(thread);
        assertEquals("twice", inTwice.functionName());
        assertEquals(DebugFixture.LINE_Y, inTwice.getLineNumber(), "stepped past the prologue into the body");
        IStackFrame[] frames = thread.getStackFrames();
        assertTrue(frames.length >= 2, "twice is called from main");
        assertEquals("main", ((DenaliStackFrame) frames[1]).functionName());
        assertEquals(DebugFixture.LINE_B, frames[1].getLineNumber(), "the caller's frame shows the call's line");
        stepAndAwait(thread, DebugEvent.STEP_RETURN);
        assertEquals("main", top(thread).functionName());
        assertEquals(DebugFixture.LINE_B, top(thread).getLineNumber(), "back in the middle of the call's line");
        stepAndAwait(thread, DebugEvent.STEP_OVER);
        assertEquals(DebugFixture.LINE_COUNTER, top(thread).getLineNumber());

        // --- instruction stepping mode: one instruction per step, measured from request to SUSPEND event
        InstructionStepping.setEnabled(true);
        List<Long> roundTrips = new ArrayList<>();
        int pc = top(thread).pc();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            stepAndAwait(thread, DebugEvent.STEP_INTO);
            roundTrips.add(System.nanoTime() - start);
            int next = top(thread).pc();
            assertNotEquals(pc, next);
            assertTrue(next - pc > 0 && next - pc <= 15, "one instruction forward, not a line");
            pc = next;
        }
        InstructionStepping.setEnabled(false);
        Collections.sort(roundTrips);
        System.out.printf("step round trip (request -> SUSPEND event): min %.2f ms, median %.2f ms, max %.2f ms;"
                + " stub step round trip %.2f ms%n", roundTrips.get(0) / 1e6, roundTrips.get(1) / 1e6,
                roundTrips.get(2) / 1e6, target.lastStepRoundTripNanos() / 1e6);

        // --- a watchpoint on counter stops the write on line 18
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(atA, true);
        DenaliWatchpoint watch = add(new DenaliWatchpoint(project, "counter", 4, false, true));
        target.resume();
        DebugEvent watched = events.await("watchpoint", e -> e.getKind() == DebugEvent.SUSPEND
                && e.getDetail() == DebugEvent.BREAKPOINT);
        DenaliThread watcher = (DenaliThread) watched.getSource();
        assertTrue(Arrays.asList(watcher.getBreakpoints()).contains(watch), Arrays.toString(watcher.getBreakpoints()));
        assertEquals("main", top(watcher).functionName());
        int counterAddress = (int) elf.symbols().byName("counter").orElseThrow().value();
        byte[] counter = target.getExtendedMemoryBlock("counter", watcher).getBytes();
        assertEquals(41, counter[0] & 0xFF, "the write that triggered has happened");
        assertEquals(counterAddress, ((DenaliMemoryBlock) target.getExtendedMemoryBlock("&counter", watcher))
                .getBigBaseAddress().intValue());

        // --- resume to completion: the kernel ends, each VM has its console
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(watch, true);
        target.resume();
        events.await("target end", e -> e.getKind() == DebugEvent.TERMINATE && e.getSource() == target);
        assertTrue(target.isTerminated());
        IProcess kernel = target.getProcess();
        events.await("kernel exit", e -> e.getKind() == DebugEvent.TERMINATE && e.getSource() == kernel);
        assertEquals(0, kernel.getExitValue(), kernel.getStreamsProxy().getErrorStreamMonitor().getContents());
        if (!launch.isTerminated()) { // the VM consoles and the trace end with the kernel
            events.await("the launch's end", e -> launch.isTerminated());
        }
        String vm2 = awaitText(() -> target.vmConsole(2) == null ? "" : target.vmConsole(2).contents(),
                "Denali debugger test: vm 2 counter 41 table 11223344");
        assertFalse(vm2.contains("vm 1"), "VM 2's console has only VM 2's output: " + vm2);
        String trace = target.protocolTrace().contents();
        assertTrue(trace.contains("-> vCont;s:") && trace.contains("-> Z2,") && trace.contains("<- T05thread:"),
                "the RSP trace shows steps, the watchpoint and stop replies");
    }

    @Test
    void terminateEndsTheKernelOfASuspendedGuest() throws Exception {
        IProject project = DebugFixture.create("ender");
        add(new DenaliLineBreakpoint(project.getFile("main.c"), DebugFixture.LINE_B));
        ILaunch launch = launchDebug(project, 1, true);
        DebugEvent hit = events.await("breakpoint", e -> e.getKind() == DebugEvent.SUSPEND
                && e.getDetail() == DebugEvent.BREAKPOINT);
        DenaliThread thread = (DenaliThread) hit.getSource();
        assertEquals(DebugFixture.LINE_B, top(thread).getLineNumber());
        assertTrue(thread.canTerminate());
        thread.terminate();
        IProcess kernel = launch.getProcesses()[0];
        events.await("kernel exit", e -> e.getKind() == DebugEvent.TERMINATE && e.getSource() == kernel);
        if (!launch.isTerminated()) {
            events.await("the launch's end", e -> launch.isTerminated());
        }
        assertTrue(thread.isTerminated());
    }

    @Test
    void aLineWithoutCodeIsReportedNotInstalled() throws Exception {
        IProject project = DebugFixture.create("blank");
        DenaliLineBreakpoint onBlank = add(new DenaliLineBreakpoint(project.getFile("main.c"), 3));
        DenaliLineBreakpoint atPrintf = add(new DenaliLineBreakpoint(project.getFile("main.c"),
                DebugFixture.LINE_PRINTF));
        launchDebug(project, 1, true);
        DebugEvent hit = events.await("breakpoint", e -> e.getKind() == DebugEvent.SUSPEND
                && e.getDetail() == DebugEvent.BREAKPOINT);
        DenaliThread thread = (DenaliThread) hit.getSource();
        assertEquals(DebugFixture.LINE_PRINTF, top(thread).getLineNumber());
        assertTrue(Arrays.asList(thread.getBreakpoints()).contains(atPrintf));
        String problem = thread.denaliTarget().breakpointProblem(onBlank);
        assertNotNull(problem);
        assertTrue(problem.contains("main.c:3 has no code"), problem);
    }


    @Test
    void attachesToARunningKernelAndDetaches() throws Exception {
        IProject project = DebugFixture.create("attached");
        project.build(org.eclipse.core.resources.IncrementalProjectBuilder.FULL_BUILD, null);
        java.nio.file.Path image = project.getFile("attached.elf").getLocation().toFile().toPath();
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        java.nio.file.Path output = java.nio.file.Files.createTempFile("kernel", ".out");
        Process kernel = new ProcessBuilder(org.denali.ide.core.launch.KernelCommandLine.forRun(image,
                new GuestLaunchSettings("attached", "attached.elf", 2, "", "", "", false, false),
                List.of("--gdb", Integer.toString(port), "--wait"))).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            awaitText(() -> read(output), "waiting for gdb");
            ILaunchConfigurationWorkingCopy config = launches.getLaunchConfigurationType(
                    org.denali.ide.core.launch.AttachSettings.TYPE_ID).newInstance(null, "attach");
            new org.denali.ide.core.launch.AttachSettings("localhost", port, "attached.elf", "attached")
                    .writeTo(config);
            ILaunch launch = config.launch(ILaunchManager.DEBUG_MODE, null);
            DebugEvent stop = events.await("the attach stop", e -> e.getKind() == DebugEvent.SUSPEND);
            DenaliThread thread = (DenaliThread) stop.getSource();
            DenaliDebugTarget target = thread.denaliTarget();
            assertEquals(null, target.getProcess(), "attached: the kernel is not the launch's process");
            assertEquals(2, target.getThreads().length);
            assertEquals("_start", top(thread).functionName(), "held at the entry point by --wait");
            assertEquals(launch, target.getLaunch());

            target.disconnect();
            events.await("the detach", e -> e.getKind() == DebugEvent.TERMINATE && e.getSource() == target);
            assertTrue(target.isDisconnected() && !target.isTerminated());
            assertTrue(kernel.waitFor(DebugEvents.TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS),
                    "the VMs ran on after the detach: " + read(output));
            assertEquals(0, kernel.exitValue(), read(output));
            assertTrue(read(output).contains("[vm2] Denali debugger test: vm 2 counter 41"), read(output));
        } finally {
            kernel.destroyForcibly();
        }
    }

    @Test
    void resumingOneVmLeavesTheOthersHeld() throws Exception {
        IProject project = DebugFixture.create("alone");
        DenaliLineBreakpoint atA = add(new DenaliLineBreakpoint(project.getFile("main.c"), DebugFixture.LINE_A));
        launchDebug(project, 2, false);
        DebugEvent hit = events.await("breakpoint", e -> e.getKind() == DebugEvent.SUSPEND
                && e.getDetail() == DebugEvent.BREAKPOINT);
        DenaliThread first = (DenaliThread) hit.getSource();
        DenaliDebugTarget target = first.denaliTarget();
        DenaliThread other = target.thread(first.vmId() == 1 ? 2 : 1);
        int otherPc = top(other).pc();

        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(atA, true);
        org.denali.ide.core.debug.DenaliAddressBreakpoint atTwice = add(
                new org.denali.ide.core.debug.DenaliAddressBreakpoint(project, "twice"));
        events.clear();
        first.resumeAlone();
        DebugEvent again = events.await("the address breakpoint", e -> e.getKind() == DebugEvent.SUSPEND
                && e.getDetail() == DebugEvent.BREAKPOINT);
        assertEquals(first, again.getSource(), "only the resumed VM ran into twice()");
        assertTrue(Arrays.asList(first.getBreakpoints()).contains(atTwice));
        assertEquals("twice", top(first).functionName());
        assertEquals(target.symbols().symbol("twice").orElseThrow().value(), Integer.toUnsignedLong(top(first).pc()));
        assertEquals(otherPc, top(other).pc(), "the other VM was held where it was");
    }

    @Test
    void attachSettingsExplainWhatIsMissing() {
        assertEquals("The gdb port must be between 1 and 65535.",
                new org.denali.ide.core.launch.AttachSettings("localhost", 0, "/x.elf", "").validate());
        assertEquals("Without a project the image must be an absolute path.",
                new org.denali.ide.core.launch.AttachSettings("localhost", 1234, "x.elf", "").validate());
        CoreException e = org.junit.jupiter.api.Assertions.assertThrows(CoreException.class,
                () -> new org.denali.ide.core.launch.AttachSettings("localhost", 1234, "/no/such.elf", "")
                        .imageFile());
        assertTrue(e.getMessage().contains("/no/such.elf does not exist"), e.getMessage());
    }

    private static String read(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static <B extends IBreakpoint> B add(B breakpoint) throws CoreException {
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(breakpoint);
        return breakpoint;
    }

    private ILaunch launchDebug(IProject project, int vms, boolean trace) throws CoreException {
        ILaunchConfigurationWorkingCopy config = launches.getLaunchConfigurationType(GuestLaunchSettings.TYPE_ID)
                .newInstance(null, project.getName());
        new GuestLaunchSettings(project.getName(), project.getName() + ".elf", vms, "", "", "", false, false)
                .writeTo(config);
        DebugSettings.setTraceProtocol(config, trace);
        ILaunch launch = config.launch(ILaunchManager.DEBUG_MODE, null);
        events.setDiagnostics(() -> diagnostics(launch));
        return launch;
    }

    /** The kernel's output and the RSP trace (when on), for the message of a failed wait. */
    private static String diagnostics(ILaunch launch) {
        StringBuilder sb = new StringBuilder();
        for (IBreakpoint b : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints()) {
            sb.append("breakpoint ").append(b).append(" model ").append(b.getModelIdentifier());
            for (org.eclipse.debug.core.model.IDebugTarget t : launch.getDebugTargets()) {
                sb.append(" problem: ").append(((DenaliDebugTarget) t).breakpointProblem(b));
            }
            try {
                sb.append(" enabled ").append(b.isEnabled()).append('\n');
            } catch (CoreException e) {
                sb.append(e).append('\n');
            }
        }
        for (IProcess p : launch.getProcesses()) {
            sb.append("--- ").append(p.getLabel()).append('\n')
                    .append(p.getStreamsProxy().getOutputStreamMonitor().getContents())
                    .append(p.getStreamsProxy().getErrorStreamMonitor().getContents());
        }
        return sb.toString();
    }

    private void stepAndAwait(DenaliThread thread, int kind) throws Exception {
        events.clear();
        switch (kind) {
            case DebugEvent.STEP_INTO -> thread.stepInto();
            case DebugEvent.STEP_OVER -> thread.stepOver();
            default -> thread.stepReturn();
        }
        DebugEvent end = events.awaitSuspend(thread);
        assertEquals(DebugEvent.STEP_END, end.getDetail(), "the step ended normally");
    }

    private static DenaliStackFrame top(DenaliThread thread) throws Exception {
        return (DenaliStackFrame) thread.getTopStackFrame();
    }

    private static long value(DenaliRegisterGroup group, String name) throws Exception {
        assertNotNull(group.register(name), name + " in " + group.getName());
        return ((org.denali.ide.core.debug.DenaliValue) group.register(name).getValue()).longValue();
    }

    private static void assertMemoryMatchesElf(DenaliDebugTarget target, DenaliThread thread, ElfImage elf,
            String symbol, int length) throws Exception {
        ElfSymbol s = elf.symbols().byName(symbol).orElseThrow();
        Section section = elf.sections().get(s.sectionIndex());
        byte[] data = elf.sectionData(section);
        int offset = (int) (s.value() - section.address());
        byte[] expected = Arrays.copyOfRange(data, offset, offset + length);
        DenaliMemoryBlock block = (DenaliMemoryBlock) target.getExtendedMemoryBlock(symbol, thread);
        assertEquals(BigInteger.valueOf(s.value()), block.getBigBaseAddress());
        MemoryByte[] bytes = block.getBytesFromAddress(block.getBigBaseAddress(), length);
        byte[] actual = new byte[length];
        for (int i = 0; i < length; i++) {
            assertTrue(bytes[i].isReadable());
            actual[i] = bytes[i].getValue();
        }
        assertArrayEquals(expected, actual, symbol + " in VM memory equals the ELF's " + section.name());
    }

    private static String awaitText(java.util.function.Supplier<String> text, String expected)
            throws InterruptedException {
        // The stream reader thread may still be draining the kernel's pipe when its process has ended.
        long deadline = System.currentTimeMillis() + DebugEvents.TIMEOUT_SECONDS * 1000;
        while (!text.get().contains(expected) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(text.get().contains(expected), text.get());
        return text.get();
    }
}
