package org.denali.emulator.devices.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.memory.PagedMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A write is acknowledged only once durable": the disk's file channel is replaced by one that logs every write
 * and force, the VM's interrupt line logs the completion, and the order must be write, force, then DISK. A
 * missing or late force, or an acknowledgement raised before it, fails here; a failing force is no success.
 */
class DiskDurabilityOrderTest {
    private static final int DESCRIPTOR = 0x2000;
    private static final int BUF = 0x3000;

    @TempDir
    Path dir;

    @Test
    void theCompletionInterruptComesOnlyAfterTheDataWasForced() throws Exception {
        List<String> log = new ArrayList<>();
        try (FileChannel file = FileChannel.open(dir.resolve("d.disk"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            file.truncate(0).write(ByteBuffer.allocate(4 * 4096), 0);
            RecordingChannel channel = new RecordingChannel(file, log, false);
            PagedMemory memory = new PagedMemory(1 << 20, org.denali.emulator.memory.PageProvider.ZERO_FILL);
            DiskController controller = controllerOver(channel, log);
            int status = submitWrite(controller, memory, 2);

            assertEquals(List.of("write block 2", "force", "raise DISK"), log);
            controller.applyCompletions(memory);
            assertEquals(DiskStatus.OK, memory.read32(DESCRIPTOR + 16));
            assertEquals(DiskStatus.IN_PROGRESS, status, "not acknowledged during the submitting PIO");
        }
    }

    @Test
    void aForceThatFailsIsNeverAcknowledgedAsWritten() throws Exception {
        List<String> log = new ArrayList<>();
        try (FileChannel file = FileChannel.open(dir.resolve("e.disk"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.allocate(4 * 4096), 0);
            DiskController controller = controllerOver(new RecordingChannel(file, log, true), log);
            PagedMemory memory = new PagedMemory(1 << 20, org.denali.emulator.memory.PageProvider.ZERO_FILL);
            submitWrite(controller, memory, 1);
            assertEquals(List.of("write block 1", "force failed", "raise DISK"), log);
            controller.applyCompletions(memory);
            assertEquals(DiskStatus.IO_ERROR, memory.read32(DESCRIPTOR + 16));
        }
    }

    private static DiskController controllerOver(FileChannel channel, List<String> log) {
        VirtualDisk disk = new VirtualDisk("d", Path.of("d.disk"), channel, 4);
        return new DiskController(List.of(new DiskAttachment(disk, false)), Runnable::run, line -> {
            assertEquals(InterruptLines.DISK, line);
            log.add("raise DISK");
        });
    }

    /** Puts a write request for {@code block} in guest memory, submits it, returns the status the guest sees. */
    private static int submitWrite(DiskController controller, PagedMemory memory, int block) {
        int[] request = {DiskController.OP_WRITE, 0, block, BUF, 0, 7};
        for (int i = 0; i < request.length; i++) {
            memory.write32(DESCRIPTOR + 4 * i, request[i]);
        }
        memory.write32(BUF, 0xB10C);
        // The synchronous executor finishes the transfer inside the out; its status reaches guest memory only
        // when the kernel applies completions.
        controller.out(Ports.DISK_SUBMIT, 4, DESCRIPTOR, memory);
        return memory.read32(DESCRIPTOR + 16);
    }

    /** A FileChannel that delegates to a real one and logs positional writes and forces. */
    private static final class RecordingChannel extends FileChannel {
        private final FileChannel real;
        private final List<String> log;
        private final boolean failForce;

        RecordingChannel(FileChannel real, List<String> log, boolean failForce) {
            this.real = real;
            this.log = log;
            this.failForce = failForce;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            int n = real.write(src, position);
            if (!src.hasRemaining()) {
                log.add("write block " + position / 4096);
            }
            return n;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (failForce) {
                log.add("force failed");
                throw new IOException("simulated fsync failure");
            }
            real.force(metaData);
            log.add("force");
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throw new AssertionError("the disk writes only at explicit positions");
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            throw new AssertionError("the disk writes only at explicit positions");
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new AssertionError("not used by the disk");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new AssertionError("not used by the disk");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() {
            // the real channel is closed by the test
        }
    }
}
