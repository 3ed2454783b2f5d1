package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Denali LAN bridged to Linux's own VXLAN: a network namespace whose {@code vx0} is a Linux {@code vxlan}
 * interface (reached over a veth pair from the root namespace, where the kernel's endpoint listens), and
 * examples/httpd on the kernel, linked with {@code denali run httpd.elf --vxlan … --vxlan-peer … --vni …}. curl in the
 * namespace fetches documents from the guest; tshark, told the non-default port carries VXLAN, decodes our
 * datagrams as VXLAN with our VNI around the guest's HTTP answers. It needs root (network namespaces): CI runs as
 * root, and without it the test fails saying so, it does not skip. tshark also checks the inner checksums.
 */
class VxlanLinuxTest {
    private static final int VNI = 7348;
    private static final int PORT = 4790 + (int) (ProcessHandle.current().pid() % 1000);
    private static final String SUFFIX = Long.toString(ProcessHandle.current().pid() % 100000);
    private static final String NAMESPACE = "denali-vx" + SUFFIX;
    private static final String HOST_SIDE = "dvh" + SUFFIX;
    private static final String NS_SIDE = "dvn" + SUFFIX;
    private static final String HOST_ADDRESS = "172.31.250.1";
    private static final String NS_ADDRESS = "172.31.250.2";
    private static final String GUEST = "10.77.0.10";

    @TempDir
    static Path dir;
    static KeyboardFeed keyboard;
    static CliSession cli;
    static ExecutorService runner;
    static Future<Integer> run;
    static boolean namespaceMade;

    @BeforeAll
    static void linkAGuestToALinuxVxlan() throws Exception {
        Path project = ExampleProjects.buildExample("httpd", dir);
        sh("ip", "netns", "add", NAMESPACE);
        namespaceMade = true;
        sh("ip", "link", "add", HOST_SIDE, "type", "veth", "peer", "name", NS_SIDE, "netns", NAMESPACE);
        sh("ip", "addr", "add", HOST_ADDRESS + "/30", "dev", HOST_SIDE);
        sh("ip", "link", "set", HOST_SIDE, "up");
        inNamespace("ip", "link", "set", "lo", "up");
        inNamespace("ip", "addr", "add", NS_ADDRESS + "/30", "dev", NS_SIDE);
        inNamespace("ip", "link", "set", NS_SIDE, "up");
        inNamespace("ip", "link", "add", "vx0", "type", "vxlan", "id", Integer.toString(VNI), "dstport",
            Integer.toString(PORT), "remote", HOST_ADDRESS, "local", NS_ADDRESS, "dev", NS_SIDE);
        inNamespace("ip", "addr", "add", "10.77.0.1/24", "dev", "vx0");
        // Linux leaves the inner TCP/UDP checksum to the NIC (offload); a veth never computes it, so the guest,
        // which checks every checksum, would drop each segment: have vx0 compute it in software
        inNamespace("ethtool", "-K", "vx0", "tx", "off");
        inNamespace("ip", "link", "set", "vx0", "up");

        keyboard = new KeyboardFeed();
        cli = new CliSession(dir, List.of(new RunCommand(keyboard)));
        runner = Executors.newSingleThreadExecutor();
        run = runner.submit(() -> cli.denali("run", project.resolve("httpd.elf").toString(), "--ip", GUEST + "/24",
            "--vxlan", HOST_ADDRESS + ":" + PORT, "--vxlan-peer", NS_ADDRESS + ":" + PORT, "--vni",
            Integer.toString(VNI)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!cli.out().contains("httpd: listening on ")) {
            if (run.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("httpd did not start: " + cli.out() + cli.err());
            }
            Thread.sleep(50); // polling the console for the startup line, with a deadline
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (run != null && !run.isDone()) {
            keyboard.type("q");
            run.get(60, TimeUnit.SECONDS);
        }
        if (runner != null) {
            runner.shutdownNow();
        }
        if (namespaceMade) {
            sh("ip", "netns", "del", NAMESPACE); // takes vx0 and the namespace's end of the veth pair with it
            HostCommands.quietly("ip", "link", "del", HOST_SIDE); // gone already, or now
        }
    }

    @Test
    void curlInTheNamespaceFetchesFromTheGuestAndTsharkSeesVxlan() throws Exception {
        Path capture = dir.resolve("vxlan.pcap");
        Process tshark = new ProcessBuilder("tshark", "-i", HOST_SIDE, "-f", "udp port " + PORT, "-w",
            capture.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder tsharkErr = new StringBuilder();
        try (var err = tshark.errorReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = err.readLine()) != null && !line.contains("Capturing on")) {
                tsharkErr.append(line).append('\n');
            }
            assertTrue(line != null, "tshark did not start capturing: " + tsharkErr);

            String hello = inNamespace("curl", "-s", "--max-time", "30", "http://" + GUEST + "/hello.txt");
            assertTrue(hello.contains("Denali guest"), hello);
            String big = inNamespace("curl", "-s", "--max-time", "60", "-o", "/dev/null", "-w",
                "%{http_code} %{size_download}", "http://" + GUEST + "/big.txt");
            assertEquals("200 1048576", big, "a mebibyte crosses the Linux vxlan intact in size");
        } finally {
            Thread.sleep(1500); // the last datagrams reach the capture
            tshark.destroy();
            tshark.waitFor(30, TimeUnit.SECONDS);
        }

        String ours = sh("tshark", "-r", capture.toString(), "-d", "udp.port==" + PORT + ",vxlan", "-Y",
            "ip.src==" + HOST_ADDRESS, "-T", "fields", "-e", "vxlan.vni", "-e", "vxlan.flags");
        List<String> lines = ours.lines().toList();
        assertTrue(lines.size() >= 100, "our datagrams, the mebibyte among them: " + lines.size());
        for (String line : lines) {
            assertEquals(VNI + "\t0x0800", line, "VNI and flags (tshark reads 16 bits: only I) of our headers");
        }
        String answers = sh("tshark", "-r", capture.toString(), "-d", "udp.port==" + PORT + ",vxlan", "-Y",
            "ip.src==" + HOST_ADDRESS + " && vxlan && http.response.code==200", "-T", "fields", "-e", "ip.src");
        assertTrue(!answers.isBlank(), "tshark finds the guest's HTTP 200 inside our VXLAN datagrams");
        String malformed = sh("tshark", "-r", capture.toString(), "-d", "udp.port==" + PORT + ",vxlan",
            "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-Y",
            "_ws.malformed || _ws.expert.severity == error");
        assertEquals("", malformed.strip(), "no malformed packet either way");
    }

    private static String inNamespace(String... command) throws IOException, InterruptedException {
        return HostCommands.inNamespace(NAMESPACE, command);
    }

    private static String sh(String... command) throws IOException, InterruptedException {
        return HostCommands.sh(command);
    }
}
