package org.denali.sdk.cli;

import static org.denali.sdk.cli.HostCommands.inNamespace;
import static org.denali.sdk.cli.HostCommands.quietly;
import static org.denali.sdk.cli.HostCommands.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridging recipes of docs/networking.md, run for real: one kernel with examples/httpd, its LAN linked over
 * VXLAN to two peers, each in a network namespace reached over a veth pair from the root namespace (where the
 * kernel's endpoint listens).
 * <ul>
 * <li>A <b>Linux bridge</b>: namespace "bridge" holds a {@code vxlan} interface and the end of a second veth pair
 * as the ports of {@code br0}; namespace "client", a machine on that bridge, fetches from the guest with curl. So
 * the guest and another host share one Ethernet through the bridge.</li>
 * <li><b>Open vSwitch</b>: namespace "ovs" runs ovs-vswitchd (its own database and sockets in a temporary
 * directory) with a VXLAN port on bridge {@code br-denali}; curl fetches from the guest over its internal port.
 * The bridges use the userspace datapath ({@code datapath_type=netdev}): it needs no {@code openvswitch} kernel
 * module, which this kernel (and many CI machines) lacks. Userspace tunnels need the underlay's address on an OVS
 * bridge ({@code br-phy}), datagrams with full checksums (the host end's offload off) and an underlay MTU that
 * carries a 1,550-byte datagram whole (it does not reassemble fragments).</li>
 * </ul>
 * Needs root, iproute2, ethtool and openvswitch-switch; without them it fails saying so, it does not skip.
 */
class VxlanBridgesTest {
    private static final int VNI = 4242;
    private static final String SUFFIX = Long.toString(ProcessHandle.current().pid() % 100000);
    private static final int PORT = 5790 + (int) (ProcessHandle.current().pid() % 1000);
    private static final String GUEST = "10.78.0.10";
    /** The Linux bridge side: namespace, veth to the host, its addresses. */
    private static final String BRIDGE_NS = "denali-br" + SUFFIX;
    private static final String CLIENT_NS = "denali-bc" + SUFFIX;
    private static final String BRIDGE_HOST_SIDE = "dbh" + SUFFIX;
    private static final String BRIDGE_UNDERLAY = "172.31.248.1";
    private static final String BRIDGE_PEER = "172.31.248.2";
    /** The Open vSwitch side. */
    private static final String OVS_NS = "denali-ovs" + SUFFIX;
    private static final String OVS_HOST_SIDE = "doh" + SUFFIX;
    private static final String OVS_UNDERLAY = "172.31.249.1";
    private static final String OVS_PEER = "172.31.249.2";

    @TempDir
    static Path dir;
    static Path ovsDir;
    static KeyboardFeed keyboard;
    static ExecutorService runner;
    static Future<Integer> run;
    static CliSession cli;

    @BeforeAll
    static void linkAGuestToALinuxBridgeAndOpenVswitch() throws Exception {
        Path project = ExampleProjects.buildExample("httpd", dir);
        linuxBridge();
        openVswitch();

        keyboard = new KeyboardFeed();
        cli = new CliSession(dir, List.of(new RunCommand(keyboard)));
        runner = Executors.newSingleThreadExecutor();
        // the kernel's endpoint listens on both underlays' host addresses (any address), one peer on each
        run = runner.submit(() -> cli.denali("run", project.resolve("httpd.elf").toString(), "--ip", GUEST + "/24",
            "--vxlan", "0.0.0.0:" + PORT, "--vxlan-peer", BRIDGE_PEER + ":" + PORT + "," + OVS_PEER + ":" + PORT,
            "--vni", Integer.toString(VNI)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!cli.out().contains("httpd: listening on ")) {
            if (run.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("httpd did not start: " + cli.out() + cli.err());
            }
            Thread.sleep(50); // polling the console for the startup line, with a deadline
        }
    }

    /** docs/networking.md's Linux bridge: vx0 and a veth to another machine ("client") as ports of br0. */
    private static void linuxBridge() throws Exception {
        sh("ip", "netns", "add", BRIDGE_NS);
        sh("ip", "netns", "add", CLIENT_NS);
        underlay(BRIDGE_NS, BRIDGE_HOST_SIDE, BRIDGE_UNDERLAY, BRIDGE_PEER);
        inNamespace(BRIDGE_NS, "ip", "link", "add", "vx0", "type", "vxlan", "id", Integer.toString(VNI), "dstport",
            Integer.toString(PORT), "remote", BRIDGE_UNDERLAY, "local", BRIDGE_PEER, "dev", "uplink");
        inNamespace(BRIDGE_NS, "ethtool", "-K", "vx0", "tx", "off"); // inner checksums in software (see the docs)
        inNamespace(BRIDGE_NS, "ip", "link", "add", "br0", "type", "bridge");
        inNamespace(BRIDGE_NS, "ip", "link", "set", "vx0", "master", "br0");
        inNamespace(BRIDGE_NS, "ip", "link", "add", "port1", "type", "veth", "peer", "name", "eth0", "netns",
            CLIENT_NS);
        inNamespace(BRIDGE_NS, "ip", "link", "set", "port1", "master", "br0");
        for (String link : List.of("vx0", "port1", "br0")) {
            inNamespace(BRIDGE_NS, "ip", "link", "set", link, "up");
        }
        inNamespace(CLIENT_NS, "ip", "link", "set", "lo", "up");
        inNamespace(CLIENT_NS, "ip", "addr", "add", "10.78.0.2/24", "dev", "eth0");
        inNamespace(CLIENT_NS, "ip", "link", "set", "eth0", "up");
    }

    /** docs/networking.md's Open vSwitch: a VXLAN port on br-denali, in the userspace datapath. */
    private static void openVswitch() throws Exception {
        sh("ip", "netns", "add", OVS_NS);
        underlay(OVS_NS, OVS_HOST_SIDE, OVS_UNDERLAY, OVS_PEER);
        // the underlay carries a 1,550-byte VXLAN datagram whole: OVS's userspace tunnels do not reassemble
        sh("ip", "link", "set", OVS_HOST_SIDE, "mtu", "1600");
        inNamespace(OVS_NS, "ip", "link", "set", "uplink", "mtu", "1600");
        inNamespace(OVS_NS, "ip", "addr", "flush", "dev", "uplink"); // its address moves to br-phy
        ovsDir = Files.createDirectories(dir.resolve("ovs"));
        sh("ovsdb-tool", "create", ovsDir.resolve("conf.db").toString(),
            "/usr/share/openvswitch/vswitch.ovsschema");
        ovs("ovsdb-server", ovsDir.resolve("conf.db").toString(), "--remote=punix:" + ovsDir.resolve("db.sock"),
            "--pidfile=" + ovsDir.resolve("ovsdb-server.pid"), "--detach",
            "--log-file=" + ovsDir.resolve("ovsdb-server.log"));
        vsctl("--no-wait", "init");
        ovs("ip", "netns", "exec", OVS_NS, "ovs-vswitchd", "unix:" + ovsDir.resolve("db.sock"),
            "--pidfile=" + ovsDir.resolve("ovs-vswitchd.pid"), "--detach",
            "--log-file=" + ovsDir.resolve("ovs-vswitchd.log"));
        vsctl("add-br", "br-phy", "--", "set", "bridge", "br-phy", "datapath_type=netdev");
        vsctl("add-port", "br-phy", "uplink", "--", "set", "interface", "uplink", "mtu_request=1600", "--", "set",
            "interface", "br-phy", "mtu_request=1600");
        inNamespace(OVS_NS, "ip", "addr", "add", OVS_PEER + "/30", "dev", "br-phy");
        inNamespace(OVS_NS, "ip", "link", "set", "br-phy", "up");
        vsctl("add-br", "br-denali", "--", "set", "bridge", "br-denali", "datapath_type=netdev");
        vsctl("add-port", "br-denali", "vx42", "--", "set", "interface", "vx42", "type=vxlan",
            "options:remote_ip=" + OVS_UNDERLAY, "options:key=" + VNI, "options:dst_port=" + PORT);
        inNamespace(OVS_NS, "ip", "addr", "add", "10.78.0.3/24", "dev", "br-denali");
        inNamespace(OVS_NS, "ip", "link", "set", "br-denali", "up");
        inNamespace(OVS_NS, "ethtool", "-K", "br-denali", "tx", "off");
    }

    /** A veth pair from the root namespace (address {@code host}) to {@code namespace}'s "uplink" ({@code peer}). */
    private static void underlay(String namespace, String hostSide, String host, String peer) throws Exception {
        sh("ip", "link", "add", hostSide, "type", "veth", "peer", "name", "uplink", "netns", namespace);
        sh("ip", "addr", "add", host + "/30", "dev", hostSide);
        // the kernel's datagrams leave with their UDP checksum computed, not left to an offload a veth never does
        sh("ethtool", "-K", hostSide, "tx", "off");
        sh("ip", "link", "set", hostSide, "up");
        inNamespace(namespace, "ip", "link", "set", "lo", "up");
        inNamespace(namespace, "ip", "addr", "add", peer + "/30", "dev", "uplink");
        inNamespace(namespace, "ip", "link", "set", "uplink", "up");
    }

    private static void vsctl(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 3];
        command[0] = "ovs-vsctl";
        command[1] = "--db=unix:" + ovsDir.resolve("db.sock");
        command[2] = "--timeout=30";
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        ovs(command);
    }

    /** An Open vSwitch command with its run directory (control sockets) in the test's own directory. */
    private static void ovs(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        for (String variable : List.of("OVS_RUNDIR", "OVS_DBDIR", "OVS_LOGDIR", "OVS_SYSCONFDIR")) {
            env.put(variable, ovsDir.toString());
        }
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            throw new AssertionError(command[0] + " is missing (VxlanBridgesTest needs openvswitch-switch, which "
                + "releng/ensure-packages installs): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed: " + out);
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
        if (ovsDir != null) {
            for (String daemon : List.of("ovs-vswitchd", "ovsdb-server")) { // the two daemons this test started
                Path pidFile = ovsDir.resolve(daemon + ".pid");
                if (Files.exists(pidFile)) {
                    quietly("kill", Files.readString(pidFile).strip());
                }
            }
        }
        for (String namespace : List.of(CLIENT_NS, BRIDGE_NS, OVS_NS)) {
            quietly("ip", "netns", "del", namespace); // with their ends of the veth pairs, bridges and vxlan
        }
        quietly("ip", "link", "del", BRIDGE_HOST_SIDE);
        quietly("ip", "link", "del", OVS_HOST_SIDE);
    }

    @Test
    void aMachineOnALinuxBridgeFetchesFromTheGuest() throws Exception {
        fetchFrom(CLIENT_NS);
    }

    @Test
    void openVswitchFetchesFromTheGuest() throws Exception {
        fetchFrom(OVS_NS);
    }

    private static void fetchFrom(String namespace) throws Exception {
        String hello = inNamespace(namespace, "curl", "-s", "--max-time", "30", "http://" + GUEST + "/hello.txt");
        assertTrue(hello.contains("Denali guest"), hello);
        String big = inNamespace(namespace, "curl", "-s", "--max-time", "60", "-o", "/dev/null", "-w",
            "%{http_code} %{size_download}", "http://" + GUEST + "/big.txt");
        assertEquals("200 1048576", big, "a mebibyte crosses the bridge and the VXLAN link intact in size");
    }
}
