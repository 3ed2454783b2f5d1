package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.launch.GuestDeviceSettings;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Denali Guest launch type end to end: template project, build, a real kernel process, its console output. */
class GuestLaunchTest {
    private static final long TIMEOUT_MILLIS = 60_000;
    private final IWorkspace workspace = ResourcesPlugin.getWorkspace();
    private final ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();

    @AfterEach
    void cleanUp() throws CoreException {
        for (ILaunch launch : launches.getLaunches()) {
            launch.terminate();
            launches.removeLaunch(launch);
        }
        for (IProject p : workspace.getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void settingsSurviveAConfiguration() throws Exception {
        GuestLaunchSettings settings = new GuestLaunchSettings("p", "out/p.elf", 3, "8M", "500us", "4M", true, true);
        ILaunchConfigurationWorkingCopy config = guestType().newInstance(null, "round-trip");
        settings.writeTo(config);
        assertEquals(settings, GuestLaunchSettings.read(config));
        assertEquals(java.util.List.of("--count", "3", "--memory", "8M", "--quantum", "500us", "--phys-memory", "4M",
                "--deterministic", "--sync-interrupts"), settings.runOptions());
    }

    @Test
    void theCompilerIsOnUnlessTheConfigurationTurnsItOff() throws Exception {
        ILaunchConfigurationWorkingCopy config = guestType().newInstance(null, "jit");
        assertTrue(org.denali.ide.core.launch.CompilerSettings.compile(config));
        assertEquals(java.util.List.of(), org.denali.ide.core.launch.CompilerSettings.runOptions(true));
        org.denali.ide.core.launch.CompilerSettings.setCompile(config, false);
        assertEquals(false, org.denali.ide.core.launch.CompilerSettings.compile(config));
        assertEquals(java.util.List.of("--jit", "off"), org.denali.ide.core.launch.CompilerSettings.runOptions(false));
    }

    @Test
    void deviceSettingsSurviveAConfigurationAndBecomeRunOptions() throws Exception {
        GuestDeviceSettings devices = new GuestDeviceSettings("8M", "site:ro", "8080:80, 2222:22", "10.0.0.2/24",
                "lan.pcap");
        ILaunchConfigurationWorkingCopy config = guestType().newInstance(null, "devices");
        devices.writeTo(config);
        assertEquals(devices, GuestDeviceSettings.read(config));
        assertEquals(java.util.List.of("--swap", "8M", "--disk", "site:ro", "--net", "passt:8080:80, 2222:22", "--ip",
                "10.0.0.2/24", "--pcap", "lan.pcap"), devices.runOptions());
        assertEquals(null, devices.validate());
        assertTrue(new GuestDeviceSettings("", "", "8080", "", "").validate().contains("HOSTPORT:GUESTPORT"));
        assertEquals(java.util.List.of(), GuestDeviceSettings.NONE.runOptions());
    }

    /** The httpd template behind a passt forward from the launch configuration: the host's curl gets a page. */
    @Test
    void theHttpdTemplateServesTheHostsCurlThroughTheLaunchsForward() throws Exception {
        new GuestProjectCreator(workspace).create("web", "httpd", null, null);
        ILaunchConfigurationWorkingCopy config = guestType().newInstance(null, "web");
        GuestLaunchSettings.defaults("web").writeTo(config);
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        new GuestDeviceSettings("", "", port + ":80", "", "").writeTo(config);

        IProcess process = config.launch(ILaunchManager.RUN_MODE, null).getProcesses()[0];
        IStreamMonitor out = process.getStreamsProxy().getOutputStreamMonitor();
        try {
            awaitContent(out, "httpd: listening on"); // its address from passt's DHCP
            Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "60", "http://127.0.0.1:" + port + "/hello.txt")
                    .redirectErrorStream(true).start();
            String page = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, curl.waitFor(), page);
            assertEquals("Hello from Ilwaco's httpd, a Denali guest.\n", page);
            assertTrue(process.getAttribute(IProcess.ATTR_CMDLINE).contains("--net passt:" + port + ":80"));
        } finally {
            process.terminate();
        }
    }

    @Test
    void runsTheHelloTemplateInItsOwnProcess() throws Exception {
        new GuestProjectCreator(workspace).create("greeter", "hello", null, null);
        ILaunchConfigurationWorkingCopy config = guestType().newInstance(null, "greeter");
        new GuestLaunchSettings("greeter", "greeter.elf", 2, "", "", "", true, false).writeTo(config);

        // No explicit build: the delegate builds the fresh project itself.
        ILaunch launch = config.launch(ILaunchManager.RUN_MODE, null);
        assertEquals(1, launch.getProcesses().length);
        IProcess process = launch.getProcesses()[0];
        IStreamMonitor out = process.getStreamsProxy().getOutputStreamMonitor();
        IStreamMonitor err = process.getStreamsProxy().getErrorStreamMonitor();
        awaitTerminated(process);

        String console = awaitContent(out, "Hello from greeter on Denali VM 2");
        assertEquals(0, process.getExitValue(), console + err.getContents());
        assertTrue(console.contains("[vm1] Hello from greeter on Denali VM 1"), console);
        assertTrue(process.getAttribute(IProcess.ATTR_CMDLINE).contains("--deterministic"));
        // the kernel's informational stderr lines reach the console as output, not in the error colour
        String statistics = awaitContent(out, " instructions in ");
        assertTrue(statistics.contains("denali run: monitor on localhost:"), statistics);
        assertTrue(err.getContents().isEmpty(), "a clean run wrote errors: " + err.getContents());
    }

    @Test
    void anInteractiveRunEndsWhenTheGuestEnds() throws Exception {
        // Not deterministic: the console keeps the kernel's stdin open for keyboard input to VM 1.
        new GuestProjectCreator(workspace).create("chatty", "hello", null, null);
        ILaunchConfigurationWorkingCopy config = guestType().newInstance(null, "chatty");
        GuestLaunchSettings.defaults("chatty").writeTo(config);

        IProcess process = config.launch(ILaunchManager.RUN_MODE, null).getProcesses()[0];
        IStreamMonitor out = process.getStreamsProxy().getOutputStreamMonitor();
        awaitTerminated(process);
        String console = awaitContent(out, "Hello from chatty on Denali VM 1");
        assertEquals(0, process.getExitValue(), console);
    }

    @Test
    void aProjectThatDoesNotBuildIsNotLaunched() throws Exception {
        IProject project = new GuestProjectCreator(workspace).create("broken", "hello", null, null);
        project.getFile("hello.c").setContents(new ByteArrayInputStream(
                "int main(void) { return ; }\nint x = ;\n".getBytes(StandardCharsets.UTF_8)), true, false, null);
        ILaunchConfigurationWorkingCopy config = guestType().newInstance(null, "broken");
        GuestLaunchSettings.defaults("broken").writeTo(config);

        CoreException e = assertThrows(CoreException.class, () -> config.launch(ILaunchManager.RUN_MODE, null));
        assertTrue(e.getMessage().contains("broken.elf"), e.getMessage());
    }

    private ILaunchConfigurationType guestType() {
        return launches.getLaunchConfigurationType(GuestLaunchSettings.TYPE_ID);
    }

    private static void awaitTerminated(IProcess process) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!process.isTerminated() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(process.isTerminated(), "the kernel process did not end");
    }

    /** The stream readers may still be draining the pipe just after the process ends. */
    private static String awaitContent(IStreamMonitor monitor, String expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!monitor.getContents().contains(expected) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(monitor.getContents().contains(expected), monitor.getContents());
        return monitor.getContents();
    }
}
