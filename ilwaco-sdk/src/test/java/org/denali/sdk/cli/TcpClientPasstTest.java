package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest as a TCP client of a java.net.ServerSocket on the host, through a real passt: the guest dials the
 * default gateway's address, which passt maps to the host (src/test/resources/net/tcp-client). A connect to a
 * closed host port is refused; a greeting, 256 KB each way and the closes go through; the capture is clean.
 */
class TcpClientPasstTest {
    private static final int BULK = 256 * 1024;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theGuestConnectsToAHostServerThroughPasst() throws Exception {
        TcpTestSupport.PasstHost host = TcpTestSupport.PasstHost.discover();
        int serverPort;
        int closedPort = TcpTestSupport.freePort();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(180_000);
            serverPort = server.getLocalPort();
            String target = "#define SERVER_IP \"" + host.gateway() + "\"\n#define SERVER_PORT " + server.getLocalPort()
                + "\n#define CLOSED_PORT " + closedPort + "\n";
            Path image = TcpTestSupport.buildTestGuest(dir, "tcp-client", Map.of("target.h", target));
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> serve(server));

            String console;
            try (TcpTestSupport.BackgroundRun run = new TcpTestSupport.BackgroundRun(dir, "run", image.toString(),
                    "--net", "passt:" + TcpTestSupport.freePort() + ":7", "--ip", host.guestCidr(), "--pcap",
                    "client.pcap")) {
                int code = run.awaitExit(Duration.ofMinutes(5));
                console = run.out();
                assertEquals(0, code, console + run.err());
            }
            assertEquals("greeting 'hello from the guest', upload " + BULK + " bytes, download sent, guest closed",
                serverSide.get(1, TimeUnit.MINUTES));
            assertTrue(console.contains("client: port " + closedPort + ": connection refused\n"), console);
            assertTrue(console.contains("client: server says 'hello guest, you are 127.0.0.1'\n"), console);
            assertTrue(console.contains("(matches)\n"), console);
            assertTrue(console.contains("client: received " + BULK + " bytes, 0 wrong, then end of stream\n"), console);
            assertTrue(console.contains("client: 0 bad checksums\nclient: done\n"), console);
        }
        Path pcap = dir.resolve("client.pcap");
        assertEquals("", TcpTestSupport.badFrames(pcap), "no malformed frames or bad checksums");
        assertEquals(1, TcpTestSupport.count(pcap, "tcp.flags.syn == 1 && tcp.flags.ack == 0 && ip.src == "
            + host.guestAddress() + " && tcp.dstport == " + serverPort + " && !tcp.analysis.retransmission"), "one connection to the server");
        assertTrue(TcpTestSupport.count(pcap, "tcp.flags.reset == 1 && tcp.srcport == " + closedPort) >= 1,
            "passt refused the closed port with a reset");
        assertTrue(TcpTestSupport.count(pcap, "tcp.checksum.status == \"Good\" && ip.src == " + host.guestAddress())
            > 150, "tshark verified the guest's TCP checksums");
    }

    /** The host server's side: what it saw, as one line, or the failure. */
    private static String serve(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(120_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String greeting = readLine(in);
            out.write(("hello guest, you are " + socket.getInetAddress().getHostAddress() + "\n")
                .getBytes(StandardCharsets.US_ASCII));
            byte[] upload = in.readNBytes(BULK);
            long sum = 0;
            for (byte b : upload) {
                sum += b & 0xFF;
            }
            out.write(("got " + upload.length + " bytes sum " + (sum & 0xFFFFFFFFL) + "\n").getBytes(StandardCharsets.US_ASCII));
            byte[] download = new byte[BULK];
            for (int i = 0; i < BULK; i++) {
                download[i] = (byte) (i * 131 + (i >>> 9));
            }
            out.write(download);
            socket.shutdownOutput();
            boolean closed = in.read() == -1;
            return "greeting '" + greeting + "', upload " + upload.length + " bytes, download sent, "
                + (closed ? "guest closed" : "guest sent more");
        } catch (Exception e) {
            return "server failed: " + e;
        }
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n' && c >= 0) {
            line.write(c);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
