package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 items 5 and 7: bad images are refused before they are read (no OutOfMemoryError, no hang on a FIFO, no
 * 24-second read of a huge file), and every message says what is wrong and where.
 */
class HostileInputsCliTest {
    @TempDir
    Path dir;

    private int denali(CliSession cli, String... args) throws Exception {
        // a guard against the hangs this test is about, not a timing assertion
        return CompletableFuture.supplyAsync(() -> cli.denali(args)).get(60, TimeUnit.SECONDS);
    }

    private static void assertNoStackTrace(CliSession cli) {
        assertFalse(cli.err().contains("Exception") || cli.err().contains("Error:") || cli.err().contains("\tat "),
            cli.err());
    }

    @Test
    void devicesAndFifosAreRefusedAsImages() throws Exception {
        CliSession cli = new CliSession(dir);
        assertEquals(1, denali(cli, "run", "/dev/zero"));
        assertTrue(cli.err().contains("denali run: /dev/zero is not a regular file (a device, FIFO or socket)"),
            cli.err());
        assertEquals(1, denali(cli, "run", "/dev/urandom"));
        assertEquals(1, denali(cli, "disasm", "/dev/zero"));
        assertTrue(cli.err().contains("denali disasm: /dev/zero is not a regular file"), cli.err());
        Path fifo = dir.resolve("image.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertEquals(1, denali(cli, "run", fifo.toString()));
        assertEquals(1, denali(cli, "disasm", fifo.toString()));
        assertNoStackTrace(cli);
    }

    @Test
    void hugeSparseFilesAreRefusedBeforeTheyAreRead() throws Exception {
        CliSession cli = new CliSession(dir);
        for (long size : new long[] {1536L << 20, 3L << 30, 6L << 30}) {
            Path big = dir.resolve("big" + size + ".elf");
            try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
                f.setLength(size); // sparse: costs no disk
            }
            cli.clear();
            assertEquals(1, denali(cli, "run", big.toString()));
            assertTrue(cli.err().matches("(?s)denali run: \\S+ is [0-9.]+G: larger than a VM with --memory 16M "
                + "could load.*"), cli.err());
            if (size > 2L << 30) {
                assertEquals(1, denali(cli, "disasm", big.toString()));
                assertTrue(cli.err().contains("larger than any VM could load"), cli.err());
            }
            assertNoStackTrace(cli);
        }
    }

    @Test
    void anUnreadableImageSaysPermissionDeniedOnce() {
        String message = ImageFiles.describe("guest.elf", new AccessDeniedException("/abs/guest.elf"));
        assertEquals("guest.elf: permission denied", message);
    }

    @Test
    void aPortInUseNamesTheFlagAndThePort() throws Exception {
        Path elf = AssembledGuests.assemble(dir, "quit", "xor %eax, %eax\ndenali_terminate");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            for (String flag : new String[] {"--gdb", "--monitor"}) {
                CliSession cli = CliSession.runOnly(dir);
                assertEquals(1, denali(cli, "run", elf.toString(), flag, String.valueOf(port)));
                assertTrue(cli.err().contains(flag + " " + port + ": cannot listen on localhost:" + port), cli.err());
                assertNoStackTrace(cli);
            }
        }
    }

    @Test
    void sizesUpToTheStatedRangesAreAccepted() throws Exception {
        Path elf = AssembledGuests.assemble(dir, "quit", "xor %eax, %eax\ndenali_terminate");
        CliSession cli = CliSession.runOnly(dir);
        assertEquals(0, denali(cli, "run", elf.toString(), "--phys-memory", "1T"), cli.err());
        assertEquals(0, denali(cli, "run", elf.toString(), "--phys-memory", "1M", "--swap", "1T"), cli.err());
        assertFalse(cli.err().contains("expects a size"), cli.err());
        assertEquals(2, denali(cli, "run", elf.toString(), "--phys-memory", "16T"));
        assertTrue(cli.err().contains("--phys-memory must be between 256K and 8T"), cli.err());
        cli.clear();
        assertEquals(2, denali(cli, "run", elf.toString(), "--disk", "x=100T"));
        assertTrue(cli.err().contains("--disk x=100T: a disk has at most 2^31 blocks of 4K, so it is at most 8T"),
            cli.err());
    }

    @Test
    void swapWithoutPhysMemoryIsAnErrorNotSilentlyIgnored() throws Exception {
        Path elf = AssembledGuests.assemble(dir, "quit", "xor %eax, %eax\ndenali_terminate");
        CliSession cli = CliSession.runOnly(dir);
        assertEquals(2, denali(cli, "run", elf.toString(), "--swap", "64M"));
        assertTrue(cli.err().contains("--swap needs --phys-memory"), cli.err());
    }

    @Test
    void aWriteToAReadOnlyImagePageSaysSo() throws Exception {
        Path elf = AssembledGuests.assemble(dir, "selfmod", "movl $1, _start\nxor %eax, %eax\ndenali_terminate");
        CliSession cli = CliSession.runOnly(dir);
        denali(cli, "run", elf.toString());
        assertTrue(cli.err().contains("#PF") && cli.err().contains("write at 00100000: the page is read-only"),
            cli.err());
        assertFalse(cli.err().contains("accessible range"), cli.err());
    }
}
