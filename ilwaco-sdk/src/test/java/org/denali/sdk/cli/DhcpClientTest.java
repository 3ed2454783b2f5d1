package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.InHeapMemoryManager;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.LocalNetwork;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.kernel.VmExit;
import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ilwaco's DHCP client (libilwaco/net_dhcp.c) run by net_init when a VM has no static address: against the real
 * passt of {@code denali run --net passt:...}, and against a {@link FakeDhcpServer} that answers well, refuses, sends
 * garbage or is absent. The guest is src/test/resources/net/dhcp-client.
 */
class DhcpClientTest {
    private static final Pattern LEASE = Pattern.compile(
        "dhcp-client: address (\\S+) netmask (\\S+) gateway (\\S+) server (\\S+) lease (\\d+)\n");

    @TempDir
    Path dir;

    @Test
    void passtLeasesTheHostsAddressToAGuestWithoutIp() throws Exception {
        CliSession cli = CliSession.runOnly(dir);
        int code = cli.denali("run", buildClient().toString(), "--net", "passt:" + freePort() + ":80");
        String console = cli.out();
        assertEquals(0, code, console + cli.err());
        Matcher lease = LEASE.matcher(console);
        assertTrue(lease.find(), console);
        // passt hands the guest the address of the host's own interface (it NATs as the host itself)
        assertTrue(hostAddresses().contains(lease.group(1)), lease.group() + " vs host " + hostAddresses());
        assertTrue(console.contains("dhcp-client: second thread: net_init 0\n"), console);
    }

    @Test
    void aServerThatRepliesByUnicastToTheOfferedAddressConfiguresEverything() throws Exception {
        Outcome run = runAgainst(FakeDhcpServer.Behaviour.GOOD_UNICAST);
        assertEquals(VmExit.terminated(0), run.exit, run.console);
        Matcher lease = LEASE.matcher(run.console);
        assertTrue(lease.find(), run.console);
        assertEquals(List.of("192.168.77.9", "255.255.255.0", "192.168.77.1", "192.168.77.1", "3600"),
            List.of(lease.group(1), lease.group(2), lease.group(3), lease.group(4), lease.group(5)));
        // normally one round; a loaded machine may let the first round time out before the offer is read
        assertTrue(run.server.discovers.get() >= 1 && run.server.requests.get() >= 1, run.console);
        assertTrue(run.console.contains("dhcp-client: second thread: net_init 0\n"), run.console);
    }

    @Test
    void aNakIsAClearErrorAfterEveryRoundIsRefused() throws Exception {
        Outcome run = runAgainst(FakeDhcpServer.Behaviour.NAK);
        assertEquals(VmExit.terminated(1), run.exit, run.console);
        assertTrue(run.console.contains(
            "dhcp-client: net_init -100 after "), run.console);
        assertTrue(Pattern.compile(": DHCP: server 192\\.168\\.77\\.1 refused our DHCPREQUEST \\(DHCPNAK\\) [1-4] "
            + "time\\(s\\)\n").matcher(run.console).find(), run.console);
        assertTrue(run.console.contains("dhcp-client: second thread: net_init -100\n"), run.console);
        assertTrue(run.console.contains("dhcp-client: again: net_init -100\n"), run.console);
        assertTrue(run.server.requests.get() >= 1 && run.server.requests.get() <= 4, "one REQUEST per round");
    }

    @Test
    void malformedRepliesAreIgnoredAndEndInATimeoutMessage() throws Exception {
        Outcome run = runAgainst(FakeDhcpServer.Behaviour.MALFORMED);
        assertEquals(VmExit.terminated(1), run.exit, run.console);
        Matcher m = Pattern.compile("net_init -100 after (\\d+) ms: DHCP: no DHCPOFFER to 4 DHCPDISCOVERs in "
            + "\\S+ s \\(ignored (\\d+) malformed or foreign replies\\); no DHCP server on the LAN\\?").matcher(run.console);
        assertTrue(m.find(), run.console);
        // three bad replies to each of the four DISCOVERs; those arriving after the last round are not seen
        int ignored = Integer.parseInt(m.group(2));
        assertTrue(ignored >= 3 && ignored <= 12, "ignored " + ignored);
        assertEquals(4, run.server.discovers.get());
        assertEquals(0, run.server.requests.get());
    }

    @Test
    void withoutAnyServerNetInitGivesUpWithinTheRetrySchedule() throws Exception {
        Outcome run = runAgainst(null);
        assertEquals(VmExit.terminated(1), run.exit, run.console);
        Matcher m = Pattern.compile("net_init -100 after (\\d+) ms: DHCP: no DHCPOFFER to 4 DHCPDISCOVERs")
            .matcher(run.console);
        assertTrue(m.find(), run.console);
        int ms = Integer.parseInt(m.group(1));
        // 0.5 + 1 + 2 + 2 s of guest time: neither an instant give-up nor a hang (generous for loaded machines)
        assertTrue(ms >= 5500 && ms < 30000, "gave up after " + ms + " ms");
    }

    private record Outcome(VmExit exit, String console, FakeDhcpServer server) {
    }

    /** One DHCP-client VM on a LAN with a fake server of the given behaviour (null: no server at all). */
    private Outcome runAgainst(FakeDhcpServer.Behaviour behaviour) throws Exception {
        Kernel kernel = new Kernel(KernelConfig.defaults(), InHeapMemoryManager.unlimited());
        LocalNetwork lan = new LocalNetwork();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        VirtualMachine vm = kernel.instantiate(GuestImage.parse(Files.readAllBytes(buildClient())),
            VmConfig.defaults(), console, List.of(lan));
        FakeDhcpServer server = behaviour == null ? null : new FakeDhcpServer(lan.lan(), behaviour);
        try {
            kernel.run();
        } finally {
            if (server != null) {
                server.close();
            }
        }
        return new Outcome(vm.exit(), console.toString(StandardCharsets.UTF_8), server);
    }

    private Path buildClient() throws Exception {
        Path project = dir.resolve("dhcp-client");
        if (!Files.exists(project.resolve("build"))) {
            Files.createDirectories(project);
            for (String name : List.of("dhcp_client.c", "denali.properties")) {
                try (var in = DhcpClientTest.class.getResourceAsStream("/net/dhcp-client/" + name)) {
                    Files.write(project.resolve(name), in.readAllBytes());
                }
            }
        }
        BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(project));
        assertTrue(result.succeeded() && result.diagnostics().isEmpty(), result.diagnostics().toString());
        return result.image();
    }

    private static Set<String> hostAddresses() throws IOException {
        return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
            .filter(a -> a instanceof Inet4Address).map(a -> a.getHostAddress()).collect(Collectors.toSet());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
