package org.denali.emulator.devices.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a kernel process in the middle of a stream of writes loses no acknowledged write. */
class DiskCrashTest {
    private static final int ACKS_BEFORE_KILL = 60;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedBlockSurvivesKillDashNine() throws Exception {
        Path disks = dir.resolve("disks");
        try (DiskStore store = new DiskStore(disks)) {
            store.create("crash", 4096);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            DiskWriterChild.class.getName(), disks.toString(), "crash")
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Integer> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acked.add(Integer.parseInt(line.substring(4)));
                    if (acked.size() == ACKS_BEFORE_KILL) {
                        // SIGKILL: no shutdown hooks, no flushing. Through the handle, which (unlike
                        // Process.destroyForcibly) leaves the pipe open so the child's last lines are still read.
                        child.toHandle().destroyForcibly();
                    }
                } else if (!line.equals("READY")) {
                    throw new AssertionError("child said: " + line);
                }
            }
            // Lines the child printed between the kill decision and its death are acknowledgements too.
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        assertTrue(acked.size() >= ACKS_BEFORE_KILL, "child acknowledged only " + acked.size() + " writes");
        assertTrue(acked.size() < 4096, "the child was killed mid-stream");

        try (DiskStore store = new DiskStore(disks)) {
            VirtualDisk disk = store.attach("crash", true).disk();
            byte[] block = new byte[4096];
            for (int n : acked) {
                disk.read(n, block);
                assertArrayEquals(DiskGuest.pattern(n), block, "acknowledged block " + n);
            }
        }
    }
}
