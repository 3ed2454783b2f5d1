package org.denali.emulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.denali.emulator.kernel.snapshot.SnapshotFile;
import org.denali.emulator.kernel.snapshot.SnapshotFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot files that are truncated, corrupted, of another format version or not snapshots at all, and snapshots
 * of another kernel (other images, another VM count, another setting) are refused with a message naming the
 * offset or the section, and nothing is restored from them.
 */
class CheckpointRefusalTest {
    private static CheckpointGuests guests;
    private static byte[] snapshot;

    @TempDir
    Path dir;

    @BeforeAll
    static void takeOne(@TempDir Path tmp) throws Exception {
        guests = new CheckpointGuests();
        CheckpointGuests.Lan lan = guests.build();
        lan.kernel().runUntil(300_000);
        Path file = tmp.resolve("good.snapshot");
        SnapshotFile.write(lan.kernel().checkpoint(), file);
        snapshot = Files.readAllBytes(file);
    }

    private Path file(byte[] bytes) throws Exception {
        return Files.write(dir.resolve("bad.snapshot"), bytes);
    }

    /** Offset of the header of section {@code tag} of {@code vmId} in {@link #snapshot}. */
    private static int offsetOf(String tag, int vmId) {
        ByteBuffer b = ByteBuffer.wrap(snapshot);
        int at = 16;
        while (at < snapshot.length) {
            String t = new String(snapshot, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (t.equals(tag) && b.getInt(at + 4) == vmId) {
                return at;
            }
            at += 16 + (int) b.getLong(at + 8) + 4;
        }
        throw new AssertionError("no section " + tag + " of vm " + vmId);
    }

    @Test
    void theGoodOneReadsBackAndRestores() throws Exception {
        KernelCheckpoint read = SnapshotFile.read(file(snapshot));
        assertEquals(2 + 5 * 3, read.sections().size(), "HEAD, KERN, then VMST, PAGE and DEVS of each of the 5 VMs");
        guests.build().kernel().restore(read);
    }

    @Test
    void aTruncatedFileIsRefusedNamingTheSectionAndOffset() throws Exception {
        int page = offsetOf(KernelCheckpoint.PAGES, 2);
        byte[] cut = Arrays.copyOf(snapshot, page + 100);
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(file(cut)));
        assertTrue(e.getMessage().contains("truncated in section 'PAGE' of vm 2 at offset " + page), e.getMessage());
        assertEquals(page, e.offset());

        int end = snapshot.length - (16 + 20 + 4);
        byte[] noEnd = Arrays.copyOf(snapshot, end);
        e = assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(file(noEnd)));
        assertTrue(e.getMessage().contains("truncated at offset " + end + ": a section header needs 16 bytes, the "
            + "file has 0 left"), e.getMessage());

        byte[] tiny = Arrays.copyOf(snapshot, 7);
        e = assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(file(tiny)));
        assertTrue(e.getMessage().contains("truncated at offset 0: the file header needs 16 bytes"), e.getMessage());
    }

    @Test
    void aCorruptedSectionIsRefusedByItsCrc() throws Exception {
        int vmState = offsetOf(KernelCheckpoint.VM, 3);
        byte[] bad = snapshot.clone();
        bad[vmState + 16 + 20] ^= 0x04;
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(file(bad)));
        assertTrue(e.getMessage().contains("section 'VMST' of vm 3 at offset " + vmState + " corrupted (CRC-32"),
            e.getMessage());

        byte[] badTag = snapshot.clone();
        int kern = offsetOf(KernelCheckpoint.KERNEL, 0);
        badTag[kern] = 'X';
        e = assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(file(badTag)));
        assertTrue(e.getMessage().contains("unknown section 'XERN' at offset " + kern), e.getMessage());

        byte[] extra = Arrays.copyOf(snapshot, snapshot.length + 3);
        e = assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(file(extra)));
        assertTrue(e.getMessage().contains("3 bytes after its END section"), e.getMessage());
    }

    @Test
    void anotherVersionOrNoSnapshotAtAllIsRefused() throws Exception {
        byte[] v2 = snapshot.clone();
        v2[9] = 2;
        CRC32 crc = new CRC32();
        crc.update(v2, 0, 12);
        ByteBuffer.wrap(v2).putInt(12, (int) crc.getValue());
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(file(v2)));
        assertTrue(e.getMessage().contains("is snapshot format version 2; this emulator reads version 1 only"),
            e.getMessage());

        byte[] headerFlip = snapshot.clone();
        headerFlip[10] = 1;
        e = assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(file(headerFlip)));
        assertTrue(e.getMessage().contains("corrupted header (CRC-32 mismatch at offset 12)"), e.getMessage());

        e = assertThrows(SnapshotFormatException.class,
            () -> SnapshotFile.read(file("#!/bin/sh\necho this is no snapshot\n".getBytes())));
        assertTrue(e.getMessage().contains("is not a Denali snapshot"), e.getMessage());
    }

    @Test
    void aSnapshotOfOtherImagesOrAnotherKernelIsRefused() throws Exception {
        KernelCheckpoint good = SnapshotFile.read(file(snapshot));

        Kernel otherImage = new Kernel(KernelTesting.deterministic(1000).withMinFreeBackingPages(1),
            InHeapMemoryManager.ofBytes(8 * 4096));
        LocalNetwork network = new LocalNetwork();
        GuestImage sleeper = Guests.image(CheckpointGuests.SLEEPER);
        for (int i = 0; i < 5; i++) {
            otherImage.instantiate(i == 1 ? sleeper : guests.pinger(), VmConfig.defaults().withMemorySize(
                CheckpointGuests.VM_MEMORY), new ByteArrayOutputStream(), List.of(network));
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> otherImage.restore(good));
        assertTrue(e.getMessage().matches("section HEAD: VM 2 ran image sha256:[0-9a-f]{16}… when the snapshot was "
            + "taken, this kernel's VM 2 runs sha256:[0-9a-f]{16}…: not the snapshot's image"), e.getMessage());

        Kernel fewer = KernelTesting.kernel(KernelTesting.deterministic(1000).withMinFreeBackingPages(1));
        fewer.instantiate(guests.pinger(), VmConfig.defaults().withMemorySize(CheckpointGuests.VM_MEMORY),
            new ByteArrayOutputStream());
        e = assertThrows(CheckpointException.class, () -> fewer.restore(good));
        assertTrue(e.getMessage().contains("the snapshot has 5 VMs, this kernel has 1"), e.getMessage());

        Kernel otherQuantum = KernelTesting.kernel(KernelTesting.deterministic(5000).withMinFreeBackingPages(1));
        e = assertThrows(CheckpointException.class, () -> otherQuantum.restore(good));
        assertTrue(e.getMessage().contains("section HEAD: the snapshot was taken of a kernel with other settings"),
            e.getMessage());

        CheckpointGuests.Lan ran = guests.build();
        ran.kernel().runUntil(10_000);
        e = assertThrows(CheckpointException.class, () -> ran.kernel().restore(good));
        assertTrue(e.getMessage().contains("only into a kernel that has not run yet"), e.getMessage());
    }
}
