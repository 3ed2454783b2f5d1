package org.denali.lang.ui.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.MessageConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Denali Deployment launch type: validates, runs every VM on the kernel, shows their consoles. */
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

        configuration.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        MessageConsole console = console("Denali Deployment: tiny");
        String text = waitForConsole(console, "exit status");
        assertTrue(text.contains("[web#0] ok") && text.contains("[web#1] ok"), text);
        assertTrue(text.contains("denali: exit status 0"), text);
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

    private static MessageConsole console(String name) {
        for (IConsole c : ConsolePlugin.getDefault().getConsoleManager().getConsoles()) {
            if (c.getName().equals(name)) {
                return (MessageConsole) c;
            }
        }
        throw new AssertionError("no console " + name);
    }

    private static String waitForConsole(MessageConsole console, String marker) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!console.getDocument().get().contains(marker)) {
            assertTrue(System.currentTimeMillis() < deadline, "console: " + console.getDocument().get());
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
        assertNotNull(console.getDocument());
        return console.getDocument().get();
    }
}
