package org.denali.lang.ui.launch;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.denali.ide.core.launch.ClassifiedKernelProcess;
import org.denali.ide.core.launch.DeploymentConsoles;
import org.denali.ide.core.launch.GuestLaunchDelegate;
import org.denali.ide.core.launch.KernelCommandLine;
import org.denali.lang.check.DenaliLanguages;
import org.denali.lang.check.LanguageChecker;
import org.denali.lang.check.Problem;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.deploy.VmGroup;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;

/**
 * Runs a .denali deployment as a kernel process, as guests run: validated first with the same rules as the
 * editor and {@code denali check} (errors stop the launch), then {@code denali run FILE.denali} in the file's
 * folder ({@link KernelCommandLine#forDeployment}), so the Debug view shows the process, Terminate ends it, the
 * Console shows its VMs ({@code [group#i]} lines in the kernel's console, and each VM's lines in a console of its
 * own: {@link DeploymentConsoles}) and the exit status is {@code denali run}'s. The kernel always
 * serves the monitor, so the Denali views watch it live; Debug As also serves gdb's protocol, holds every VM until
 * the debugger has installed the breakpoints, and reads symbols from the first VM group's image.
 */
public final class DeploymentLaunchDelegate extends LaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        boolean debug = ILaunchManager.DEBUG_MODE.equals(mode);
        IFile file = fileOf(configuration);
        Path path = file.getLocation().toFile().toPath();
        Deployment deployment = validated(file, path);
        int[] ports = KernelCommandLine.freeLoopbackPorts(debug ? 2 : 1);
        launch.setAttribute(KernelCommandLine.MONITOR_PORT_ATTRIBUTE, Integer.toString(ports[0]));
        List<String> options = new ArrayList<>(KernelCommandLine.monitorOptions(ports[0]));
        if (debug) {
            options.addAll(List.of("--gdb", Integer.toString(ports[1]), "--wait"));
        }
        List<String> command = KernelCommandLine.forDeployment(path, options);
        Process process;
        try {
            process = new ClassifiedKernelProcess(new ProcessBuilder(command).directory(path.getParent().toFile())
                    .start(), Charset.defaultCharset());
        } catch (IOException e) {
            throw new CoreException(Status.error("Cannot start the Denali kernel: " + e.getMessage(), e));
        }
        IProcess kernel = DebugPlugin.newProcess(launch, process, "Denali kernel (" + file.getName() + ")");
        kernel.setAttribute(IProcess.ATTR_CMDLINE, String.join(" ", command));
        DeploymentConsoles.follow(launch, kernel, file.getName());
        if (debug) {
            GuestLaunchDelegate.startDebugger(launch, kernel, ports[1], firstImage(deployment, path), false);
        }
    }

    /** The deployment in {@code file}, or the editor's errors as the launch's failure. */
    private static Deployment validated(IFile file, Path path) throws CoreException {
        try {
            String text = Files.readString(path);
            List<Problem> errors = new LanguageChecker().check(file.getFullPath().toString(), path, text).stream()
                .filter(p -> p.severity() == Problem.Severity.ERROR).toList();
            if (!errors.isEmpty()) {
                throw new CoreException(Status.error(file.getName() + " has errors:\n"
                    + String.join("\n", errors.stream().map(Problem::format).toList())));
            }
            return (Deployment) LanguageChecker.load(DenaliLanguages.deployment(), path, text).getContents().get(0);
        } catch (IOException e) {
            throw new CoreException(Status.error("cannot read " + file.getFullPath() + ": " + e.getMessage(), e));
        }
    }

    /** The debugger's symbols come from one image: the first VM group's. */
    private static Path firstImage(Deployment deployment, Path file) throws CoreException {
        List<VmGroup> groups = deployment.getGroups();
        if (groups.isEmpty()) {
            throw new CoreException(Status.error(file.getFileName() + " has no VM group to debug"));
        }
        return file.getParent().resolve(groups.get(0).getImage()).normalize();
    }

    static IFile fileOf(ILaunchConfiguration configuration) throws CoreException {
        String name = configuration.getAttribute(DeploymentLaunch.FILE, "");
        IFile file = name.isEmpty() ? null : ResourcesPlugin.getWorkspace().getRoot().getFile(IPath.fromOSString(name));
        if (file == null || !file.exists()) {
            throw new CoreException(Status.error("no such deployment file: '" + name + "'"));
        }
        return file;
    }
}
