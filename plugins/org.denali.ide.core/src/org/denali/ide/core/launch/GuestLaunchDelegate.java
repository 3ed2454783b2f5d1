package org.denali.ide.core.launch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.build.DenaliBuilder;
import org.denali.sdk.build.BuildConfiguration;
import org.denali.ide.core.debug.DenaliDebugTarget;
import org.denali.ide.core.debug.GuestSymbols;
import org.denali.ide.core.rsp.RspConnection;

/**
 * Runs a Denali guest: builds its project (incrementally, so only when sources changed), then starts the kernel
 * as a separate process ({@link KernelCommandLine}) in the project's directory and hands it to the debug
 * platform, which shows its output in the Console view. In debug mode the kernel also gets {@code --gdb PORT
 * --wait} (a free local port): every VM is held until the debugger has connected, installed the breakpoints and
 * resumed them.
 */
public final class GuestLaunchDelegate extends LaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, "Launching " + configuration.getName(), 4);
        boolean debug = ILaunchManager.DEBUG_MODE.equals(mode);
        GuestLaunchSettings settings = GuestLaunchSettings.read(configuration);
        GuestDeviceSettings devices = GuestDeviceSettings.read(configuration);
        if (devices.validate() != null) {
            throw new CoreException(Status.error(devices.validate()));
        }
        IProject project = guestProject(settings);
        awaitAutoBuild(sub.split(1));
        if (debug) {
            // Debug As builds the Debug configuration whatever the project's own is, as CDT users expect
            project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, DenaliBuilder.ID,
                    Map.of(DenaliBuilder.CONFIGURATION_ARGUMENT, BuildConfiguration.DEBUG.id()), sub.split(2));
        } else {
            project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, sub.split(2));
        }
        IFile image = project.getFile(settings.image());
        if (!image.exists() || image.getLocation() == null) {
            throw new CoreException(Status.error("No image " + image.getFullPath()
                    + ": the build failed or produced another file (see the Problems view and the Denali Build console)."));
        }
        // Every kernel serves the monitor, so the Denali views show it live (docs/views.md); in debug mode it also
        // serves gdb's protocol and holds every VM until the debugger has installed the breakpoints.
        int[] ports = KernelCommandLine.freeLoopbackPorts(debug ? 2 : 1);
        int monitorPort = ports[0];
        launch.setAttribute(KernelCommandLine.MONITOR_PORT_ATTRIBUTE, Integer.toString(monitorPort));
        int gdbPort = debug ? ports[1] : -1;
        List<String> options = new ArrayList<>(devices.runOptions());
        options.addAll(CompilerSettings.runOptions(CompilerSettings.compile(configuration)));
        options.addAll(KernelCommandLine.monitorOptions(monitorPort));
        if (debug) {
            options.addAll(List.of("--gdb", Integer.toString(gdbPort), "--wait"));
        }
        Path recordTo = null;
        if (RecordSettings.record(configuration)) {
            recordTo = RecordSettings.logFile(project, configuration.getName());
            createFolder(recordTo.getParent());
            launch.setAttribute(RecordSettings.RECORD_FILE_ATTRIBUTE, recordTo.toString());
        }
        options.addAll(RecordSettings.runOptions(recordTo));
        if (recordTo != null && debug && !settings.deterministic()) {
            // reverse execution replays the recorded quanta exactly: only the deterministic clock allows that
            options.add("--deterministic");
        }
        List<String> command = KernelCommandLine.forRun(image.getLocation().toFile().toPath(), settings, options);
        // The project directory is the kernel's working directory, so relative options (./disks) mean the project.
        Process process = start(command, project.getLocation().toFile());
        if (settings.deterministic() || options.contains("--deterministic")) {
            // A deterministic run reads the keyboard input to EOF before any VM starts; the console could never
            // send EOF, so there is no interactive input: end it now.
            closeInput(process);
        }
        IProcess debugProcess = DebugPlugin.newProcess(launch, process, "Denali kernel (" + image.getName() + ")");
        debugProcess.setAttribute(IProcess.ATTR_CMDLINE, String.join(" ", command));
        if (debug) {
            sub.subTask("Connecting the debugger");
            startDebugger(launch, debugProcess, gdbPort, image.getLocation().toFile().toPath(),
                    DebugSettings.traceProtocol(configuration));
        }
        sub.done();
    }

    /** Connects a Denali debug target to the kernel {@code process} serving gdb on {@code port} (guests and deployments). */
    public static void startDebugger(ILaunch launch, IProcess process, int port, Path image, boolean trace)
            throws CoreException {
        try {
            GuestSymbols symbols = GuestSymbols.read(image);
            RspConnection connection = KernelConnector.connectWhenListening(process, port);
            DenaliDebugTarget target = new DenaliDebugTarget(launch, process,
                    "Denali kernel (" + image.getFileName() + ", gdb port " + port + ")", connection, symbols);
            target.start(true, trace);
        } catch (IOException e) {
            process.terminate();
            throw new CoreException(Status.error("Cannot debug " + image.getFileName() + ": " + e.getMessage(), e));
        } catch (CoreException e) {
            process.terminate();
            throw e;
        }
    }

    /**
     * Lets a pending or running auto-build end first. It builds the project's own configuration and relinks
     * {@code NAME.elf} when that differs from the last one built: run after the launch's build (a project just
     * created or edited, an auto-build the launch's build had postponed), it replaced the Debug image while the
     * kernel was starting on it ("NAME.elf: no such file", CoreLaunchTest once in five). The platform's launch
     * job waits for builds by default; a launch from code (tests, other plug-ins) did not.
     */
    private static void awaitAutoBuild(IProgressMonitor monitor) {
        try {
            Job.getJobManager().join(ResourcesPlugin.FAMILY_AUTO_BUILD, monitor);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        }
    }

    /** Builds are done in {@link #launch}, so the platform's "build before launch" has nothing more to do. */
    @Override
    public boolean buildForLaunch(ILaunchConfiguration configuration, String mode, IProgressMonitor monitor) {
        return false;
    }

    static IProject guestProject(GuestLaunchSettings settings) throws CoreException {
        String problem = settings.validate();
        if (problem != null) {
            throw new CoreException(Status.error(problem));
        }
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(settings.project());
        if (!GuestProjectCreator.isGuestProject(project)) {
            throw new CoreException(Status.error("'" + settings.project() + "' is not an open Denali guest project."));
        }
        return project;
    }

    private static void createFolder(Path folder) throws CoreException {
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (IOException e) {
            throw new CoreException(Status.error("Cannot create " + folder + " for the recording: " + e.getMessage(), e));
        }
    }

    private static void closeInput(Process process) throws CoreException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new CoreException(Status.error("Cannot close the Denali kernel's input: " + e.getMessage(), e));
        }
    }

    private static Process start(List<String> command, File directory) throws CoreException {
        try {
            return new ClassifiedKernelProcess(new ProcessBuilder(command).directory(directory).start(),
                    Charset.defaultCharset());
        } catch (IOException e) {
            throw new CoreException(Status.error("Cannot start the Denali kernel: " + e.getMessage(), e));
        }
    }
}
