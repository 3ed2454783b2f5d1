package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/httpd on the isolation kernel, reached from the host through passt ({@code denali run httpd.elf
 * --net passt:PORT:80}, address by DHCP) by real clients: curl (sequential keep-alive, 8 in parallel, HEAD,
 * HTTP/1.0, POST), raw Linux TCP sockets for malformed requests, and a ustar archive on a read-only virtual disk
 * made by the real tar. At the end the server is stopped from its keyboard and tshark reads the capture of the whole
 * session: no malformed frames, no checksum errors.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpdExampleTest {
    private static final int BIG = 1024 * 1024;

    @TempDir
    static Path dir;
    static int port;
    static String base;
    static KeyboardFeed keyboard;
    static CliSession cli;
    static ExecutorService runner;
    static Future<Integer> run;
    static byte[] randomFile;

    @BeforeAll
    static void startTheServer() throws Exception {
        Path project = ExampleProjects.buildExample("httpd", dir);
        Path site = Files.createDirectories(dir.resolve("public/data"));
        Files.writeString(dir.resolve("public/from-disk.html"), "<p>served from a read-only virtual disk</p>\n");
        randomFile = new byte[100_003]; // spans 25 disk blocks; tar puts it at a 512-byte, not 4 KiB, boundary
        new Random(5).nextBytes(randomFile);
        Files.write(site.resolve("random.bin"), randomFile);
        Files.createDirectories(dir.resolve("disks"));
        ExampleProjects.host(dir, List.of("tar", "--format=ustar", "-b", "8", "-cf", "disks/site.disk", "-C", "public",
            "."));

        port = freePort();
        base = "http://127.0.0.1:" + port;
        keyboard = new KeyboardFeed();
        cli = new CliSession(dir, List.of(new RunCommand(keyboard)));
        runner = Executors.newSingleThreadExecutor();
        run = runner.submit(() -> cli.denali("run", project.resolve("httpd.elf").toString(), "--net",
            "passt:" + port + ":80", "--pcap", "httpd.pcap", "--disk", "site:ro"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!cli.out().contains("httpd: listening on ")) {
            if (run.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("httpd did not start: " + cli.out() + cli.err());
            }
            Thread.sleep(50); // polling the console for the startup line, with a deadline
        }
    }

    @AfterAll
    static void stopIfStillRunning() throws Exception {
        if (!run.isDone()) {
            keyboard.type("q");
            run.get(60, TimeUnit.SECONDS);
        }
        runner.shutdownNow();
    }

    @Test
    @Order(1)
    void itGotItsAddressFromPasstsDhcpAndListsTheDiskArchive() throws IOException {
        String console = cli.out();
        assertTrue(console.contains("(address from DHCP)"), console);
        long kib = Files.size(dir.resolve("disks/site.disk")) / 1024;
        assertTrue(console.contains("httpd: disk 0 (" + kib + " KiB): 2 file(s) from its archive"), console);
    }

    @Test
    @Order(2)
    void theOneMebibyteDocumentArrivesByteIdentical() throws Exception {
        String written = curl("-s", "-o", "big.txt", "-w", "%{http_code} %{size_download}", base + "/big.txt");
        assertEquals("200 " + BIG, written);
        assertArrayEquals(bigDocument(), Files.readAllBytes(dir.resolve("big.txt")));
    }

    @Test
    @Order(3)
    void keepAliveServesManyRequestsOverOneConnection() throws Exception {
        List<String> args = new ArrayList<>(List.of("-s", "-w", "%{num_connects} %{http_code} %{size_download}\\n"));
        for (int i = 0; i < 100; i++) {
            args.addAll(List.of("-o", "/dev/null", base + "/doc/" + i));
        }
        long started = System.nanoTime();
        List<String> lines = curl(args.toArray(new String[0])).lines().toList();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(100, lines.size());
        assertEquals("1", lines.get(0).split(" ")[0], "the first transfer connects");
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(" ");
            if (i > 0) {
                assertEquals("0", fields[0], "transfer " + i + " reuses the connection: " + lines);
            }
            assertEquals("200", fields[1]);
            assertEquals(Integer.toString(documentSize(i)), fields[2], "/doc/" + i);
        }
        System.out.printf("httpd: 100 sequential keep-alive requests (1-16 KiB) through passt in %.2f s "
            + "(%.0f requests/s)%n", seconds, 100 / seconds);

        List<String> small = new ArrayList<>(List.of("-s", "-w", "%{num_connects}%{http_code}\\n"));
        for (int i = 0; i < 500; i++) {
            small.addAll(List.of("-o", "/dev/null", base + "/hello.txt"));
        }
        started = System.nanoTime();
        List<String> answers = curl(small.toArray(new String[0])).lines().toList();
        seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(500, answers.size());
        assertEquals(499, answers.stream().filter("0200"::equals).count(), "one connection for all: " + answers);
        System.out.printf("httpd: 500 sequential keep-alive requests of /hello.txt (one segment each) in %.2f s "
            + "(%.0f requests/s)%n", seconds, 500 / seconds);
    }

    @Test
    @Order(4)
    void eightConcurrentClientsAllGetTheirDocuments() throws Exception {
        Path urls = dir.resolve("urls.txt");
        Files.writeString(urls, java.util.stream.IntStream.range(0, 400)
            .mapToObj(i -> base + "/doc/" + (i % 100) + "\n").collect(Collectors.joining()));
        long started = System.nanoTime();
        String out = ExampleProjects.host(dir, List.of("sh", "-c", "xargs -P 8 -n 1 curl -s -o /dev/null -w "
            + "'%{http_code} %{size_download} %{url_effective}\\n' < urls.txt"));
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> lines = out.lines().toList();
        assertEquals(400, lines.size(), out);
        for (String line : lines) {
            String[] f = line.split(" ");
            int doc = Integer.parseInt(f[2].substring(f[2].lastIndexOf('/') + 1));
            assertEquals("200 " + documentSize(doc), f[0] + " " + f[1], line);
        }
        System.out.printf("httpd: 400 requests from 8 parallel curl processes (a connection each) in %.2f s "
            + "(%.0f requests/s)%n", seconds, 400 / seconds);
    }

    @Test
    @Order(5)
    void headAndHttp10AndErrorsAreAnsweredCorrectly() throws Exception {
        String head = curl("-s", "-I", base + "/big.txt");
        assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
        assertTrue(head.contains("\r\nContent-Length: 1048576\r\n"), head);
        assertTrue(head.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"), head);
        assertEquals("200 0", curl("-s", "-I", "-o", "/dev/null", "-w", "%{http_code} %{size_download}",
            base + "/big.txt"), "HEAD has no body");

        assertEquals("404", curl("-s", "-o", "/dev/null", "-w", "%{http_code}", base + "/no/such/document"));
        String post = curl("-s", "-i", "-X", "POST", "-d", "a=1", base + "/hello.txt");
        assertTrue(post.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), post);
        assertTrue(post.contains("\r\nAllow: GET, HEAD\r\n"), post);
        String http10 = curl("-s", "-0", "-i", base + "/hello.txt");
        assertTrue(http10.contains("\r\nConnection: close\r\n") && http10.endsWith("a Denali guest.\n"), http10);

        assertTrue(raw("GET / HTTP/2.0\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 505 HTTP Version Not Supported\r\n"));
        assertTrue(raw("GET / HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400 Bad Request\r\n"), "no Host");
        assertTrue(raw("BLAH\r\n\r\n").startsWith("HTTP/1.1 400 Bad Request\r\n"));
        assertTrue(raw("GET /../secret HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 400 Bad Request\r\n"));
        String oversized = "GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + "y".repeat(5000) + "\r\n\r\n";
        assertTrue(raw(oversized).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        // two pipelined requests in one segment: two answers, in order, then the close asked for
        String pipelined = raw("GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n"
            + "Connection: close\r\n\r\n");
        assertTrue(pipelined.startsWith("HTTP/1.1 200 OK\r\n") && pipelined.contains("HTTP/1.1 404 Not Found\r\n"),
            pipelined);
    }

    @Test
    @Order(6)
    void documentsFromTheReadOnlyDiskArchiveAreServed() throws Exception {
        assertEquals("<p>served from a read-only virtual disk</p>\n", curl("-s", base + "/from-disk.html"));
        curl("-s", "-o", "random.bin", base + "/data/random.bin");
        assertArrayEquals(randomFile, Files.readAllBytes(dir.resolve("random.bin")));
        String index = curl("-s", base + "/");
        assertTrue(index.contains("<a href=\"/data/random.bin\">/data/random.bin</a> (100003 bytes, disk)"), index);
    }

    @Test
    @Order(7)
    void stopsFromItsKeyboardAndTheCaptureIsClean() throws Exception {
        keyboard.type("s");
        keyboard.type("q");
        assertEquals(0, run.get(60, TimeUnit.SECONDS), cli.err());
        String console = cli.out();
        assertTrue(console.contains("httpd: stopped\n"), console);
        Matcher stats = Pattern.compile("httpd: (\\d+) connections .*?, (\\d+) requests, (\\d+) error answers")
            .matcher(console);
        assertTrue(stats.find(), console);
        assertTrue(Integer.parseInt(stats.group(2)) >= 500, stats.group());

        String pcap = dir.resolve("httpd.pcap").toString();
        List<String> checks = List.of("-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o",
            "udp.check_checksum:TRUE");
        List<String> bad = new ArrayList<>(List.of("tshark", "-r", pcap));
        bad.addAll(checks);
        bad.addAll(List.of("-Y", "_ws.malformed || _ws.expert.severity == error || tcp.checksum.status == 2"
            + " || ip.checksum.status == 2"));
        assertEquals("", ExampleProjects.host(dir, bad).trim(), "malformed frames or checksum errors");
        String requests = ExampleProjects.host(dir, List.of("tshark", "-r", pcap, "-Y", "http.request", "-T",
            "fields", "-e", "http.request.method"));
        Map<String, Long> methods = requests.lines().collect(Collectors.groupingBy(Function.identity(),
            Collectors.counting()));
        assertTrue(methods.getOrDefault("GET", 0L) >= 500, methods.toString());
        assertTrue(methods.containsKey("HEAD") && methods.containsKey("POST"), methods.toString());
    }

    /** httpd's /big.txt: line i is "%07d ilwaco httpd 1 MiB text\n" (32 bytes). */
    private static byte[] bigDocument() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(BIG);
        for (int i = 0; i < BIG / 32; i++) {
            out.writeBytes(String.format("%07d ilwaco httpd 1 MiB text\n", i).getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** httpd's docs_zipf_size. */
    static int documentSize(int k) {
        int steps = (16 * 1024 - 1024) / 256;
        return 1024 + (k * 7919 % (steps + 1)) * 256;
    }

    private static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "--max-time", "60"));
        command.addAll(List.of(args));
        return ExampleProjects.host(dir, command);
    }

    /** Sends `request` over a fresh Linux TCP connection and returns everything until the server closes. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
