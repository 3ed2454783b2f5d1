package org.denali.ide.core.headless;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.launch.GuestLaunchDelegate;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.Launch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamMonitor;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/**
 * {@code -application org.denali.ide.core.headless}: what the IDE does for a guest, without a window, for scripts,
 * CI and the update-site install test (releng/check-p2-install, which runs it in a bare platform that got the
 * Denali feature from the p2 site — so this exercises the SDK the bundles carry, not a repository checkout).
 *
 * <pre>
 *   -project NAME [-template ID] [-run]
 * </pre>
 * Creates the guest project from an SDK template unless the workspace has it, builds it with the Denali builder
 * (problems printed like gcc's), and with {@code -run} launches it as a Denali Guest (its own kernel process,
 * deterministic clock) and relays the console. Exit status: 0 success, 1 build errors or a failing guest, 2 usage.
 */
public final class HeadlessGuestApplication implements IApplication {
    private static final long RUN_TIMEOUT_MILLIS = 120_000;
    private static final Integer USAGE = 2;
    private static final Integer FAILED = 1;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        Options options = Options.parse(args == null ? List.of() : Arrays.asList(args));
        PrintStream out = System.out;
        if (options.error != null) {
            System.err.println("denali headless: " + options.error);
            System.err.println("usage: -application org.denali.ide.core.headless -project NAME [-template ID] [-run]");
            return USAGE;
        }
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        try {
            IProject project = workspace.getRoot().getProject(options.project);
            if (!project.exists()) {
                new GuestProjectCreator(workspace).create(options.project, options.template, null, null);
                out.println("created " + options.project + " from template " + options.template);
            }
            project.build(IncrementalProjectBuilder.FULL_BUILD, null);
            if (reportProblems(project, out)) {
                return FAILED;
            }
            out.println("built " + options.project);
            return options.run ? run(options.project, out) : IApplication.EXIT_OK;
        } catch (CoreException e) {
            // a bad template name, a project that cannot be created, a launch the delegate refuses: one clear line
            System.err.println("denali headless: " + e.getStatus().getMessage());
            return FAILED;
        } finally {
            workspace.save(true, null);
        }
    }

    /** Prints every problem marker; true if one is an error. */
    private static boolean reportProblems(IProject project, PrintStream out) throws CoreException {
        boolean errors = false;
        for (IMarker marker : project.findMarkers(IMarker.PROBLEM, true, IResource.DEPTH_INFINITE)) {
            int severity = marker.getAttribute(IMarker.SEVERITY, IMarker.SEVERITY_INFO);
            errors |= severity == IMarker.SEVERITY_ERROR;
            out.printf("%s:%d: %s: %s%n", marker.getResource().getProjectRelativePath(),
                marker.getAttribute(IMarker.LINE_NUMBER, 0),
                severity == IMarker.SEVERITY_ERROR ? "error" : severity == IMarker.SEVERITY_WARNING ? "warning" : "info",
                marker.getAttribute(IMarker.MESSAGE, ""));
        }
        return errors;
    }

    private static Integer run(String projectName, PrintStream out) throws Exception {
        ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationWorkingCopy config = launches.getLaunchConfigurationType(GuestLaunchSettings.TYPE_ID)
            .newInstance(null, projectName + " (headless)");
        // One VM of <project>.elf; deterministic, so the kernel reads its (empty) stdin to the end at once instead of
        // waiting for keyboard input, and the run is reproducible.
        GuestLaunchSettings defaults = GuestLaunchSettings.defaults(projectName);
        new GuestLaunchSettings(projectName, defaults.image(), 1, "", "", "", true, false).writeTo(config);
        // Not config.launch(...): its pre-launch checks ask the debug UI's status handler (save dirty editors?
        // breakpoints in a run?), and activating org.eclipse.debug.ui without a workbench fails in newer Eclipse
        // releases (IllegalStateException: Workbench has not been created yet, logged as errors). Headless there is
        // nothing to save or ask, and the project is built above: the delegate launches directly.
        ILaunch launch = new Launch(config, ILaunchManager.RUN_MODE, null);
        launches.addLaunch(launch);
        new GuestLaunchDelegate().launch(config, ILaunchManager.RUN_MODE, launch, new NullProgressMonitor());
        IProcess process = launch.getProcesses()[0];
        IStreamMonitor stdout = process.getStreamsProxy().getOutputStreamMonitor();
        IStreamMonitor stderr = process.getStreamsProxy().getErrorStreamMonitor();
        long deadline = System.currentTimeMillis() + RUN_TIMEOUT_MILLIS;
        while (!process.isTerminated() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        if (!process.isTerminated()) {
            process.terminate();
            System.err.println("denali headless: the guest did not end within " + RUN_TIMEOUT_MILLIS / 1000 + " s");
            return FAILED;
        }
        Thread.sleep(200); // the stream readers drain the pipes just after the process ends
        out.print(stdout.getContents());
        System.err.print(stderr.getContents());
        out.println("kernel exit status " + process.getExitValue());
        return process.getExitValue() == 0 ? IApplication.EXIT_OK : FAILED;
    }

    @Override
    public void stop() {
        // runs to completion; nothing to interrupt
    }

    /** The command line; {@code error} is set instead of throwing, so a bad flag is one clear line. */
    private static final class Options {
        String project;
        String template = "hello";
        boolean run;
        String error;

        static Options parse(List<String> args) {
            Options o = new Options();
            List<String> rest = new ArrayList<>(args);
            while (!rest.isEmpty() && o.error == null) {
                String flag = rest.remove(0);
                switch (flag) {
                    case "-project" -> o.project = rest.isEmpty() ? null : rest.remove(0);
                    case "-template" -> o.template = rest.isEmpty() ? null : rest.remove(0);
                    case "-run" -> o.run = true;
                    default -> o.error = "unknown argument '" + flag + "'";
                }
                if (o.error == null && (flag.equals("-project") && o.project == null
                        || flag.equals("-template") && o.template == null)) {
                    o.error = flag + " needs a value";
                }
            }
            if (o.error == null && o.project == null) {
                o.error = "-project NAME is required";
            }
            return o;
        }
    }
}
