package org.denali.emulator.devices.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.arch.GuestException;
import org.denali.emulator.memory.PageFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskControllerTest {
    @TempDir
    Path dir;
    private DiskStore store;
    private ExecutorService io;

    @BeforeEach
    void setUp() throws IOException {
        store = new DiskStore(dir.resolve("disks"));
        store.create("data", 16);
        store.create("boot", 8);
        io = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() throws IOException {
        io.shutdownNow();
        store.close();
    }

    @Test
    void writeThenReadRoundTripsAndTheWriteIsInTheFileWhenAcknowledged() throws Exception {
        DiskGuest vm = new DiskGuest(List.of(store.attach("data", false)), io);
        byte[] block5 = DiskGuest.pattern(5);
        assertEquals(DiskStatus.OK, vm.write(0, 5, block5));
        // Acknowledged means on disk: the file itself holds the block now.
        byte[] file = Files.readAllBytes(dir.resolve("disks/data.disk"));
        assertArrayEquals(block5, Arrays.copyOfRange(file, 5 * 4096, 6 * 4096));

        vm.memory.writeBytes(DiskGuest.BUF, new byte[4096], 0, 4096);
        assertArrayEquals(block5, vm.read(0, 5));
        assertArrayEquals(new byte[4096], vm.read(0, 6), "a new disk reads as zeros");
        assertEquals(3, vm.diskInterrupts(), "one DISK interrupt per request");
    }

    @Test
    void statusIsInProgressUntilTheKernelAppliesTheCompletionAndTagIsUntouched() throws Exception {
        DiskGuest vm = new DiskGuest(List.of(store.attach("data", false)), io);
        int status = vm.submit(DiskController.OP_READ, 0, 1, DiskGuest.BUF, 0xCAFE);
        assertEquals(DiskStatus.IN_PROGRESS, status);
        while (vm.controller.inFlight() > 0) {
            Thread.sleep(1);
        }
        assertEquals(DiskStatus.IN_PROGRESS, vm.memory.read32(DiskGuest.DESC + 16), "guest memory is not written "
            + "from the I/O thread");
        assertEquals(1, vm.diskInterrupts(), "but the line is raised at once so an idle VM wakes");
        assertEquals(1, vm.controller.applyCompletions(vm.memory));
        assertEquals(DiskStatus.OK, vm.memory.read32(DiskGuest.DESC + 16));
        assertEquals(0xCAFE, vm.memory.read32(DiskGuest.DESC + 20));
    }

    @Test
    void manyRequestsInFlightAllComplete() throws Exception {
        DiskGuest vm = new DiskGuest(List.of(store.attach("data", false)), io);
        for (int block = 0; block < 16; block++) {
            byte[] data = DiskGuest.pattern(100 + block);
            int buf = 0x10000 + block * 4096;
            vm.memory.writeBytes(buf, data, 0, 4096);
            vm.submitAt(0x100 + block * 32, DiskController.OP_WRITE, 0, block, buf, block);
        }
        for (int block = 0; block < 16; block++) {
            assertEquals(DiskStatus.OK, vm.awaitStatus(0x100 + block * 32));
        }
        for (int block = 0; block < 16; block++) {
            assertArrayEquals(DiskGuest.pattern(100 + block), vm.read(0, block));
        }
    }

    @Test
    void readOnlySharingManyReadersNoWriter() throws Exception {
        DiskAttachment writable = store.attach("boot", false);
        DiskGuest writer = new DiskGuest(List.of(writable), io);
        assertEquals(DiskStatus.OK, writer.write(0, 3, DiskGuest.pattern(3)));
        assertThrows(IllegalStateException.class, () -> store.attach("boot", true), "a writer is exclusive");
        assertThrows(IllegalStateException.class, () -> store.attach("boot", false), "a writer is exclusive");
        store.detach(writable); // the writer's VM ended

        DiskGuest a = new DiskGuest(List.of(store.attach("boot", true)), io);
        DiskGuest b = new DiskGuest(List.of(store.attach("boot", true)), io);
        assertThrows(IllegalStateException.class, () -> store.attach("boot", false), "readers block a writer");
        assertArrayEquals(DiskGuest.pattern(3), a.read(0, 3));
        assertArrayEquals(DiskGuest.pattern(3), b.read(0, 3));
        assertEquals(DiskStatus.READ_ONLY, b.write(0, 3, DiskGuest.pattern(99)));
        assertArrayEquals(DiskGuest.pattern(3), a.read(0, 3), "the refused write changed nothing");
    }

    @Test
    void badRequestsGetAnErrorStatusAndAnInterruptNeverAHostException() throws Exception {
        DiskGuest vm = new DiskGuest(List.of(store.attach("data", false), store.attach("boot", true)), io);
        assertEquals(DiskStatus.BAD_DISK, vm.submit(DiskController.OP_READ, 2, 0, DiskGuest.BUF, 0));
        assertEquals(DiskStatus.BAD_DISK, vm.submit(DiskController.OP_READ, -1, 0, DiskGuest.BUF, 0));
        assertEquals(DiskStatus.BAD_BLOCK, vm.submit(DiskController.OP_READ, 0, 16, DiskGuest.BUF, 0));
        assertEquals(DiskStatus.BAD_BLOCK, vm.submit(DiskController.OP_READ, 1, 8, DiskGuest.BUF, 0));
        assertEquals(DiskStatus.BAD_BLOCK, vm.submit(DiskController.OP_WRITE, 0, 0x8000_0000, DiskGuest.BUF, 0));
        assertEquals(DiskStatus.BAD_BUFFER, vm.submit(DiskController.OP_READ, 0, 0, DiskGuest.BUF + 4, 0));
        assertEquals(DiskStatus.BAD_BUFFER, vm.submit(DiskController.OP_READ, 0, 0, DiskGuest.MEMORY, 0));
        assertEquals(DiskStatus.BAD_BUFFER, vm.submit(DiskController.OP_READ, 0, 0, 0xFFFF_F000, 0));
        assertEquals(DiskStatus.BAD_OP, vm.submit(2, 0, 0, DiskGuest.BUF, 0));
        assertEquals(DiskStatus.READ_ONLY, vm.submit(DiskController.OP_WRITE, 1, 0, DiskGuest.BUF, 0));
        assertEquals(10, vm.diskInterrupts());
        assertEquals(0, vm.controller.inFlight());

        // Only a descriptor outside accessible memory faults (spec: the PIO is not performed), and bad widths.
        assertThrows(PageFault.class, () -> vm.controller.out(Ports.DISK_SUBMIT, 4, DiskGuest.MEMORY - 8, vm.memory));
        assertThrows(PageFault.class, () -> vm.controller.out(Ports.DISK_SUBMIT, 4, 0xC000_0000, vm.memory));
        assertThrows(GuestException.class, () -> vm.controller.out(Ports.DISK_SUBMIT, 2, DiskGuest.DESC, vm.memory));
        assertThrows(GuestException.class, () -> vm.controller.in(Ports.DISK_SUBMIT, 4, vm.memory));
        assertEquals(10, vm.diskInterrupts());
    }
}
