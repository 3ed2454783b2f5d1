package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/loadgen/loadgen.denali: one loadgen VM and three httpd VMs on one virtual LAN ({@code denali run
 * loadgen.denali}, deterministic clock). The load generator finds the three servers, completes its 1,000 Zipf-mixed
 * requests with every answer checked, and reports throughput, latency percentiles and the per-server split.
 */
class LoadgenExampleTest {
    @TempDir
    Path dir;

    @Test
    void loadgenDrivesThreeHttpdVmsAndReportsSaneNumbers() throws Exception {
        ExampleProjects.buildExample("httpd", dir);
        Path loadgen = ExampleProjects.buildExample("loadgen", dir);
        CliSession cli = new CliSession(dir);
        cli.denali("run", loadgen.resolve("loadgen.denali").toString()); // the VMs' own ends are checked below
        String console = cli.out();
        String err = cli.err();
        System.out.println(console.lines().filter(l -> l.startsWith("[loadgen#0]")).reduce("", (a, b) -> a + b + "\n"));

        assertTrue(err.contains("denali run: loadgen#0 terminated with code 0"), err + console);
        for (int i = 0; i < 3; i++) {
            assertTrue(console.contains("[httpd#" + i + "] httpd: listening on 10.0.0.1" + i + ":80 (static address)"),
                console);
        }
        // the servers serve until the workload ends: the kernel then stops them and prints the workload's numbers
        assertTrue(err.contains("denali run: 3 VM(s) still serving were stopped: the workload ended"), err);
        assertTrue(err.contains("denali run: workload zipf_mix: 1,000 requests, 0 errors, "), err);

        // the workload's parameters reached both sides as boot arguments (none of them is a compiled-in default)
        assertTrue(console.contains("[loadgen#0] loadgen: 10.0.0.200 looking for httpd servers from 10.0.0.10"), console);
        assertTrue(console.contains("[loadgen#0] loadgen: 3 servers, 4 clients, 1000 requests (at most 60 s), Zipf alpha"
            + " 0.800 over servers and 60 documents of 2048..8192 bytes"), console);
        Matcher done = Pattern.compile("loadgen: done: (\\d+) requests in (\\d+)\\.(\\d{3}) s: (\\d+)\\.\\d "
            + "requests/s, (\\d+) KiB/s, (\\d+) errors").matcher(console);
        assertTrue(done.find(), console);
        assertEquals(1000, Integer.parseInt(done.group(1)));
        assertEquals(0, Integer.parseInt(done.group(6)), "no errors");
        assertTrue(Integer.parseInt(done.group(4)) > 0 && Integer.parseInt(done.group(5)) > 0, done.group());

        Matcher latency = Pattern.compile("loadgen: latency us: p50 (\\d+) p90 (\\d+) p99 (\\d+) max (\\d+)")
            .matcher(console);
        assertTrue(latency.find(), console);
        long p50 = Long.parseLong(latency.group(1));
        long p90 = Long.parseLong(latency.group(2));
        long p99 = Long.parseLong(latency.group(3));
        long max = Long.parseLong(latency.group(4));
        assertTrue(0 < p50 && p50 <= p90 && p90 <= p99 && p99 <= max && max < 10_000_000, latency.group());

        assertTrue(console.contains("loadgen: errors: 0 connect, 0 http, 0 body, 0 broken; 12 connections opened"),
            "a persistent connection per client and server: " + console);
        Matcher split = Pattern.compile("loadgen: server (\\d) 10\\.0\\.0\\.1\\d: (\\d+) requests").matcher(console);
        int[] perServer = new int[3];
        while (split.find()) {
            perServer[Integer.parseInt(split.group(1))] = Integer.parseInt(split.group(2));
        }
        assertEquals(1000, perServer[0] + perServer[1] + perServer[2], List.of(perServer[0], perServer[1],
            perServer[2]).toString());
        // Zipf(1) over 3 servers: 54.5 %, 27.3 %, 18.2 % of the requests
        assertTrue(perServer[0] > 480 && perServer[0] < 610, "server 0: " + perServer[0]);
        assertTrue(perServer[1] > 220 && perServer[1] < 330, "server 1: " + perServer[1]);
        assertTrue(perServer[2] > 130 && perServer[2] < 240, "server 2: " + perServer[2]);
    }
}
