package org.denali.emulator.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.denali.emulator.devices.disk.DiskStore;
import org.denali.emulator.kernel.snapshot.SnapshotFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disks in a snapshot: a VM that writes eight blocks one after another is snapshotted after three; its disk then
 * gets all eight. Restoring the snapshot puts the disk back as it was (three blocks, the rest zero) and the
 * completions not yet applied back into the controller; the restored VM writes the other five and ends as the
 * original did. A read-only disk changed on the host since the snapshot is refused.
 */
class CheckpointDiskTest {
    private static final String WRITE_EIGHT_BLOCKS = """
            .set DISK_SUBMIT, 0x50
                xor %ebx, %ebx
            1:  lea 1(%ebx), %eax
                mov $wbuf, %edi
                mov $1024, %ecx
                rep stosl
                mov %ebx, wreq + 8
                movl $0xffffffff, wreq + 16
                mov $wreq, %eax
                out %eax, $DISK_SUBMIT
            2:  cmpl $0xffffffff, wreq + 16
                jne 3f
                mov $-1, %eax
                denali_idle
                jmp 2b
            3:  cmpl $0, wreq + 16
                jne fail
                putc 'w'
                inc %ebx
                cmp $8, %ebx
                jne 1b
                exit 0
            fail: exit 1
            .data
            .balign 4096
            wbuf: .fill 4096, 1, 0
            wreq: .long 1, 0, 0, wbuf, 0, 7
            """;

    @TempDir
    Path dir;

    private record Run(Kernel kernel, VirtualMachine vm, ByteArrayOutputStream console) {
    }

    private static Run build(DiskStore store, GuestImage image, boolean withBase) throws Exception {
        Kernel kernel = KernelTesting.kernel(KernelTesting.deterministic(200));
        List<VirtualDisks.Grant> grants = withBase
            ? List.of(new VirtualDisks.Grant("data", false), new VirtualDisks.Grant("base", true))
            : List.of(new VirtualDisks.Grant("data", false));
        VirtualDisks disks = new VirtualDisks(store, Runnable::run, grants);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        VirtualMachine vm = kernel.instantiate(image, VmConfig.defaults(), console, List.of(disks));
        return new Run(kernel, vm, console);
    }

    @Test
    void theDiskComesBackAsItWasAtTheSnapshot() throws Exception {
        GuestImage image = Guests.image(WRITE_EIGHT_BLOCKS);
        Path file = dir.resolve("disk.snapshot");
        try (DiskStore store = new DiskStore(dir.resolve("disks"))) {
            store.create("data", 16);
            store.create("base", 2);
            Run original = build(store, image, true);
            while (Guests.text(original.console()).length() < 3) {
                original.kernel().runUntil(original.kernel().statistics().instructions() + 20);
                assertTrue(original.vm().exit() == null, "the VM is still writing");
            }
            int writtenAtSnapshot = Guests.text(original.console()).length();
            SnapshotFile.write(original.kernel().checkpoint(), file);
            byte[] diskAtSnapshot = Files.readAllBytes(store.directory().resolve(diskFile(store, "data")));
            assertEquals(writtenAtSnapshot, diskAtSnapshot[(writtenAtSnapshot - 1) * 4096 + 16],
                "block i holds i + 1 once its write is acknowledged");
            assertEquals(0, diskAtSnapshot[(writtenAtSnapshot + 1) * 4096 + 16], "later blocks are not written yet");
            original.kernel().run();
            assertEquals(VmExit.terminated(0), original.vm().exit());
            assertEquals("wwwwwwww", Guests.text(original.console()));
            byte[] finalDisk = Files.readAllBytes(store.directory().resolve(diskFile(store, "data")));

            Run restored = build(store, image, true);
            restored.kernel().restore(SnapshotFile.read(file));
            assertArrayEquals(diskAtSnapshot, Files.readAllBytes(store.directory().resolve(diskFile(store, "data"))),
                "the disk as it was at the snapshot, though the original run wrote all eight blocks since");
            restored.kernel().run();
            assertEquals(VmExit.terminated(0), restored.vm().exit());
            assertEquals("w".repeat(8 - writtenAtSnapshot), Guests.text(restored.console()),
                "the writes after the snapshot");
            assertArrayEquals(finalDisk, Files.readAllBytes(store.directory().resolve(diskFile(store, "data"))));

            Files.write(store.directory().resolve(diskFile(store, "base")), new byte[] {1}, 
                java.nio.file.StandardOpenOption.WRITE);
            Run changedBase = build(store, image, true);
            CheckpointException e = assertThrows(CheckpointException.class,
                () -> changedBase.kernel().restore(SnapshotFile.read(file)));
            assertTrue(e.getMessage().contains("read-only disk base changed since the snapshot was taken"),
                e.getMessage());
        }
    }

    private static String diskFile(DiskStore store, String name) throws Exception {
        try (var files = Files.list(store.directory())) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(name)).findFirst()
                .orElseThrow();
        }
    }
}
