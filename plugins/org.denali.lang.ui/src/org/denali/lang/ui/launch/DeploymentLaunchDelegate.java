package org.denali.lang.ui.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.denali.lang.check.DenaliLanguages;
import org.denali.lang.check.LanguageChecker;
import org.denali.lang.check.Problem;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.kernel.DeploymentRun;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.MessageConsole;
import org.eclipse.ui.console.MessageConsoleStream;

/**
 * Runs a .denali deployment: validates it with the same rules as the editor and `denali check` (errors stop
 * the launch), then runs it on the emulated kernel ({@link DeploymentRun}) with the VMs' consoles in a console
 * named after the deployment.
 */
public final class DeploymentLaunchDelegate extends LaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        IFile file = fileOf(configuration);
        Path path = file.getLocation().toFile().toPath();
        String text;
        try {
            text = Files.readString(path);
            List<Problem> errors = new LanguageChecker().check(file.getFullPath().toString(), path, text).stream()
                .filter(p -> p.severity() == Problem.Severity.ERROR).toList();
            if (!errors.isEmpty()) {
                throw new CoreException(Status.error(file.getName() + " has errors:\n"
                    + String.join("\n", errors.stream().map(Problem::format).toList())));
            }
            Deployment deployment = (Deployment) LanguageChecker.load(DenaliLanguages.deployment(), path, text)
                .getContents().get(0);
            run(deployment, path.getParent(), consoleFor(deployment));
        } catch (IOException e) {
            throw new CoreException(Status.error("cannot run " + file.getFullPath() + ": " + e.getMessage(), e));
        }
    }

    private static void run(Deployment deployment, Path baseDirectory, MessageConsole console) throws IOException {
        try (MessageConsoleStream out = console.newMessageStream();
                PrintStream log = new PrintStream(console.newMessageStream(), true)) {
            try {
                DeploymentRun.Result result = DeploymentRun.run(deployment, baseDirectory, out);
                for (DeploymentRun.Instance instance : result.instances()) {
                    log.println("denali: " + instance.name() + " " + instance.exit());
                }
                log.println("denali: " + result.statistics().summary());
                log.println("denali: exit status " + result.exitStatus());
            } catch (org.denali.emulator.elf.ElfFormatException | RuntimeException e) {
                log.println("denali: " + e.getMessage());
            }
        }
    }

    static IFile fileOf(ILaunchConfiguration configuration) throws CoreException {
        String name = configuration.getAttribute(DeploymentLaunch.FILE, "");
        IFile file = name.isEmpty() ? null : ResourcesPlugin.getWorkspace().getRoot().getFile(IPath.fromOSString(name));
        if (file == null || !file.exists()) {
            throw new CoreException(Status.error("no such deployment file: '" + name + "'"));
        }
        return file;
    }

    /** The console "Denali Deployment: NAME", created or reused and cleared. */
    public static MessageConsole consoleFor(Deployment deployment) {
        String name = "Denali Deployment: " + deployment.getName();
        var manager = ConsolePlugin.getDefault().getConsoleManager();
        for (IConsole existing : manager.getConsoles()) {
            if (existing instanceof MessageConsole message && existing.getName().equals(name)) {
                message.clearConsole();
                manager.showConsoleView(message);
                return message;
            }
        }
        MessageConsole console = new MessageConsole(name, null);
        manager.addConsoles(new IConsole[] {console});
        manager.showConsoleView(console);
        return console;
    }
}
