package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk and keyboard drivers against the test harness's devices (architecture.md §5): a write then read
 * through DISK_SUBMIT and the completion interrupt, bad block / bad disk statuses, and getchar() blocking
 * until keyboard input arrives (the VM idles forever in between: no timer is armed).
 */
class DeviceDriversTest {
    @TempDir
    Path temp;

    @Test
    void blockingDiskTransfersAndKeyboardInputWork() throws Exception {
        Path image = TestBuilds.buildOk(TestBuilds.copyTestProject("devices", temp)).image();
        GuestMachine machine = GuestMachine.withDisk(image, 16).type(50_000, "denali\n");
        GuestMachine.Outcome run = machine.run(20_000_000);
        assertEquals("disks 1, blocks 16\nwrite 3: 0\nread 3: 0\nsame: 1\nread 99: 2\ndisk 5: 1\n"
                + "typed: denali\n", run.console());
        assertEquals((byte) (5 * 7), machine.disk()[3 * 4096 + 5], "the block reached the disk");
        assertEquals(0, run.exitCode());
        assertEquals(-1, (int) run.idleTimeouts().get(run.idleTimeouts().size() - 1),
                "waiting for the keyboard with no timer armed idles forever");
    }
}
