package org.denali.lang.ui.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.denali.ide.core.launch.KernelCommandLine;
import org.denali.ide.ui.tests.support.ErrorLogGuard;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Denali Deployment launch type: validates, runs the kernel as a process like guests, terminates it. */
@ExtendWith(ErrorLogGuard.class)
class DeploymentLaunchUiTest {

    @AfterEach
    void cleanUp() throws CoreException {
        for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
            c.delete();
        }
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    private static IFile write(IProject project, String name, byte[] content) throws CoreException {
        IFile file = project.getFile(name);
        file.create(new ByteArrayInputStream(content), true, null);
        return file;
    }

    private static IProject project() throws CoreException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("farm");
        project.create(null);
        project.open(null);
        return project;
    }

    @Test
    void launchingADeploymentRunsItsVmsIntoAConsole() throws Exception {
        IProject project = project();
        write(project, "guest.elf", TinyGuest.elf(0));
        IFile deployment = write(project, "tiny.denali", """
            deployment tiny {
                kernel { clock deterministic }
                vm web { image "guest.elf" count 2 memory 2 MiB }
            }
            """.getBytes(StandardCharsets.UTF_8));
        ILaunchConfiguration configuration = DeploymentLaunchShortcut.configurationFor(deployment);
        assertEquals(DeploymentLaunch.TYPE, configuration.getType().getIdentifier());
        assertEquals("Denali Deployment", configuration.getType().getName());
        assertEquals(configuration, DeploymentLaunchShortcut.configurationFor(deployment), "reused, not duplicated");

        ILaunch launch = configuration.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        // a kernel process, as for guests: in the Debug view, terminable, watched live by the Denali views
        IProcess kernel = launch.getProcesses()[0];
        assertEquals("Denali kernel (tiny.denali)", kernel.getLabel());
        assertNotNull(launch.getAttribute(KernelCommandLine.MONITOR_PORT_ATTRIBUTE));
        waitUntil(kernel::isTerminated, "the kernel process ends when its VMs have");
        assertEquals(0, kernel.getExitValue(), "denali run's exit status");
        // the Console view reads the streams (their monitors keep no copy then): read what it shows
        waitUntil(() -> consoleText(kernel).contains("[web#1] ok"), "both VMs' console lines");
        String text = consoleText(kernel);
        assertTrue(text.contains("[web#0] ok") && text.contains("[web#1] ok"), text);
        waitUntil(() -> consoleText(kernel).contains("denali run: monitor on localhost:"), "the monitor's port");
        // and each VM has a console of its own, with its lines only and without the prefix; they end with the kernel
        waitUntil(() -> launch.getProcesses().length == 3, "a console per VM beside the kernel's");
        for (String vm : List.of("web#0", "web#1")) {
            IProcess console = Arrays.stream(launch.getProcesses())
                .filter(p -> p.getLabel().equals(vm + " console (tiny.denali)")).findFirst().orElse(null);
            assertNotNull(console, vm + "'s console among " + Arrays.toString(launch.getProcesses()));
            waitUntil(() -> consoleText(console).contains("ok"), vm + "'s console shows its line");
            assertEquals("ok", consoleText(console).strip(), vm + "'s console");
            assertTrue(DebugUITools.getConsole(console).getName().startsWith(vm + " console (tiny.denali)"),
                "the Console view names it after the VM: " + DebugUITools.getConsole(console).getName());
            assertTrue(console.isTerminated(), vm + "'s console closed with the kernel");
        }
        assertTrue(launch.isTerminated());
    }

    private static String consoleText(IProcess process) {
        return DebugUITools.getConsole(process) instanceof org.eclipse.ui.console.TextConsole console
            ? console.getDocument().get() : "";
    }

    @Test
    void aDeploymentWithAWorkloadEndsWhenItsGeneratorEndsWithTheGeneratorsStatus() throws Exception {
        IProject project = project();
        write(project, "server.elf", TinyGuest.idler());
        write(project, "client.elf", TinyGuest.elf(3));
        int hostPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            hostPort = probe.getLocalPort();
        }
        // the forward holds the kernel open for the host, so only the workload's end can end this run
        IFile deployment = write(project, "work.denali", """
            deployment work {
                kernel { clock deterministic }
                network { forward tcp %d -> server[0]:80 }
                vm server { image "server.elf" memory 2 MiB nic { ip 10.0.0.10/24 } }
                vm client { image "client.elf" memory 2 MiB nic { ip 10.0.0.200/24 } }
                workload w from client { targets server }
            }
            """.formatted(hostPort).getBytes(StandardCharsets.UTF_8));
        ILaunch launch = DeploymentLaunchShortcut.configurationFor(deployment).launch(ILaunchManager.RUN_MODE,
            new NullProgressMonitor());
        IProcess kernel = launch.getProcesses()[0];
        waitUntil(kernel::isTerminated, "the kernel process ends when the workload's generator has");
        assertEquals(3, kernel.getExitValue(), "the generator's exit status is the run's");
        waitUntil(() -> consoleText(kernel).contains("1 VM(s) still serving were stopped: the workload ended"),
            "the summary in the Console: " + consoleText(kernel));
    }

    @Test
    void terminatingARunningDeploymentEndsItsKernel() throws Exception {
        IProject project = project();
        write(project, "idler.elf", TinyGuest.idler());
        IFile deployment = write(project, "idle.denali", """
            deployment idle {
                vm waiter { image "idler.elf" memory 2 MiB }
            }
            """.getBytes(StandardCharsets.UTF_8));
        ILaunch launch = DeploymentLaunchShortcut.configurationFor(deployment).launch(ILaunchManager.RUN_MODE,
            new NullProgressMonitor());
        IProcess kernel = launch.getProcesses()[0];
        assertTrue(kernel.canTerminate());
        kernel.terminate();
        waitUntil(kernel::isTerminated, "Terminate ends the kernel process");
        assertTrue(launch.isTerminated());
    }

    @Test
    void aDeploymentWithErrorsIsNotRun() throws Exception {
        IProject project = project();
        IFile deployment = write(project, "bad.denali", """
            deployment bad { vm web { image "missing.elf" memory 10000 B } }
            """.getBytes(StandardCharsets.UTF_8));
        ILaunchConfiguration configuration = DeploymentLaunchShortcut.configurationFor(deployment);
        CoreException e = assertThrows(CoreException.class,
            () -> new DeploymentLaunchDelegate().launch(configuration, ILaunchManager.RUN_MODE, null, null));
        assertTrue(e.getStatus().getMessage().contains("/farm/bad.denali:1:"), e.getStatus().getMessage());
        assertTrue(e.getStatus().getMessage().contains("memory size must be a multiple of 4 KiB"));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for: " + what);
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }
}
