package org.denali.sdk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.denali.emulator.assembly.DeploymentPlan;
import org.denali.emulator.assembly.DeploymentRun;
import org.denali.emulator.assembly.KernelServices;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.lang.check.DenaliLanguages;
import org.denali.lang.check.LanguageChecker;
import org.denali.lang.check.Problem;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.kernel.DeploymentPlans;
import org.denali.lang.deploy.kernel.Kernels;

/**
 * {@code denali run FILE.denali}: validates the deployment exactly as {@code denali check} and the editor do,
 * then runs it on the emulated kernel (emulator-core's {@link DeploymentRun}; the IDE's Denali Deployment launch
 * runs this command as a process). A deployment with a workload ends when its load generators end; the summary
 * (every VM's end, each workload's requests, errors, throughput, latencies and share per server, page-ins and
 * page-outs) goes to stderr, and the exit status is 0 only if every VM and workload succeeded.
 * Everything else comes from the file, so the only run flags accepted with it are the debugger's: {@code --gdb
 * PORT [--wait]} and {@code --monitor PORT} (Denali Studio runs and debugs deployments through them).
 */
final class DeploymentRunner {
    private DeploymentRunner() {
    }

    /** The flags a deployment takes: what it serves, never how its VMs run (the file says that). */
    static final java.util.Set<String> FLAGS = java.util.Set.of("--gdb", "--wait", "--monitor", "--kernel");

    /** {@code --gdb}, {@code --wait} and {@code --monitor} as given; a usage error for any other flag. */
    static KernelServices services(List<String> args, Arguments parsed, CommandContext context) throws UsageException {
        for (String arg : args) {
            if (arg.startsWith("--") && !FLAGS.contains(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg)) {
                throw new UsageException("a .denali deployment carries its own settings: only --gdb PORT, --wait,"
                        + " --monitor PORT and --kernel NAME go with it, not " + arg);
            }
        }
        int gdb = (int) parsed.longOption("gdb", -1);
        int monitor = (int) parsed.longOption("monitor", -1);
        if (parsed.has("wait") && gdb < 0) {
            throw new UsageException("--wait needs --gdb PORT");
        }
        if (gdb > 65535 || monitor > 65535 || (gdb > 0 && gdb == monitor)) {
            throw new UsageException("--gdb and --monitor take two different TCP ports 0..65535");
        }
        return new KernelServices(monitor, gdb, parsed.has("wait"), context.err());
    }

    static int run(String given, CommandContext context) {
        return run(given, KernelServices.NONE, null, context.in(), context);
    }

    /**
     * @param kernel with a deployment of several kernels, the one this process runs ({@code --kernel NAME}); null
     *     runs them all, each as its own process ({@link LinkedKernels})
     * @param stdin ends the workload of a kernel that runs none of its generators, at end of file
     */
    static int run(String given, KernelServices services, String kernel, java.io.InputStream stdin,
            CommandContext context) {
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
            if (kernel == null && Kernels.linked(deployment)) {
                return LinkedKernels.run(deployment, file, services, context.workingDirectory(), context.out(),
                    context.err());
            }
            DeploymentPlan plan = kernel == null ? DeploymentPlans.of(deployment, base)
                : DeploymentPlans.of(deployment, base, kernel);
            DeploymentRun.Result result = DeploymentRun.run(plan, context.out(), services, stdin);
            context.out().flush();
            DeploymentRun.summarize(result, context.err(), plan.link() == null ? "denali run: "
                : "denali run: kernel " + kernel + ": ");
            if (plan.link() != null) {
                context.err().println("denali run: kernel " + kernel + ": VXLAN " + result.vxlan());
            }
            return result.exitStatus();
        } catch (NoSuchFileException e) {
            context.err().println("denali run: " + e.getFile() + ": no such file");
        } catch (IOException | ElfFormatException | RuntimeException e) {
            context.err().println("denali run: " + given + ": " + e.getMessage());
        }
        return 1;
    }
}
