package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/echo's TCP echo server on the isolation kernel, talked to by plain java.net.Socket clients on the host
 * through a real passt ({@code denali run echo.elf --net passt:H:7}): many small round trips, 1 MB echoed and
 * compared, several connections at once, clean closes both ways; tshark finds the capture clean with IP and TCP
 * checksum validation on and no resets.
 */
class TcpEchoPasstTest {
    private static final int ROUND_TRIPS = 200;
    private static final int LARGE = 1 << 20;
    private static final int CONCURRENT = 5;
    private static final int CONCURRENT_BYTES = 128 * 1024;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void linuxClientsGetTheirBytesBackThroughPasst() throws Exception {
        TcpTestSupport.PasstHost host = TcpTestSupport.PasstHost.discover();
        Path image = TcpTestSupport.buildExample(dir, "echo");
        int port = TcpTestSupport.freePort();
        long roundTripBytes = 0;
        double rttMillis;
        double megabytesPerSecond;
        int code;
        try (TcpTestSupport.BackgroundRun run = new TcpTestSupport.BackgroundRun(dir, "run", image.toString(),
                "--net", "passt:" + port + ":7", "--ip", host.guestCidr(), "--pcap", "echo.pcap")) {
            run.awaitOutput("echo: listening on " + host.guestAddress() + ":7\n", Duration.ofMinutes(2));
            try {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setSoTimeout(120_000);
                    socket.setTcpNoDelay(true);
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    long start = System.nanoTime();
                    for (int i = 0; i < ROUND_TRIPS; i++) {
                        byte[] line = ("round trip " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                        out.write(line);
                        assertArrayEquals(line, in.readNBytes(line.length), "round trip " + i);
                        roundTripBytes += line.length;
                    }
                    rttMillis = (System.nanoTime() - start) / 1e6 / ROUND_TRIPS;

                    byte[] large = new byte[LARGE];
                    new Random(1).nextBytes(large);
                    start = System.nanoTime();
                    assertArrayEquals(large, echo(socket, large), "1 MB echoed intact");
                    megabytesPerSecond = LARGE / 1e6 / ((System.nanoTime() - start) / 1e9);

                    socket.shutdownOutput();
                    assertEquals(-1, in.read(), "the server closes after our FIN");
                }
                ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
                try {
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (int c = 0; c < CONCURRENT; c++) {
                        int seed = 100 + c;
                        results.add(pool.submit(() -> {
                            byte[] data = new byte[CONCURRENT_BYTES];
                            new Random(seed).nextBytes(data);
                            try (Socket socket = new Socket("127.0.0.1", port)) {
                                socket.setSoTimeout(120_000);
                                boolean same = java.util.Arrays.equals(data, echo(socket, data));
                                socket.shutdownOutput();
                                return same && socket.getInputStream().read() == -1;
                            }
                        }));
                    }
                    for (Future<Boolean> result : results) {
                        assertTrue(result.get(5, TimeUnit.MINUTES), "a concurrent connection echoed intact and closed");
                    }
                } finally {
                    pool.shutdownNow();
                }
                awaitLines(run, "closed after " + CONCURRENT_BYTES + " bytes", CONCURRENT);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("the host side failed; the guest printed:\n" + run.out() + run.err(), e);
            }
            run.type("q\n");
            code = run.awaitExit(Duration.ofMinutes(2));
            String console = run.out();
            assertEquals(0, code, "q on the keyboard stops the server: " + console + run.err());
            assertTrue(console.endsWith("echo: q typed, stopping\n"), console);
            assertEquals(1 + CONCURRENT, console.lines().filter(l -> l.startsWith("echo: tcp connection from "
                + host.gateway() + ":")).count(), console);
            assertTrue(console.contains(" closed after " + (roundTripBytes + LARGE) + " bytes\n"), console);
        }
        System.out.printf("TCP echo through passt: round trip %.2f ms, 1 MB echoed at %.2f MB/s each way%n", rttMillis,
            megabytesPerSecond);

        Path pcap = dir.resolve("echo.pcap");
        assertEquals("", TcpTestSupport.badFrames(pcap), "no malformed frames or bad checksums");
        assertTrue(TcpTestSupport.count(pcap, "tcp.checksum.status == \"Good\" && ip.src == " + host.guestAddress())
            > 700, "tshark verified the guest's TCP checksums");
        assertEquals(1 + CONCURRENT, TcpTestSupport.count(pcap, "tcp.flags.syn == 1 && tcp.flags.ack == 1"
            + " && tcp.option_kind == 2 && !tcp.analysis.retransmission"),
            "a SYN-ACK with the MSS option per connection");
        assertEquals(0, TcpTestSupport.count(pcap, "tcp.flags.reset == 1"), "clean closes, no resets");
        assertEquals(2 * (1 + CONCURRENT),
            TcpTestSupport.count(pcap, "tcp.flags.fin == 1 && !tcp.analysis.retransmission"),
            "a FIN each way");
    }

    /** Writes {@code data} from another thread while reading as many bytes back. */
    private static byte[] echo(Socket socket, byte[] data) throws Exception {
        CompletableFuture<Void> written = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try {
                socket.getOutputStream().write(data);
                written.complete(null);
            } catch (java.io.IOException e) {
                written.completeExceptionally(e);
            }
        }, "echo-writer");
        writer.setDaemon(true);
        writer.start();
        byte[] back = socket.getInputStream().readNBytes(data.length);
        written.get(2, TimeUnit.MINUTES);
        return back;
    }

    private static void awaitLines(TcpTestSupport.BackgroundRun run, String text, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (run.out().lines().filter(l -> l.contains(text)).count() < count) {
            assertTrue(System.nanoTime() < deadline, "expected " + count + " lines with '" + text + "': " + run.out());
            Thread.sleep(20);
        }
    }
}
