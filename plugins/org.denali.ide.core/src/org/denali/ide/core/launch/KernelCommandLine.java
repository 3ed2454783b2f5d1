package org.denali.ide.core.launch;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.cpu.InterpreterJvmOptions;
import org.denali.ide.core.DenaliPreferences;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.osgi.framework.Bundle;

/**
 * The command line that starts the isolation kernel as its own Java process: the running JRE's {@code java},
 * the emulator and SDK bundles as a plain classpath, and {@code DenaliCli run IMAGE.elf ...}. A separate process
 * keeps a guest's memory, threads and {@code System.exit} out of the IDE, and lets the console show its streams.
 * {@code run IMAGE.elf} only loads classes of these two bundles (the language bundle is needed only for
 * {@code .denali} deployments, {@link #forDeployment}, whose classpath adds the language bundle and what it is
 * wired to), so nothing else goes on the classpath.
 */
public final class KernelCommandLine {
    static final String MAIN_CLASS = "org.denali.sdk.cli.DenaliCli";
    /** Launch attribute: the kernel monitor's loopback port (decimal), where the Denali views watch the kernel. */
    public static final String MONITOR_PORT_ATTRIBUTE = "org.denali.monitorPort";
    private static final List<String> RUNTIME_BUNDLES = List.of("org.denali.emulator", "org.denali.sdk",
            "org.objectweb.asm"); // ASM: the emulator's guest-code compiler

    private KernelCommandLine() {
    }

    /** {@code java INTERPRETER-OPTIONS -cp ... DenaliCli run IMAGE options... extra...}. */
    public static List<String> forRun(Path image, GuestLaunchSettings settings, List<String> extraOptions)
            throws CoreException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(InterpreterJvmOptions.recommended());
        command.addAll(DenaliPreferences.kernelJvmOptions()); // after ours, so the user's -Xmx wins
        command.add("-cp");
        command.add(classpath());
        command.add(MAIN_CLASS);
        command.add("run");
        command.add(image.toString());
        command.addAll(settings.runOptions());
        command.addAll(extraOptions);
        return command;
    }

    /**
     * {@code java ... DenaliCli run FILE.denali options...}: the deployment runs with {@code denali run}'s own
     * validation and exit status; its classpath is the SDK bundle and every bundle it is wired to (the language
     * bundle with Xtext and EMF), read off the running OSGi framework.
     */
    public static List<String> forDeployment(Path file, List<String> options) throws CoreException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(InterpreterJvmOptions.recommended());
        command.addAll(DenaliPreferences.kernelJvmOptions());
        command.add("-cp");
        command.add(wiredClasspath("org.denali.sdk"));
        command.add(MAIN_CLASS);
        command.add("run");
        command.add(file.toString());
        command.addAll(options);
        return command;
    }

    /** The files of {@code root} and of every bundle it is wired to, transitively (the framework itself left out). */
    static String wiredClasspath(String root) throws CoreException {
        Bundle start = Platform.getBundle(root);
        if (start == null) {
            throw new CoreException(Status.error("The Denali kernel bundle " + root + " is not installed."));
        }
        java.util.Set<Bundle> seen = new java.util.LinkedHashSet<>();
        java.util.Deque<Bundle> todo = new java.util.ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            Bundle bundle = todo.pop();
            if (bundle.getBundleId() == 0 || !seen.add(bundle)) {
                continue;
            }
            org.osgi.framework.wiring.BundleWiring wiring = bundle.adapt(org.osgi.framework.wiring.BundleWiring.class);
            if (wiring != null) {
                for (org.osgi.framework.wiring.BundleWire wire : wiring.getRequiredWires(null)) {
                    todo.push(wire.getProviderWiring().getBundle());
                }
            }
        }
        List<String> entries = new ArrayList<>();
        for (Bundle bundle : seen) {
            entries.add(fileOf(bundle).getAbsolutePath());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** {@code --monitor PORT} with a loopback port that is free now (the kernel binds it moments later). */
    public static List<String> monitorOptions(int port) {
        return List.of("--monitor", Integer.toString(port));
    }

    public static int freeLoopbackPort() throws CoreException {
        return freeLoopbackPorts(1)[0];
    }

    /**
     * {@code count} distinct loopback ports that are free now (e.g. the monitor's and the gdb stub's): the probe
     * sockets stay open until all are found, so the system cannot hand out one port twice.
     */
    public static int[] freeLoopbackPorts(int count) throws CoreException {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                probes.add(probe);
                ports[i] = probe.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new CoreException(Status.error("No free local port for the kernel: " + e.getMessage(), e));
        } finally {
            for (ServerSocket probe : probes) {
                try {
                    probe.close();
                } catch (IOException e) {
                    // the port is still free for the kernel; nothing to report
                }
            }
        }
    }

    /**
     * The Java chosen in Preferences > Denali, else the IDE's own JRE (Java 17 in Denali Studio, so nothing needs
     * configuring there; an Eclipse on Java 25 needs the preference, see {@link DenaliPreferences#KERNEL_JAVA}).
     */
    static String javaExecutable() {
        return DenaliPreferences.kernelJava().orElseGet(() -> ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    }

    static String classpath() throws CoreException {
        List<String> entries = new ArrayList<>();
        for (String name : RUNTIME_BUNDLES) {
            entries.add(bundleFile(name).getAbsolutePath());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static File bundleFile(String symbolicName) throws CoreException {
        Bundle bundle = Platform.getBundle(symbolicName);
        if (bundle == null) {
            throw new CoreException(Status.error("The Denali kernel bundle " + symbolicName + " is not installed."));
        }
        return fileOf(bundle);
    }

    /** A jar (installed IDE, Tycho test runtime) or a directory of classes: both work on a classpath. */
    private static File fileOf(Bundle bundle) throws CoreException {
        return FileLocator.getBundleFileLocation(bundle).orElseThrow(() -> new CoreException(
                Status.error("Cannot find the file of bundle " + bundle.getSymbolicName() + " on disk.")));
    }
}
