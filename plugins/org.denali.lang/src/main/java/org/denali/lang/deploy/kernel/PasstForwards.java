package org.denali.lang.deploy.kernel;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.net.EthernetSwitch;
import org.denali.emulator.net.GuestAddressing;
import org.denali.emulator.net.MacAddress;
import org.denali.emulator.net.PasstProcess;
import org.denali.emulator.net.PasstUplink;
import org.denali.emulator.net.PortForward;
import org.denali.emulator.net.SingleGuestUplinkFilter;
import org.denali.lang.deploy.deploy.Forward;
import org.denali.lang.deploy.deploy.Protocol;

/**
 * A deployment's {@code network { forward … }}: one passt per forwarded VM, because passt serves exactly one guest
 * (it learns the guest's MAC and address from the frames it sees). Each passt gets its VM's forwards and static
 * address, and its switch port passes it only that VM's frames; the other VMs share the LAN as before. While the
 * uplinks are plugged in the kernel is held open: a VM idling forever may still be woken by a packet from the
 * host. Everything started here is stopped by {@link #close()}, also when a later passt fails to start.
 */
final class PasstForwards implements Closeable {
    /** A VM that forwards point at: its name, the config it was instantiated with (MAC assigned). */
    record Target(String name, VmConfig config) {
    }

    private final List<Closeable> started = new ArrayList<>();

    private PasstForwards() {
    }

    /**
     * Starts passt for every forwarded VM and plugs it into {@code lan}.
     *
     * @param targetOf the instance a forward points at
     * @throws IOException if passt is missing or does not start (what it printed is in the message)
     */
    static PasstForwards start(List<Forward> forwards, Function<Forward, Target> targetOf, EthernetSwitch lan,
            Kernel kernel) throws IOException {
        Map<Target, List<PortForward>> byTarget = new LinkedHashMap<>();
        for (Forward forward : forwards) {
            PortForward.Protocol protocol = forward.getProtocol() == Protocol.UDP ? PortForward.Protocol.UDP
                : PortForward.Protocol.TCP;
            byTarget.computeIfAbsent(targetOf.apply(forward), t -> new ArrayList<>())
                .add(new PortForward(protocol, forward.getHostPort(), forward.getGuestPort()));
        }
        PasstForwards passts = new PasstForwards();
        try {
            for (var entry : byTarget.entrySet()) {
                passts.startFor(entry.getKey(), entry.getValue(), lan);
            }
            AutoCloseable open = kernel.holdOpen();
            passts.started.add(() -> {
                try {
                    open.close();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            });
            return passts;
        } catch (IOException | RuntimeException e) {
            passts.close();
            throw e;
        }
    }

    private void startFor(Target target, List<PortForward> forwards, EthernetSwitch lan) throws IOException {
        VmConfig config = target.config();
        GuestAddressing addressing = config.nicIpv4() == 0 ? null
            : new GuestAddressing(config.nicIpv4(), Integer.bitCount(config.nicNetmask()), config.nicGateway());
        // a private directory: the socket is the only way into the virtual LAN from the host
        Path directory = Files.createTempDirectory("denali-passt-" + target.name().replaceAll("[^A-Za-z0-9_-]", "_"));
        started.add(() -> deleteQuietly(directory));
        PasstProcess passt = PasstProcess.start(directory.resolve("passt.sock"), forwards, addressing);
        started.add(passt);
        started.add(PasstUplink.connect(passt.socket(), lan,
            new SingleGuestUplinkFilter(new MacAddress(config.nicMac()), addressing)));
        passt.unlinkFiles(); // connected: nothing is left on disk even if the kernel is killed
        deleteQuietly(directory);
    }

    private static void deleteQuietly(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(directory);
    }

    /** Unplugs the uplinks, stops the passt processes, removes their directories (in reverse start order). */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        started.clear();
        if (first != null) {
            throw first;
        }
    }
}
