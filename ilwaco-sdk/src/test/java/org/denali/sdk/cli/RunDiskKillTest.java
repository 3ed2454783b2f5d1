package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A disk file survives kill -9 of the kernel with no acknowledged write lost", against the real thing: a
 * {@code denali run} process (the kernel) whose guest writes block after block and prints each block number once
 * its write completed with status OK. The test kills the process with SIGKILL after 60 acknowledgements, then
 * finds every acknowledged block, with its exact contents, in the disk file.
 */
class RunDiskKillTest {
    private static final int ACKS_BEFORE_KILL = 60;
    private static final int BLOCKS = 4096;

    /** Block n holds the words (n << 16) | i, i = 0..1023; "%08x\n" of n goes to the console once acknowledged. */
    private static final String WRITER = """
            xor %ebx, %ebx
        next:
            mov $buf, %edi
            xor %ecx, %ecx
        fill:
            mov %ebx, %eax
            shl $16, %eax
            or %ecx, %eax
            mov %eax, (%edi,%ecx,4)
            inc %ecx
            cmp $1024, %ecx
            jne fill
            movl $1, req                # op = write
            movl $0, req+4              # disk 0
            mov %ebx, req+8             # block n
            movl $buf, req+12
            mov $req, %eax
            out %eax, $0x50             # DISK_SUBMIT
        wait:
            cmpl $0xffffffff, req+16    # in progress
            jne done
            mov $-1, %eax
            denali_idle
            jmp wait
        done:
            cmpl $0, req+16
            jne fail
            mov $8, %ecx
            mov %ebx, %edx
        hex:
            rol $4, %edx
            mov %edx, %eax
            and $15, %eax
            movb digits(%eax), %al
            out %al, $0x10
            loop hex
            mov $10, %al
            out %al, $0x10
            inc %ebx
            cmp $4096, %ebx
            jne next
            xor %eax, %eax
            denali_terminate
        fail:
            mov $1, %eax
            denali_terminate
        .data
        digits: .ascii "0123456789abcdef"
        .balign 4096
        buf: .fill 4096, 1, 0
        req: .long 0, 0, 0, 0, 0, 0
        """;

    @TempDir
    Path dir;

    @Test
    void everyBlockAcknowledgedBeforeKillDashNineOfDenaliRunIsInTheDiskFile() throws Exception {
        Path elf = assemble("writer", WRITER);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process kernel = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            DenaliCli.class.getName(), "run", elf.toString(), "--disk", "crash=" + BLOCKS * 4 + "K")
            .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Integer> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(kernel.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.matches("[0-9a-f]{8}")) {
                    throw new AssertionError("denali run printed: " + line);
                }
                acked.add(Integer.parseInt(line, 16));
                if (acked.size() == ACKS_BEFORE_KILL) {
                    // SIGKILL to the kernel process itself: no shutdown hooks, no flushing. Through the handle,
                    // which leaves the pipe open, so lines it printed before dying are still read (and checked).
                    kernel.toHandle().destroyForcibly();
                }
            }
        } finally {
            kernel.destroyForcibly();
            assertTrue(kernel.waitFor(30, TimeUnit.SECONDS), "denali run did not die");
        }
        assertTrue(acked.size() >= ACKS_BEFORE_KILL, "acknowledged only " + acked.size() + " writes");
        assertTrue(acked.size() < BLOCKS, "killed mid-stream, not after the last write");
        assertTrue(kernel.exitValue() != 0, "killed, not ended: exit " + kernel.exitValue());

        try (FileChannel disk = FileChannel.open(dir.resolve("disks/crash.disk"), StandardOpenOption.READ)) {
            ByteBuffer block = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < acked.size(); i++) {
                int n = acked.get(i);
                assertEquals(i, n, "acknowledged in order");
                block.clear();
                disk.read(block, (long) n * 4096);
                for (int w = 0; w < 1024; w++) {
                    assertEquals(n << 16 | w, block.getInt(4 * w), "acknowledged block " + n + ", word " + w);
                }
            }
        }
    }

    private Path assemble(String name, String body) throws IOException, InterruptedException {
        return AssembledGuests.assemble(dir, name, body);
    }
}
