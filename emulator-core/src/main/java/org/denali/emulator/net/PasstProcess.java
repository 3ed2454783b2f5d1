package org.denali.emulator.net;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A passt process the kernel starts for {@code --net passt:HOST:GUEST} and stops on exit. passt answers ARP and
 * DHCP for the guest itself, NATs its traffic to the host's network, and forwards host TCP ports to the guest.
 * It listens on a UNIX socket; {@link PasstUplink} connects to it.
 */
public final class PasstProcess implements Closeable {
    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final Process process;
    private final Path socket;
    private final Path log;

    private PasstProcess(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /**
     * Starts {@code passt} in the foreground on {@code socket} with the given TCP forwards and waits until the socket
     * exists. Its output goes to {@code socket + ".log"}.
     *
     * @throws IOException if passt is not installed, exits early or does not create its socket in time
     */
    public static PasstProcess start(Path socket, List<PortForward> forwards) throws IOException {
        return start(socket, forwards, null);
    }

    /**
     * Like {@link #start(Path, List)}, telling passt the guest's static address: passt sends forwarded traffic to
     * the address it believes the guest has (by default the host's own, which a guest on a deployment's private
     * subnet does not answer to) and offers it by DHCP.
     *
     * @param guest the guest's address, netmask and gateway, or null for passt's defaults (copied from the host)
     */
    public static PasstProcess start(Path socket, List<PortForward> forwards, GuestAddressing guest)
            throws IOException {
        Files.deleteIfExists(socket);
        List<String> command = new ArrayList<>(List.of("passt", "--foreground", "--stderr", "--quiet",
            "--ipv4-only", "--socket", socket.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            // As root, passt switches to "nobody" by default, which cannot create its socket in a directory private
            // to us (such as a 0700 temporary directory): it then reports the socket bound but no file appears.
            // passt still confines itself (namespaces, seccomp) when told to keep our identity.
            command.addAll(List.of("--runas", "0:0"));
        }
        for (PortForward forward : forwards) {
            command.add(forward.passtOption());
            command.add(forward.passtSpec());
        }
        if (guest != null) {
            command.addAll(guest.passtOptions());
        }
        Path log = socket.resolveSibling(socket.getFileName() + ".log");
        Process process = new ProcessBuilder(watchdog(command)).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        PasstProcess passt = new PasstProcess(process, socket, log);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!Files.exists(socket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = passt.logText();
                passt.close();
                throw new IOException("passt did not start (" + String.join(" ", command) + "): " + output);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                passt.close();
                throw new IOException("interrupted while starting passt", e);
            }
        }
        return passt;
    }

    /**
     * passt must not outlive the kernel, however the kernel ends (even kill -9, which runs no Java code): it runs
     * under a small shell that holds the read end of a pipe whose write end only this JVM has (the process's
     * stdin). When the JVM exits the kernel closes that end, the shell's read returns and it kills passt. A
     * SIGTERM/INT/HUP to the shell does the same; the shell's status is passt's.
     */
    private static List<String> watchdog(List<String> command) {
        String script = "exec 3<&0 0</dev/null; \"$@\" 3<&- & p=$!; "
            + "trap 'kill $p 2>/dev/null' TERM INT HUP; "
            + "(read -r _ <&3; kill $p 2>/dev/null) & w=$!; exec 3<&-; "
            + "wait $p; s=$?; kill $w 2>/dev/null; exit $s";
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", script, "denali-passt-watchdog"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Removes passt's socket and log from the file system once the uplink is connected (the open connection and
     * the open log stay valid), so nothing is left behind even if the kernel is killed.
     */
    public void unlinkFiles() throws IOException {
        Files.deleteIfExists(socket);
        Files.deleteIfExists(log);
    }

    public Path socket() {
        return socket;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What passt printed so far, for error messages. */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log).strip() : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            process.getOutputStream().close(); // the watchdog's pipe: it kills passt and exits
        } catch (IOException alreadyClosed) {
            // then the destroy below does it
        }
        try {
            if (!process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socket);
        Files.deleteIfExists(log);
    }
}
