package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, part 3: {@code denali bench launch IMAGE --counts …} runs the real {@code denali run IMAGE --count N} in
 * a child JVM per N and records what the child did (VMs ended, exit status) and what it cost (wall, CPU, RSS).
 * Only the shape and the counts are checked, never a speed.
 */
class BenchLaunchTest {
    @TempDir
    Path dir;

    private static final String HELLO = """
            mov $msg, %esi
        1:  movb (%esi), %al
            test %al, %al
            jz 2f
            out %al, $0x10
            inc %esi
            jmp 1b
        2:  xor %eax, %eax
            denali_terminate
        .data
        msg: .asciz "hello\\n"
        """;

    @Test
    void runsTheRealCommandPerCountAndRecordsWhatItCost() throws Exception {
        AssembledGuests.assemble(dir, "hello", HELLO);
        CliSession cli = new CliSession(dir);
        assertEquals(0, cli.denali("bench", "launch", "hello.elf", "--counts", "1,3,20", "--heap", "256m",
            "--out", "launch", "--format", "csv"), cli.err());
        List<String> csv = Files.readAllLines(dir.resolve("launch/launch.csv"));
        assertEquals(String.join(",", LaunchBench.COLUMNS), csv.get(0));
        assertEquals(4, csv.size(), csv.toString());
        int[] counts = {1, 3, 20};
        for (int i = 0; i < counts.length; i++) {
            String[] cells = csv.get(i + 1).split(",");
            assertEquals(counts[i], Integer.parseInt(cells[0]), csv.get(i + 1));
            assertEquals(counts[i], Integer.parseInt(cells[8]), "VMs ended: " + csv.get(i + 1));
            assertEquals(counts[i], Integer.parseInt(cells[9]), "VMs terminated: " + csv.get(i + 1));
            assertEquals(0, Integer.parseInt(cells[10]), "exit status: " + csv.get(i + 1));
            assertTrue(Double.parseDouble(cells[2]) > 0, "a JVM that ran guests used CPU: " + csv.get(i + 1));
            assertTrue(Double.parseDouble(cells[7]) > 10, "its RSS is at least a JVM's: " + csv.get(i + 1));
        }
        // the run's own stderr is kept per N, and its statistics line is what "VMs ended" was read from
        assertTrue(Files.readString(dir.resolve("launch/launch-20.log")).contains("20 VMs ended: 20 terminated"));
        assertEquals(cli.out(), Files.readString(dir.resolve("launch/launch.csv")));
        BufferedImage png = ImageIO.read(dir.resolve("launch/launch.png").toFile());
        assertEquals(List.of(900, 560), List.of(png.getWidth(), png.getHeight()));
    }

    @Test
    void aFailingRunIsRecordedWithItsExitStatus() throws Exception {
        AssembledGuests.assemble(dir, "fault", "ud2");
        CliSession cli = new CliSession(dir);
        assertEquals(1, cli.denali("bench", "launch", "fault.elf", "--counts", "2", "--out", "launch"), cli.err());
        String[] cells = Files.readAllLines(dir.resolve("launch/launch.csv")).get(1).split(",");
        assertEquals("2", cells[8], "both VMs ended");
        assertEquals("0", cells[9], "none terminated");
        assertTrue(Integer.parseInt(cells[10]) != 0, "the run's exit status");
    }

    @Test
    void readsTheEndedVmsFromTheRunsStatisticsLine() {
        assertArrayEquals(new long[] {1_000_000, 999_998}, LaunchBench.ended(List.of("denali run: vm7 faulted",
            "denali run: 5 instructions in 1.0 s (0.0 MIPS), 2 quanta; 1,000,000 VMs ended: 999,998 terminated, "
                + "2 faulted")));
        assertArrayEquals(new long[] {0, 0}, LaunchBench.ended(List.of("Exception in thread \"main\"")));
    }

    @Test
    void badInputsGetClearErrors() throws Exception {
        String[][] cases = {
            {"expects one image", "bench", "launch"},
            {"--counts expects numbers", "bench", "launch", "x.elf", "--counts", "10,many"},
            {"--counts expects counts between 1 and 1000000", "bench", "launch", "x.elf", "--counts", "0"},
            {"--heap expects a size", "bench", "launch", "x.elf", "--heap", "lots"},
            {"no image", "bench", "launch", "missing.elf", "--counts", "1"},
        };
        for (String[] c : cases) {
            CliSession cli = new CliSession(dir);
            int status = cli.denali(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertTrue(status != 0, String.join(" ", c));
            assertTrue(cli.err().contains(c[0]), cli.err());
            assertTrue(!cli.err().contains("Exception"), cli.err());
        }
        assertTrue(Files.notExists(dir.resolve("launch-results")), "nothing written for bad input");
    }
}
