package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code denali run … --record FILE} and {@code denali replay FILE} with real tools (docs/debugging.md, "Record and
 * replay"): httpd in real time serving the host's curl through passt, and the multi-VM loadgen deployment, each
 * replayed without the host with byte-identical console output and pcap and the same instruction count; damaged
 * logs, changed images and options the log cannot carry are refused with clear messages.
 */
class RecordReplayCliTest {
    private static final Pattern INSTRUCTIONS = Pattern.compile("denali (?:run|replay): ([0-9,]+) instructions in");

    @TempDir
    Path dir;

    @Test
    void httpdServingCurlInRealTimeReplaysByteForByteWithoutTheHost() throws Exception {
        Path project = ExampleProjects.buildExample("httpd", dir);
        int port = freePort();
        KeyboardFeed keyboard = new KeyboardFeed();
        CliSession recording = new CliSession(dir, List.of(new RunCommand(keyboard)));
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> run = runner.submit(() -> recording.denali("run", project.resolve("httpd.elf").toString(),
                "--net", "passt:" + port + ":80", "--pcap", "recorded.pcap", "--record", "httpd.rr"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!recording.out().contains("httpd: listening on ")) {
                if (run.isDone() || System.nanoTime() > deadline) {
                    throw new AssertionError("httpd did not start: " + recording.out() + recording.err());
                }
                Thread.sleep(50); // polling the console for the startup line, with a deadline
            }
            List<String> curl = new ArrayList<>(List.of("curl", "--max-time", "60", "-s", "-w", "%{http_code}\\n"));
            for (int i = 0; i < 20; i++) {
                curl.addAll(List.of("-o", "/dev/null", "http://127.0.0.1:" + port + "/doc/" + i));
            }
            curl.addAll(List.of("-o", "big.txt", "http://127.0.0.1:" + port + "/big.txt"));
            String codes = ExampleProjects.host(dir, curl);
            assertEquals(21, codes.lines().filter("200"::equals).count(), codes);
            keyboard.type("sq"); // statistics, then quit: keystrokes at moments only the recording knows
            assertEquals(0, run.get(120, TimeUnit.SECONDS), recording.err());
        } finally {
            runner.shutdownNow();
        }
        assertTrue(recording.out().contains("httpd: 1 connections (0 open, at most 1 at once), 21 requests"),
            recording.out());

        CliSession replay = new CliSession(dir);
        assertEquals(0, replay.denali("replay", "httpd.rr", "--pcap", "replayed.pcap"), replay.err());
        assertEquals(recording.out(), replay.out(), "the same console output, keystrokes included");
        assertArrayEquals(Files.readAllBytes(dir.resolve("recorded.pcap")), Files.readAllBytes(
            dir.resolve("replayed.pcap")), "the same frames with the same timestamps");
        assertEquals(instructions(recording.err()), instructions(replay.err()));
        Matcher replayed = Pattern.compile("denali replay: replayed (\\d+) of (\\d+) recorded quanta")
            .matcher(replay.err());
        assertTrue(replayed.find() && replayed.group(1).equals(replayed.group(2)), replay.err());
        // tshark reads the replayed capture as the HTTP session it was
        String http = ExampleProjects.host(dir, List.of("tshark", "-r", "replayed.pcap", "-Y",
            "http.response.code == 200", "-T", "fields", "-e", "http.response.code"));
        assertEquals(21, http.lines().filter("200"::equals).count(), http);
    }

    @Test
    void aRecordedLoadgenDeploymentReplaysIdentically() throws Exception {
        ExampleProjects.buildExample("httpd", dir);
        Path loadgen = ExampleProjects.buildExample("loadgen", dir);
        CliSession recording = new CliSession(dir);
        assertEquals(0, recording.denali("run", loadgen.resolve("loadgen.denali").toString(), "--record", "lg.rr"),
            recording.err());
        assertTrue(recording.err().contains("denali run: workload zipf_mix: 1,000 requests, 0 errors"),
            recording.err());
        byte[] recordedPcap = Files.readAllBytes(loadgen.resolve("build/loadgen.pcap"));

        CliSession replay = new CliSession(dir);
        assertEquals(0, replay.denali("replay", "lg.rr", "--pcap", "lg-replayed.pcap"), replay.err());
        assertEquals(recording.out(), replay.out());
        assertTrue(replay.err().contains("denali replay: workload zipf_mix: 1,000 requests, 0 errors"), replay.err());
        assertArrayEquals(recordedPcap, Files.readAllBytes(dir.resolve("lg-replayed.pcap")));
        assertArrayEquals(recordedPcap, Files.readAllBytes(loadgen.resolve("build/loadgen.pcap")),
            "the replay wrote its own capture, not the deployment's");
        assertEquals(instructions(recording.err()), instructions(replay.err()));
    }

    @Test
    void damagedLogsChangedImagesAndUnloggableOptionsAreRefused() throws Exception {
        Path project = ExampleProjects.buildExample("hello", dir);
        String image = project.resolve("hello.elf").toString();
        CliSession cli = CliSession.runOnly(dir);
        assertEquals(0, cli.denali("run", image, "--record", "hello.rr"), cli.err());
        byte[] log = Files.readAllBytes(dir.resolve("hello.rr"));

        Files.write(dir.resolve("cut.rr"), Arrays.copyOf(log, log.length - 3));
        CliSession replay = new CliSession(dir);
        assertEquals(1, replay.denali("replay", "cut.rr"));
        assertTrue(replay.err().matches("(?s)denali replay: .*cut\\.rr: offset \\d+: truncated: .*nothing was "
            + "replayed\\n"), replay.err());
        assertEquals("", replay.out(), "nothing ran");

        byte[] corrupt = log.clone();
        corrupt[corrupt.length - 2] ^= 0x40;
        Files.write(dir.resolve("corrupt.rr"), corrupt);
        replay = new CliSession(dir);
        assertEquals(1, replay.denali("replay", "corrupt.rr"));
        assertTrue(replay.err().contains(": corrupt: the block's checksum does not match its contents"),
            replay.err());

        Files.writeString(dir.resolve("text.rr"), "hello\n");
        replay = new CliSession(dir);
        assertEquals(1, replay.denali("replay", "text.rr"));
        assertTrue(replay.err().contains("offset 0: not a Denali recording"), replay.err());

        byte[] changed = Files.readAllBytes(project.resolve("hello.elf"));
        changed[changed.length - 1] ^= 1; // the last byte of the file: section headers, still a valid image
        Files.write(project.resolve("hello.elf"), changed);
        replay = new CliSession(dir);
        assertEquals(1, replay.denali("replay", "hello.rr"));
        assertTrue(replay.err().contains("hello.elf differs from the file the run was recorded with"), replay.err());

        cli.clear();
        assertEquals(2, cli.denali("run", image, "--record", "x.rr", "--gdb", "0"));
        assertTrue(cli.err().contains("--record with --gdb needs --deterministic: reverse execution replays"),
            cli.err()); // with it, the history serves reverse execution (ReverseGdbTest)
        cli.clear();
        assertEquals(1, cli.denali("run", image, "--record", "x.rr", "--disk", "d=64K"));
        assertTrue(cli.err().contains("--record does not support disks yet"), cli.err());
    }

    private static String instructions(String err) {
        Matcher m = INSTRUCTIONS.matcher(err);
        assertTrue(m.find(), err);
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
