package org.denali.emulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.denali.emulator.devices.disk.DiskStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualDisksTest {
    @TempDir
    Path dir;

    /** Writes a pattern to block 3, waits for DISK, reads it back into another buffer and compares. */
    private static final String WRITE_THEN_READ = """
            .set DISK_SUBMIT, 0x50
            .set DISK_COUNT, 0x060
            .set DISK_BLOCKS, 0x064
                cmpl $1, DISK_COUNT
                jne fail
                cmpl $16, DISK_BLOCKS
                jne fail
                mov $wbuf, %edi
                mov $1024, %ecx
                mov $0x12345678, %eax
                rep stosl
                mov $wreq, %eax
                out %eax, $DISK_SUBMIT
            1:  cmpl $0xffffffff, wreq + 16
                jne 2f
                mov $-1, %eax
                denali_idle
                jmp 1b
            2:  cmpl $0, wreq + 16
                jne fail
                mov $rreq, %eax
                out %eax, $DISK_SUBMIT
            3:  cmpl $0xffffffff, rreq + 16
                jne 4f
                mov $-1, %eax
                denali_idle
                jmp 3b
            4:  cmpl $0, rreq + 16
                jne fail
                mov $rbuf, %esi
                mov $wbuf, %edi
                mov $1024, %ecx
                repe cmpsl
                jne fail
                exit 0
            fail: exit 1
            .data
            .balign 4096
            wbuf: .fill 4096, 1, 0
            rbuf: .fill 4096, 1, 0
            wreq: .long 1, 0, 3, wbuf, 0, 7
            rreq: .long 0, 0, 3, rbuf, 0, 8
            """;

    @Test
    void aVmWritesAndReadsBackABlockDeterministically() throws Exception {
        try (DiskStore store = new DiskStore(dir)) {
            store.create("data", 16);
            Kernel kernel = KernelTesting.kernel(KernelTesting.deterministic(1000));
            VirtualDisks disks = new VirtualDisks(store, Runnable::run, List.of(new VirtualDisks.Grant("data", false)));
            VirtualMachine vm = kernel.instantiate(Guests.image(WRITE_THEN_READ), VmConfig.defaults(),
                new ByteArrayOutputStream(), List.of(disks));
            kernel.run();
            assertEquals(VmExit.terminated(0), vm.exit(), "the block read back equals the block written");
        }
    }

    @Test
    void inRealTimeAnIdleVmIsWokenByTheDiskAndTheKernelWaitsForInFlightTransfers() throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(2);
        try (DiskStore store = new DiskStore(dir)) {
            store.create("data", 16);
            Kernel kernel = KernelTesting.kernel(KernelConfig.defaults().withWorkers(2));
            VirtualDisks disks = new VirtualDisks(store, io, List.of(new VirtualDisks.Grant("data", false)));
            VirtualMachine vm = kernel.instantiate(Guests.image(WRITE_THEN_READ), VmConfig.defaults(),
                new ByteArrayOutputStream(), List.of(disks));
            kernel.run();
            assertEquals(VmExit.terminated(0), vm.exit());
        } finally {
            io.shutdown();
        }
    }

    @Test
    void readOnlyDisksAreSharedAndAWritableOneGoesToOneVm() throws Exception {
        try (DiskStore store = new DiskStore(dir)) {
            store.create("base", 8);
            store.create("private", 8);
            Kernel kernel = KernelTesting.kernel(KernelTesting.deterministic(1000));
            GuestImage image = Guests.image("mov DISK_COUNT_REG, %eax\ndenali_terminate\n.set DISK_COUNT_REG, 0x60");
            VirtualDisks shared = new VirtualDisks(store, Runnable::run, List.of(new VirtualDisks.Grant("base", true)));
            VirtualDisks exclusive = new VirtualDisks(store, Runnable::run,
                List.of(new VirtualDisks.Grant("base", true), new VirtualDisks.Grant("private", false)));
            VirtualMachine a = kernel.instantiate(image, VmConfig.defaults(), new ByteArrayOutputStream(),
                List.of(exclusive));
            VirtualMachine b = kernel.instantiate(image, VmConfig.defaults(), new ByteArrayOutputStream(),
                List.of(shared));
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> kernel.instantiate(
                image, VmConfig.defaults(), new ByteArrayOutputStream(), List.of(exclusive)));
            assertTrue(refused.getMessage().contains("cannot attach its disks"), refused.getMessage());
            kernel.run();
            assertEquals(VmExit.terminated(2), a.exit());
            assertEquals(VmExit.terminated(1), b.exit());
        }
    }
}
