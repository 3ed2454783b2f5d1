package org.denali.sdk.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.denali.emulator.assembly.KernelServices;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.deploy.Kernel;
import org.denali.lang.deploy.deploy.Workload;
import org.denali.lang.deploy.kernel.Kernels;

/**
 * {@code denali run FILE.denali} for a deployment of several kernels on this host: one process per kernel, {@code
 * denali run FILE.denali --kernel NAME}, their LANs linked by VXLAN. The kernels serving others start first; the
 * deployment ends when the kernels running the workloads' generators have ended (without workloads: when one
 * kernel has ended): the others' standard input is then closed, which ends their workload — their servers are
 * stopped and they print their summary. If a kernel fails before that, the others are stopped. Every line the
 * kernels print is passed on, and the exit status is the first non-zero one in the file's order. {@code --monitor}
 * and {@code --gdb} serve the kernel running the first VM group (whose image Denali Studio's debugger reads symbols
 * from); the others are served by {@code --kernel NAME --monitor PORT} each.
 */
final class LinkedKernels {
    private static final long END_GRACE_SECONDS = 60;

    private LinkedKernels() {
    }

    static int run(Deployment deployment, Path file, KernelServices services, Path workingDirectory, PrintStream out,
            PrintStream err) throws IOException {
        Kernel served = deployment.getGroups().isEmpty() ? deployment.getKernels().get(0)
            : Kernels.of(deployment.getGroups().get(0));
        List<Kernel> drivers = new ArrayList<>();
        for (Workload workload : deployment.getWorkloads()) {
            Kernel kernel = Kernels.of(workload.getSource());
            if (kernel != null && !drivers.contains(kernel)) {
                drivers.add(kernel);
            }
        }
        List<Kernel> order = new ArrayList<>(deployment.getKernels());
        order.sort((a, b) -> Boolean.compare(drivers.contains(a), drivers.contains(b))); // servers first
        List<Started> started = new ArrayList<>();
        try {
            for (Kernel kernel : order) {
                started.add(start(kernel, kernel == served ? services : KernelServices.NONE, file, workingDirectory,
                    out, err));
            }
            err.println("denali run: " + started.size() + " kernels started, one LAN over VXLAN (VNI "
                + Kernels.vni(deployment) + "): " + String.join(", ", order.stream().map(k -> k.getName() + " on "
                    + Kernels.endpoint(k).getAddress().getHostAddress() + ":" + Kernels.endpoint(k).getPort())
                    .toList()));
            waitForDrivers(started, drivers, err);
            for (Started s : started) {
                s.process.getOutputStream().close(); // end of their workload
            }
            for (Started s : started) {
                if (!s.process.waitFor(END_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    err.println("denali run: kernel " + s.kernel.getName() + " did not end " + END_GRACE_SECONDS
                        + " s after its input closed; stopped");
                    s.process.destroyForcibly().waitFor();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Started s : started) {
                if (s.process.isAlive()) {
                    s.process.destroyForcibly();
                }
            }
            for (Started s : started) {
                s.drain();
            }
        }
        int status = 0;
        for (Kernel kernel : deployment.getKernels()) {
            for (Started s : started) {
                if (s.kernel == kernel) {
                    int code = s.process.isAlive() ? 1 : s.process.exitValue();
                    err.println("denali run: kernel " + kernel.getName() + " exited with status " + code);
                    status = status == 0 ? code : status;
                }
            }
        }
        return started.size() == deployment.getKernels().size() ? status : Math.max(status, 1);
    }

    /** Waits until every driver has ended; a kernel ending with a non-zero status first stops the run. */
    private static void waitForDrivers(List<Started> started, List<Kernel> drivers, PrintStream err)
            throws InterruptedException {
        while (true) {
            boolean driversAlive = false;
            boolean anyEnded = false;
            for (Started s : started) {
                if (s.process.isAlive()) {
                    driversAlive |= drivers.contains(s.kernel);
                    continue;
                }
                anyEnded = true;
                if (s.process.exitValue() != 0) {
                    err.println("denali run: kernel " + s.kernel.getName() + " failed (status "
                        + s.process.exitValue() + "); stopping the others");
                    return;
                }
            }
            if (drivers.isEmpty() ? anyEnded : !driversAlive) {
                return;
            }
            Thread.sleep(100); // a handful of child processes: polling their state is simplest
        }
    }

    private static Started start(Kernel kernel, KernelServices services, Path file, Path workingDirectory,
            PrintStream out, PrintStream err) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-X") || option.startsWith("--add-") || option.startsWith("--enable-")) {
                command.add(option); // heap size and the interpreter's JVM options, as `denali` gave them
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DenaliCli.class.getName(), "run",
            file.toAbsolutePath().toString(), "--kernel", kernel.getName()));
        if (services.monitorPort() >= 0) {
            command.addAll(List.of("--monitor", Integer.toString(services.monitorPort())));
        }
        if (services.gdbPort() >= 0) {
            command.addAll(List.of("--gdb", Integer.toString(services.gdbPort())));
            if (services.waitForGdb()) {
                command.add("--wait");
            }
        }
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
        return new Started(kernel, process, pump(process.getInputStream(), out, kernel),
            pump(process.getErrorStream(), err, kernel));
    }

    private static Thread pump(InputStream from, PrintStream to, Kernel kernel) {
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    to.println(line); // whole lines: the kernels' consoles do not interleave within one
                }
            } catch (IOException e) {
                // the kernel's process ended
            }
        }, "denali-kernel-" + kernel.getName());
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    /** A kernel's process and the threads passing its output on. */
    private record Started(Kernel kernel, Process process, Thread out, Thread err) {
        void drain() {
            try {
                out.join(5000);
                err.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
