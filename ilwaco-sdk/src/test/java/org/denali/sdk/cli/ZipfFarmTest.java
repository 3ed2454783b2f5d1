package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/zipf-farm/farm.denali, scaled down from 64 httpd VMs to 16 and to 24 MiB of physical memory, less than the
 * pages the VMs touch, so idle servers are paged out whole and requests to them wait for the swap-in, with its host forward on a free port: the load generator's Zipf requests all succeed
 * (issue 18 saw 146 of 1,000 fail with ENOMEM: closed connections lingering in TIME_WAIT kept their receive
 * buffers), the run ends when the generator ends although the forward holds the kernel open, the idle servers are
 * stopped, the summary is printed and the exit status is 0.
 */
class ZipfFarmTest {
    @TempDir
    Path dir;

    @Test
    void theFarmServesEveryRequestAndEndsWhenItsWorkloadEnds() throws Exception {
        ExampleProjects.buildExample("httpd", dir);
        ExampleProjects.buildExample("loadgen", dir);
        int hostPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            hostPort = probe.getLocalPort(); // a free TCP port for passt to bind
        }
        String shipped = Files.readString(ExampleProjects.repositoryRoot().resolve("examples/zipf-farm/farm.denali"));
        String scaled = shipped.replace("count 64", "count 16").replace("memory 96 MiB ", "memory 24 MiB ")
            .replace("forward tcp 8080 ", "forward tcp " + hostPort + " ");
        assertTrue(!scaled.equals(shipped) && scaled.contains("count 16") && scaled.contains("memory 24 MiB")
            && scaled.contains("forward tcp " + hostPort), "the shipped farm changed shape: " + shipped);
        Path farm = dir.resolve("zipf-farm");
        Files.createDirectories(farm);
        Files.writeString(farm.resolve("farm.denali"), scaled);

        CliSession cli = new CliSession(dir);
        int status = cli.denali("run", farm.resolve("farm.denali").toString());
        String console = cli.out();
        String err = cli.err();
        System.out.println(err);

        assertTrue(console.contains("[loadgen#0] loadgen: 16 servers, 4 clients, 1000 requests"), console);
        assertTrue(console.contains("loadgen: errors: 0 connect, 0 http, 0 body, 0 broken"), console);
        assertTrue(err.contains("denali run: loadgen#0 terminated with code 0"), err);
        assertTrue(err.contains("denali run: 16 VM(s) still serving were stopped: the workload ended"), err);
        Matcher workload = Pattern.compile("denali run: workload zipf_mix: 1,000 requests, 0 errors, "
            + "[0-9.]+ requests/s over [0-9.]+ s of guest time; latency p50 [0-9,]+ µs, p90 [0-9,]+ µs, "
            + "p99 [0-9,]+ µs, max [0-9,]+ µs").matcher(err);
        assertTrue(workload.find(), err);
        Matcher share = Pattern.compile("denali run: workload zipf_mix: share per server: httpd#0 ([0-9.]+)%")
            .matcher(err);
        assertTrue(share.find(), err);
        // Zipf(1) over 16 servers gives the first 29.6 % of the requests
        double first = Double.parseDouble(share.group(1));
        assertTrue(first > 24 && first < 36, "httpd#0's share: " + first);
        Matcher memory = Pattern.compile("denali run: memory: ([0-9,]+) page-ins, ([0-9,]+) page-outs").matcher(err);
        assertTrue(memory.find(), err);
        assertTrue(Long.parseLong(memory.group(2).replace(",", "")) > 0,
            "24 MiB cannot hold the pages 16 httpd VMs (~2 MiB each) and the load generator touch: idle servers are"
                + " paged out whole, and requests to them wait for the swap-in instead of failing: " + memory.group());
        assertEquals(0, status, err);
    }
}
