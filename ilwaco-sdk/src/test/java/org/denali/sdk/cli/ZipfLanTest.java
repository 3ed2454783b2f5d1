package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/zipf-lan/lan.denali: three kernel processes on 127.0.0.1 (two of 4 httpd VMs each, one with the load
 * generator) whose LANs are one over VXLAN. {@code denali run lan.denali} starts them, the generator reaches all eight
 * servers across the link with 0 errors, the server kernels stop when the generator's kernel has ended, each prints
 * its summary with its link's counters (nothing dropped), and the exit status is 0. The deployment's bad inputs and
 * {@code denali run IMAGE --vxlan …}'s are clear errors.
 */
class ZipfLanTest {
    @TempDir
    Path dir;

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void threeKernelsServeTheZipfWorkloadAcrossTheLinkAndEndTogether() throws Exception {
        ExampleProjects.buildExample("httpd", dir);
        ExampleProjects.buildExample("loadgen", dir);
        String shipped = Files.readString(ExampleProjects.repositoryRoot().resolve("examples/zipf-lan/lan.denali"));
        String scaled = shipped.replace("127.0.0.1:4800", "127.0.0.1:" + freeUdpPort())
            .replace("127.0.0.1:4801", "127.0.0.1:" + freeUdpPort())
            .replace("127.0.0.1:4802", "127.0.0.1:" + freeUdpPort())
            .replace("duration 60 s", "duration 30 s");
        assertTrue(!scaled.contains(":480") && scaled.contains("duration 30 s"), "the example changed shape: "
            + shipped);
        Path lan = Files.createDirectories(dir.resolve("zipf-lan"));
        Files.writeString(lan.resolve("lan.denali"), scaled);

        CliSession cli = new CliSession(dir);
        int status = cli.denali("run", lan.resolve("lan.denali").toString());
        String console = cli.out();
        String err = cli.err();
        System.out.println(err);

        assertTrue(err.contains("denali run: 3 kernels started, one LAN over VXLAN (VNI 100)"), err);
        assertTrue(console.contains("[loadgen#0] loadgen: 8 servers"), console);
        assertTrue(console.contains("loadgen: errors: 0 connect, 0 http, 0 body, 0 broken"), console);
        Matcher workload = Pattern.compile("denali run: kernel clients: workload zipf_mix: ([0-9,]+) requests, 0 "
            + "errors, [0-9.]+ requests/s over [0-9.]+ s of guest time; latency p50 [0-9,]+ µs").matcher(err);
        assertTrue(workload.find(), err);
        assertTrue(Integer.parseInt(workload.group(1).replace(",", "")) > 0, err);
        assertTrue(Pattern.compile("kernel clients: workload zipf_mix: share per server: httpd_a#0 [0-9.]+% .* "
            + "httpd_b#3 [0-9.]+%").matcher(err).find(), "the remote servers are named: " + err);
        for (String servers : new String[] {"servers_a", "servers_b"}) {
            assertTrue(err.contains("denali run: kernel " + servers + ": 4 VM(s) still serving were stopped: the "
                + "workload ended"), err);
        }
        for (String kernel : new String[] {"servers_a", "servers_b", "clients"}) {
            Matcher link = Pattern.compile("denali run: kernel " + kernel + ": VXLAN ([0-9,]+) datagrams sent, "
                + "([0-9,]+) frames received, 0 dropped").matcher(err);
            assertTrue(link.find(), kernel + ": " + err);
            assertTrue(!link.group(1).equals("0") && !link.group(2).equals("0"), kernel + " used the link: " + err);
            assertTrue(err.contains("denali run: kernel " + kernel + " exited with status 0"), err);
            assertTrue(Files.size(lan.resolve("build/lan-" + kernel + ".pcap")) > 24, "each kernel's own capture");
        }
        assertEquals(0, status, err);
    }

    @Test
    void badLinkSettingsAreClearErrors() throws Exception {
        Files.writeString(dir.resolve("two.denali"), """
            deployment two {
                kernel a { vxlan 127.0.0.1:4890 }
                kernel b { vxlan 127.0.0.1:4891 }
                vm web on a { image "missing.elf" }
            }
            """);
        CliSession cli = CliSession.runOnly(dir);
        assertEquals(1, cli.denali("run", "two.denali", "--kernel", "c"));
        assertTrue(cli.err().contains("denali run: two.denali: no kernel c in deployment two; its kernels are a, b"),
            cli.err());
        cli.clear();
        assertEquals(2, cli.denali("run", "two.denali", "--vxlan", "127.0.0.1"));
        assertTrue(cli.err().contains("only --gdb PORT, --wait, --monitor PORT, --kernel NAME and --record FILE go "
            + "with it, not --vxlan"), cli.err());

        String[][] cases = {
            {"--vxlan", "127.0.0.1:70000", "--vxlan-peer", "127.0.0.1"},
            {"--vxlan", "127.0.0.1", "--vxlan-peer", "127.0.0.1:x"},
            {"--vxlan", "127.0.0.1:4789", "--vxlan-peer", "127.0.0.1:4790", "--vni", "16777216"},
            {"--vxlan", "127.0.0.1:4789", "--vxlan-peer", "127.0.0.1:4789"},
            {"--vxlan", "127.0.0.1:4789"},
            {"--vni", "5"},
            {"--vxlan", "127.0.0.1", "--vxlan-peer", "no-such-host.invalid"},
            {"--vxlan", "127.0.0.1", "--vxlan-peer", "127.0.0.2", "--deterministic"},
        };
        String[] messages = {
            "denali run: --vxlan 127.0.0.1:70000: the UDP port must be in 0..65535",
            "denali run: --vxlan-peer 127.0.0.1:x: the UDP port must be in 1..65535",
            "denali run: --vni expects a VXLAN network identifier 0..16777215, not '16777216'",
            "denali run: VXLAN peer 127.0.0.1:4789 is this endpoint itself",
            "denali run: --vxlan needs --vxlan-peer HOST[:PORT][,...]: the endpoints frames are sent to",
            "denali run: --vxlan-peer and --vni need --vxlan LOCAL[:PORT], the endpoint this kernel listens on",
            "denali run: --vxlan-peer no-such-host.invalid: unknown host no-such-host.invalid",
            "denali run: --vxlan cannot go with --deterministic: a deterministic kernel skips idle time, but frames "
                + "from its peers arrive in real time",
        };
        for (int i = 0; i < cases.length; i++) {
            cli.clear();
            String[] args = new String[cases[i].length + 2];
            args[0] = "run";
            args[1] = "guest.elf";
            System.arraycopy(cases[i], 0, args, 2, cases[i].length);
            assertEquals(2, cli.denali(args), cli.err());
            assertEquals(messages[i], cli.err().strip());
        }
    }
}
