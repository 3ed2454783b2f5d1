package org.denali.sdk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.denali.emulator.elf.ElfFormatException;
import org.denali.lang.check.DenaliLanguages;
import org.denali.lang.check.LanguageChecker;
import org.denali.lang.check.Problem;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.kernel.DeploymentRun;

/**
 * {@code denali run FILE.denali}: validates the deployment exactly as {@code denali check} and the editor do,
 * then runs it on the emulated kernel (the same {@link DeploymentRun} as the IDE's Denali Deployment launch).
 * Everything else comes from the file, so no run flags are accepted with it.
 */
final class DeploymentRunner {
    private DeploymentRunner() {
    }

    static int run(String given, CommandContext context) {
        Path file = context.resolve(given);
        try {
            String text = Files.readString(file);
            List<Problem> problems = new LanguageChecker().check(given, file, text);
            problems.forEach(p -> context.err().println(p.format()));
            if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
                context.err().println("denali run: " + given + " has errors; nothing was run");
                return 1;
            }
            Deployment deployment = (Deployment) LanguageChecker.load(DenaliLanguages.deployment(), file, text)
                .getContents().get(0);
            Path base = file.toAbsolutePath().getParent();
            DeploymentRun.Result result = DeploymentRun.run(deployment, base, context.out());
            context.out().flush();
            for (DeploymentRun.Instance instance : result.instances()) {
                context.err().println("denali run: " + instance.name() + " " + instance.exit());
            }
            context.err().println("denali run: " + result.statistics().summary());
            return result.exitStatus();
        } catch (NoSuchFileException e) {
            context.err().println("denali run: " + e.getFile() + ": no such file");
        } catch (IOException | ElfFormatException | RuntimeException e) {
            context.err().println("denali run: " + given + ": " + e.getMessage());
        }
        return 1;
    }
}
