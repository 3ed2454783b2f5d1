package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/loadgen's fixed-point Zipf sampler (zipf.c), run in a guest (no FPU there) and compared here with
 * double-precision arithmetic: Q16 log2, Q32 negative powers of two, the probabilities of ranks for several n and
 * α, and the frequencies of 100,000 draws.
 */
class LoadgenZipfTest {
    @TempDir
    Path temp;

    @Test
    void fixedPointZipfAgreesWithExactArithmetic() throws Exception {
        Path project = TestBuilds.copyTestProject("loadgen_zipf", temp);
        Path loadgen = TestBuilds.repositoryRoot().resolve("examples/loadgen");
        for (String name : List.of("zipf.c", "zipf.h")) {
            Files.copy(loadgen.resolve(name), project.resolve(name));
        }
        BuildResult build = TestBuilds.buildOk(project);
        assertTrue(build.diagnostics().isEmpty(), build.diagnostics().toString());
        GuestMachine.Outcome run = GuestMachine.load(build.image()).run(500_000_000);
        assertEquals(0, run.exitCode(), run.console());
        int log2s = 0, exp2s = 0, ppms = 0, samples = 0;
        for (String line : run.console().lines().toList()) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "log2" -> {
                    double exact = Math.log(Long.parseLong(f[1])) / Math.log(2);
                    assertEquals(exact, Long.parseLong(f[2]) / 65536.0, 1.0 / 65536 * 2, line);
                    log2s++;
                }
                case "exp2" -> {
                    double exact = Math.pow(2, -Long.parseLong(f[1]) / 65536.0);
                    double got = Long.parseLong(f[2]) / 4294967296.0;
                    assertEquals(exact, got, exact * 1e-4 + 1e-9, line);
                    exp2s++;
                }
                case "ppm" -> {
                    int n = Integer.parseInt(f[1]);
                    double alpha = Integer.parseInt(f[2]) / 1000.0;
                    int rank = Integer.parseInt(f[3]);
                    double sum = 0;
                    for (int k = 1; k <= n; k++) {
                        sum += Math.pow(k, -alpha);
                    }
                    double exact = 1e6 * Math.pow(rank + 1, -alpha) / sum;
                    assertEquals(exact, Long.parseLong(f[4]), exact * 2e-4 + 1.5, line);
                    ppms++;
                }
                case "sample" -> {
                    // Zipf(1) over 5: 1/k / H5 with H5 = 137/60; 100,000 draws stay within 1 % of that
                    double h5 = 137.0 / 60;
                    for (int k = 0; k < 5; k++) {
                        double expected = 100_000 / ((k + 1) * h5);
                        assertEquals(expected, Long.parseLong(f[4 + k]), 1000, line);
                    }
                    samples++;
                }
                default -> throw new AssertionError("unexpected line: " + line);
            }
        }
        assertEquals(List.of(10, 8, 1), List.of(log2s, exp2s, samples));
        assertTrue(ppms > 30, "ppm lines: " + ppms);
    }
}
