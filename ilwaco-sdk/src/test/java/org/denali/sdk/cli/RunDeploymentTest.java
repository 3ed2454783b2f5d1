package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.denali.sdk.templates.ProjectTemplates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code denali run FILE.denali}: the deployment's own validation, then its VMs on the kernel. */
class RunDeploymentTest {
    @TempDir
    Path dir;

    private CliSession cli;

    @BeforeEach
    void session() {
        cli = CliSession.runOnly(dir);
    }

    private void buildHello() throws Exception {
        Path project = dir.resolve("hello");
        ProjectTemplates.instantiate(ProjectTemplates.find("hello").orElseThrow(), project, "hello");
        BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(project));
        assertTrue(result.succeeded(), result.diagnostics().toString());
    }

    @Test
    void runsEveryVmOfTheDeploymentWithPrefixedConsoles() throws Exception {
        buildHello();
        Files.writeString(dir.resolve("trio.denali"), """
            deployment trio {
                kernel { clock deterministic }
                vm greeter {
                    image "hello/hello.elf"
                    count 3
                    memory 4 MiB
                }
            }
            """);
        assertEquals(0, cli.denali("run", "trio.denali"), cli.err());
        String console = cli.out();
        for (int i = 0; i < 3; i++) {
            assertTrue(console.contains("[greeter#" + i + "] Hello from hello on Denali VM"), console);
        }
        assertTrue(console.contains("with 4096 KiB of memory"), "the group's memory reaches the VM: " + console);
    }

    /** Denali Studio runs deployments as a kernel process with the monitor (live views) and the GDB stub. */
    @Test
    void aDeploymentServesTheMonitorAndTheGdbStubWhenAsked() throws Exception {
        buildHello();
        Files.writeString(dir.resolve("duo.denali"), """
            deployment duo {
                kernel { clock deterministic }
                vm greeter { image "hello/hello.elf" count 2 memory 4 MiB }
            }
            """);
        assertEquals(0, cli.denali("run", "duo.denali", "--monitor", "0", "--gdb", "0"), cli.err());
        assertTrue(cli.err().contains("denali run: monitor on localhost:"), cli.err());
        assertTrue(cli.err().contains("denali run: gdb server on localhost:"), cli.err());
        assertTrue(cli.out().contains("[greeter#1] Hello from hello on Denali VM"), cli.out());
    }

    /**
     * {@code forward udp H -> web[1]:7} through a real passt: the host's datagram reaches web#1 (not web#0, though
     * both listen on port 7 of the same LAN), its answer comes back to the host, and web#1 can still talk to web#0
     * on the LAN (it tells it to stop, so the run ends).
     */
    @Test
    void aForwardReachesItsVmThroughPasstAndTheLanStillWorks() throws Exception {
        Path project = dir.resolve("once");
        Files.createDirectories(project);
        Files.writeString(project.resolve("once.c"), """
            #include <ilwaco/net.h>
            #include <stdio.h>
            #include <string.h>

            int main(void)
            {
                char buf[256], me[16], peer[16], reply[320];
                if (net_init() < 0) {
                    return 1;
                }
                int s = udp_bind(7);
                ip4_addr_t sibling = net_address() ^ IP4_ADDR(0, 0, 0, 1); /* .10 <-> .11 */
                for (;;) {
                    ip4_addr_t from;
                    uint16_t port;
                    int n = udp_recvfrom(s, buf, sizeof buf - 1, &from, &port, NET_WAIT_FOREVER);
                    if (n < 0) {
                        return 2;
                    }
                    buf[n] = 0;
                    printf("got '%s' from %s\\n", buf, ip4_format(from, peer));
                    if (strcmp(buf, "stop") == 0) {
                        /* from the host: pass it on to the sibling over the LAN, then end */
                        return from == sibling || udp_sendto(s, sibling, 7, "stop", 4) >= 0 ? 0 : 3;
                    }
                    int len = snprintf(reply, sizeof reply, "%s says %s", ip4_format(net_address(), me), buf);
                    udp_sendto(s, from, port, reply, (size_t)len);
                }
            }
            """);
        BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(project));
        assertTrue(result.succeeded(), result.diagnostics().toString());
        int hostPort;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            hostPort = probe.getLocalPort(); // a free UDP port for passt to bind
        }
        Files.writeString(dir.resolve("pair.denali"), """
            deployment pair {
                network {
                    forward udp %d -> web[1]:7
                    pcap "pair.pcap"
                }
                vm web {
                    image "%s"
                    count 2
                    memory 4 MiB
                    nic {
                        ip 10.0.0.10/24
                        gateway 10.0.0.1
                    }
                }
            }
            """.formatted(hostPort, dir.relativize(result.image())));
        Thread run = new Thread(() -> cli.denali("run", "pair.denali"), "denali-run-pair");
        run.setDaemon(true);
        run.start();
        String answer = null;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(500);
            InetAddress host = InetAddress.getLoopbackAddress();
            byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
            long deadline = System.nanoTime() + 60_000_000_000L; // passt and the guests start meanwhile
            while (answer == null && run.isAlive() && System.nanoTime() < deadline) {
                socket.send(new DatagramPacket(hello, hello.length, host, hostPort));
                DatagramPacket packet = new DatagramPacket(new byte[512], 512);
                try {
                    socket.receive(packet);
                    answer = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
                } catch (SocketTimeoutException e) {
                    // not up yet: send again
                }
            }
            // Only now may the guests end: web#1 passes "stop" on to web#0 over the LAN.
            byte[] stop = "stop".getBytes(StandardCharsets.US_ASCII);
            while (run.isAlive() && System.nanoTime() < deadline) {
                socket.send(new DatagramPacket(stop, stop.length, host, hostPort));
                run.join(500);
            }
        }
        run.join(60_000);
        assertEquals("10.0.0.11 says hello", answer, cli.out() + cli.err());
        assertTrue(!run.isAlive(), "the host stopped web#1, web#1 stopped web#0 over the LAN\n" + cli.out());
        String console = cli.out();
        assertTrue(console.contains("[web#0] got 'stop' from 10.0.0.11"), console);
        assertTrue(console.matches("(?s).*\\[web#1\\] got 'hello' from 10\\.0\\.0\\.1\\b.*"), console);
    }

    @Test
    void aDeploymentWithErrorsIsReportedLikeCheckAndNotRun() throws Exception {
        Files.writeString(dir.resolve("bad.denali"), """
            deployment bad {
                vm web {
                    image "missing.elf"
                    count 2
                    memory 5 GiB
                }
            }
            """);
        assertEquals(1, cli.denali("run", "bad.denali"));
        String errors = cli.err();
        assertTrue(errors.contains("bad.denali:5:"), errors);
        assertTrue(errors.contains("error:"), errors);
        assertTrue(errors.contains("has errors; nothing was run"), errors);
        assertEquals("", cli.out());
    }

    @Test
    void flagsAreRefusedWithADeploymentAndAMissingFileIsOneLine() {
        assertEquals(2, cli.denali("run", "farm.denali", "--count", "2"));
        assertTrue(cli.err().contains("only --gdb PORT, --wait, --monitor PORT and --kernel NAME go with it, not "
            + "--count"), cli.err());
        cli.clear();
        assertEquals(2, cli.denali("run", "farm.denali", "--wait"));
        assertTrue(cli.err().contains("--wait needs --gdb PORT"), cli.err());
        cli.clear();
        assertEquals(1, cli.denali("run", "nope.denali"));
        assertTrue(cli.err().contains("nope.denali: no such file"), cli.err());
    }
}
