package org.denali.ide.views.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.debug.DenaliAddressBreakpoint;
import org.denali.ide.core.debug.DenaliLineBreakpoint;
import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;
import org.denali.ide.core.debug.InstructionStepping;
import org.denali.ide.core.launch.GuestDeviceSettings;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.denali.ide.ui.launch.GuestLaunchShortcut;
import org.denali.ide.ui.tests.support.ErrorLogGuard;
import org.denali.ide.views.disasm.DisassemblyView;
import org.denali.ide.views.interrupts.InterruptQueueView;
import org.denali.ide.views.registers.VirtualRegistersView;
import org.denali.ide.views.scheduler.SchedulerView;
import org.denali.ide.views.swap.SwapView;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.actions.IToggleBreakpointsTarget;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.TextSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole user story in a real workbench: a project from the httpd template, built; a breakpoint in the
 * request handler; a configuration with a passt forward (the Devices tab's), then Debug As on the project; the host's curl makes the request, the VM stops at the breakpoint;
 * a line step and an instruction step; the Denali virtual registers in the register groups; the Scheduler,
 * Virtual Registers, Interrupt Queue and Swap views show the kernel live, the Disassembly view toggles an address
 * breakpoint; resume, and curl gets its page.
 */
@ExtendWith(ErrorLogGuard.class)
class WholeStoryUiTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final String PAGE = "Hello from Ilwaco's httpd, a Denali guest.\n";
    private ILaunch launch;
    private Process curl;

    @AfterEach
    void cleanUp() throws Exception {
        InstructionStepping.setEnabled(false);
        if (curl != null) {
            curl.destroyForcibly();
        }
        if (launch != null && !launch.isTerminated()) {
            launch.terminate();
        }
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(), true);
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void fromTheHttpdTemplateToABreakpointInTheRequestHandlerAndBackToCurl() throws Exception {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        shell.setBounds(0, 0, 1400, 900);
        PlatformUI.getWorkbench().showPerspective("org.denali.ide.ui.perspective",
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        DebugUITools.getPreferenceStore().setValue(IDebugUIConstants.PLUGIN_ID + ".switch_perspective_on_suspend",
                "never");
        DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.consoleOpenOnOut", false);

        // new project from the httpd template (-O0: every function keeps its frame pointer for the backtrace)
        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create("httpd", "httpd", null,
                null);
        project.getFile("denali.properties").appendContents(
                new ByteArrayInputStream("\ncflags=-O0\n".getBytes(StandardCharsets.UTF_8)), true, false, null);
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        assertEquals(List.of(), Arrays.stream(project.findMarkers(IMarker.PROBLEM, true, IResource.DEPTH_INFINITE))
                .filter(m -> m.getAttribute(IMarker.SEVERITY, 0) == IMarker.SEVERITY_ERROR)
                .map(m -> m.getAttribute(IMarker.MESSAGE, "")).toList(), "the template builds");
        assertTrue(project.getFile("httpd.elf").exists());

        // a line breakpoint on the request handler's first statement, toggled in the C editor
        IFile source = project.getFile("httpd.c");
        ITextEditor editor = (ITextEditor) IDE.openEditor(page, source);
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        int line = document.getLineOfOffset(document.get().indexOf("stats.requests++;")) + 1;
        int offset = document.getLineOffset(line - 1);
        IToggleBreakpointsTarget toggler = DebugUITools.getToggleBreakpointsTargetManager()
                .getToggleBreakpointsTarget((IEditorPart) editor, new TextSelection(document, offset, 0));
        toggler.toggleLineBreakpoints(editor, new TextSelection(document, offset, 0));
        IBreakpoint[] breakpoints = DebugPlugin.getDefault().getBreakpointManager().getBreakpoints();
        assertEquals(1, breakpoints.length);
        assertEquals(line, ((DenaliLineBreakpoint) breakpoints[0]).getLineNumber());

        // Debug As > Denali Guest, with host port -> guest port 80 through passt (the Devices tab's forward)
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ILaunchConfigurationWorkingCopy config = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(GuestLaunchSettings.TYPE_ID).newInstance(null, "httpd story");
        GuestLaunchSettings.defaults("httpd").writeTo(config);
        new GuestDeviceSettings("", "", port + ":80", "", "").writeTo(config);
        config.setMappedResources(new IResource[] {project});
        config.doSave();
        new GuestLaunchShortcut().launch(new StructuredSelection(project), ILaunchManager.DEBUG_MODE);
        Ui.waitUntil("the debug launch", 120, () -> {
            ILaunch[] all = DebugPlugin.getDefault().getLaunchManager().getLaunches();
            launch = all.length == 0 ? null : all[all.length - 1];
            return launch != null && launch.getDebugTarget() != null;
        });
        assertEquals("httpd story", launch.getLaunchConfiguration().getName(), "Debug As found the configuration");

        // the host's curl asks for a page, retrying until httpd listens (before that passt accepts the connection
        // and resets it when the guest refuses); the request stops at the breakpoint
        curl = new ProcessBuilder("curl", "-sS", "--retry", "120", "--retry-all-errors", "--retry-delay", "1",
                "--max-time", "600", "http://127.0.0.1:" + port + "/hello.txt").start(); // stderr: the retries' messages
        int breakpointLine = line;
        DenaliStackFrame[] top = new DenaliStackFrame[1];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while ((top[0] = topFrame()) == null && System.nanoTime() < deadline) {
            Ui.settle(200);
        }
        assertNotNull(top[0], () -> "the VM did not stop at the breakpoint: " + diagnostics());
        DenaliThread thread = top[0].denaliThread();
        assertEquals("handle_request:" + breakpointLine, top[0].functionName() + ":" + top[0].getLineNumber(),
            this::diagnostics);

        // step over by line, then one instruction
        thread.stepOver();
        Ui.waitUntil("the line step", 60, () -> thread.isSuspended() && topFrame() != null
                && topFrame().getLineNumber() > breakpointLine);
        int pc = topFrame().pc();
        InstructionStepping.setEnabled(true);
        thread.stepOver();
        Ui.waitUntil("the instruction step", 60, () -> thread.isSuspended() && topFrame() != null
                && topFrame().pc() != pc);
        InstructionStepping.setEnabled(false);

        // the Registers view's groups carry the Denali virtual registers
        List<String> groups = Arrays.stream(topFrame().getRegisterGroups()).map(WholeStoryUiTest::name).toList();
        assertTrue(groups.containsAll(List.of("General", "EFLAGS", "Denali virtual registers")), groups.toString());
        page.showView(IDebugUIConstants.ID_REGISTER_VIEW);

        // the Denali views watch the same kernel live
        SchedulerView scheduler = (SchedulerView) page.showView(SchedulerView.ID);
        Ui.waitUntil("the scheduler view lists the VM", 60, () -> scheduler.table().getItemCount() == 1);
        VirtualRegistersView registers = (VirtualRegistersView) page.showView(VirtualRegistersView.ID);
        Ui.waitUntil("the VM's virtual registers", 60, () -> Arrays.stream(registers.table().getItems())
                .anyMatch(i -> "vm_id".equals(i.getText(0)) && "1".equals(i.getText(1))));
        InterruptQueueView interrupts = (InterruptQueueView) page.showView(InterruptQueueView.ID);
        Ui.waitUntil("kernel-wide interrupt counters", 60,
                () -> interrupts.kernelWide().getText().startsWith("Kernel-wide:"));
        SwapView swap = (SwapView) page.showView(SwapView.ID);
        Ui.waitUntil("the VM's residency", 60, () -> swap.counters().getText().contains("pages mapped"));
        // the Disassembly view: around the stopped EIP; a double-click toggles an address breakpoint there
        DisassemblyView disassembly = (DisassemblyView) page.showView(DisassemblyView.ID);
        Ui.waitUntil("the disassembly around EIP", 60, () -> Arrays.stream(disassembly.table().getItems())
                .anyMatch(i -> i.getText(0).contains("\u25b6")));
        TableItem[] rows = disassembly.table().getItems();
        int current = 0;
        while (!rows[current].getText(0).contains("\u25b6")) {
            current++;
        }
        TableItem next = rows[Math.min(current + 1, rows.length - 1)];
        String address = "0x" + next.getText(1);
        doubleClick(disassembly.table(), next);
        assertTrue(next.getText(0).startsWith("\u25cf"), "the line shows its breakpoint");
        assertEquals(List.of(address), addressBreakpoints(), "an address breakpoint in the breakpoint manager");
        doubleClick(disassembly.table(), next);
        assertEquals(List.of(), addressBreakpoints(), "a second double-click removes it");

        // Run to Line (Ctrl+R, or the table's context menu) on the next instruction: the VM stops there
        assertTrue(!rows[current].getText(4).matches("\\s*(jmp|ret|iret).*"), "the next row is reachable: "
                + rows[current].getText(4));
        disassembly.table().setSelection(next);
        org.eclipse.debug.ui.actions.IRunToLineTarget runTo = disassembly.getAdapter(
                org.eclipse.debug.ui.actions.IRunToLineTarget.class);
        org.eclipse.debug.core.model.ISuspendResume context =
                (org.eclipse.debug.core.model.ISuspendResume) org.eclipse.debug.ui.DebugUITools.getDebugContext();
        assertTrue(runTo.canRunToLine(disassembly, null, context), "Run to Line is enabled on a suspended VM");
        runTo.runToLine(disassembly, null, context);
        int target = (int) Long.parseLong(address.substring(2), 16);
        Ui.waitUntil("the VM at " + address, 60, () -> thread.isSuspended() && topFrame() != null
                && topFrame().pc() == target);
        Ui.waitUntil("the disassembly marker at " + address, 60, () -> Arrays.stream(disassembly.table().getItems())
                .anyMatch(i -> i.getText(0).contains("\u25b6") && ("0x" + i.getText(1)).equals(address)));

        page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        page.bringToTop(scheduler);
        Ui.settle(1000);
        Ui.screenshot(shell, SCREENSHOTS.resolve("story-breakpoint.png"));

        // resume: curl gets its page
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(), true);
        thread.resume();
        Ui.waitUntil("curl to end", 120, () -> !curl.isAlive());
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(1, TimeUnit.SECONDS));
        assertEquals(0, curl.exitValue(), () -> output + diagnostics());
        assertEquals(PAGE, output);
    }

    /** What the kernel and curl said, and where the threads are: for a failure message. */
    private String diagnostics() {
        StringBuilder sb = new StringBuilder();
        for (org.eclipse.debug.core.model.IProcess process : launch.getProcesses()) {
            sb.append("\n--- ").append(process.getLabel()).append(" (").append(process.getAttribute(
                org.eclipse.debug.core.model.IProcess.ATTR_CMDLINE)).append(") terminated ").append(process.isTerminated())
                .append(" stdout:\n")
                .append(process.getStreamsProxy().getOutputStreamMonitor().getContents())
                .append("\n--- stderr:\n").append(process.getStreamsProxy().getErrorStreamMonitor().getContents());
        }
        sb.append("\n--- curl alive: ").append(curl.isAlive());
        if (!curl.isAlive()) {
            try {
                sb.append(", said: ").append(new String(curl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                sb.append(e);
            }
        }
        sb.append("\n--- target: ").append(launch.getDebugTarget()).append(" terminated ")
            .append(launch.getDebugTarget() != null && launch.getDebugTarget().isTerminated());
        try {
            for (IThread t : launch.getDebugTarget() == null ? new IThread[0] : launch.getDebugTarget().getThreads()) {
                sb.append("\n--- thread ").append(t.getName()).append(" suspended ").append(t.isSuspended());
                if (t.getTopStackFrame() != null) {
                    sb.append(" at ").append(t.getTopStackFrame().getName());
                }
            }
        } catch (org.eclipse.debug.core.DebugException e) {
            sb.append("\n--- threads: ").append(e.getMessage());
        }
        return sb.toString();
    }

    private static void doubleClick(Table table, TableItem item) {
        Event event = new Event();
        event.item = item;
        table.notifyListeners(SWT.DefaultSelection, event);
    }

    private static List<String> addressBreakpoints() {
        return Arrays.stream(DebugPlugin.getDefault().getBreakpointManager().getBreakpoints())
                .filter(b -> b instanceof DenaliAddressBreakpoint).map(b -> ((DenaliAddressBreakpoint) b).expression())
                .toList();
    }

    private DenaliStackFrame topFrame() {
        try {
            for (IThread t : launch.getDebugTarget() == null ? new IThread[0] : launch.getDebugTarget().getThreads()) {
                if (t.isSuspended() && t.getTopStackFrame() instanceof DenaliStackFrame frame) {
                    return frame;
                }
            }
        } catch (org.eclipse.debug.core.DebugException e) {
            return null; // the model is between stops; ask again
        }
        return null;
    }

    private static String name(IRegisterGroup group) {
        try {
            return group.getName();
        } catch (org.eclipse.debug.core.DebugException e) {
            return "";
        }
    }
}
