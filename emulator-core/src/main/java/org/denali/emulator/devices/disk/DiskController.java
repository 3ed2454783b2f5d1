package org.denali.emulator.devices.disk;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.arch.GuestException;
import org.denali.emulator.devices.InterruptSink;
import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.memory.GuestMemory;

/**
 * One VM's disk port (DISK_SUBMIT, 0x50): a 32-bit {@code out} whose value is the guest address of a request
 * descriptor {@code {u32 op, u32 disk, u32 block, u32 buf, u32 status, u32 tag}}. The request runs on the kernel's
 * I/O executor; its completion is applied to guest memory by {@link #applyCompletions} on the VM's thread (see the
 * package documentation) and signalled on line DISK. Every accepted submission completes exactly once, with one
 * DISK interrupt, including requests rejected at once with an error status.
 */
public final class DiskController implements PortDevice, AutoCloseable {
    public static final int OP_READ = 0;
    public static final int OP_WRITE = 1;

    private static final int OFF_OP = 0;
    private static final int OFF_DISK = 4;
    private static final int OFF_BLOCK = 8;
    private static final int OFF_BUF = 12;
    private static final int OFF_STATUS = 16;
    private static final int OFF_TAG = 20;

    /** A finished request waiting to be written back: {@code data} is the block read, for successful reads. */
    private record Completion(int descriptor, int buf, byte[] data, int status) {
    }

    private final List<DiskAttachment> disks;
    private final Executor io;
    private final InterruptSink interrupts;
    private final ConcurrentLinkedQueue<Completion> completed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param disks the disks granted to the VM; index {@code i} is the descriptor's disk number {@code i}
     * @param io where block transfers run (the kernel's disk threads)
     * @param interrupts the VM's interrupt lines; must accept calls from I/O threads
     */
    public DiskController(List<DiskAttachment> disks, Executor io, InterruptSink interrupts) {
        this.disks = List.copyOf(disks);
        this.io = io;
        this.interrupts = interrupts;
    }

    @Override
    public java.util.List<org.denali.emulator.devices.PortRange> ports() {
        return PORTS;
    }

    private static final java.util.List<org.denali.emulator.devices.PortRange> PORTS =
        java.util.List.of(org.denali.emulator.devices.PortRange.of(Ports.DISK_SUBMIT));

    @Override
    public int in(int port, int size, GuestMemory memory) {
        throw new GuestException(FaultVector.GP, "in from DISK_SUBMIT: the disk port is out-only");
    }

    @Override
    public void out(int port, int size, int descriptor, GuestMemory memory) {
        if (size != 4) {
            throw new GuestException(FaultVector.GP, size + "-byte out to DISK_SUBMIT");
        }
        applyCompletions(memory);
        // Read every descriptor word first: a descriptor outside memory faults before anything happens.
        int op = memory.read32(descriptor + OFF_OP);
        int diskIndex = memory.read32(descriptor + OFF_DISK);
        int block = memory.read32(descriptor + OFF_BLOCK);
        int buf = memory.read32(descriptor + OFF_BUF);
        memory.read32(descriptor + OFF_STATUS);
        memory.read32(descriptor + OFF_TAG);

        int error = validate(op, diskIndex, block, buf, memory.size());
        if (error != DiskStatus.OK) {
            memory.write32(descriptor + OFF_STATUS, error);
            interrupts.raise(InterruptLines.DISK);
            return;
        }
        VirtualDisk disk = disks.get(diskIndex).disk();
        memory.write32(descriptor + OFF_STATUS, DiskStatus.IN_PROGRESS);
        inFlight.incrementAndGet();
        if (op == OP_WRITE) {
            byte[] data = new byte[VirtualDisk.BLOCK_SIZE];
            memory.readBytes(buf, data, 0, data.length); // copied now: the guest may reuse its buffer at once
            io.execute(() -> finish(new Completion(descriptor, buf, null, write(disk, block, data))));
        } else {
            io.execute(() -> finish(read(disk, descriptor, block, buf)));
        }
    }

    /**
     * Writes back every finished request (read data, then status) into {@code memory}. Call on the VM's thread.
     *
     * @return how many completions were applied
     */
    public int applyCompletions(GuestMemory memory) {
        int applied = 0;
        Completion c;
        while ((c = completed.poll()) != null) {
            if (c.data() != null) {
                memory.writeBytes(c.buf(), c.data(), 0, c.data().length);
            }
            memory.write32(c.descriptor() + OFF_STATUS, c.status());
            applied++;
        }
        return applied;
    }

    /** Requests submitted whose transfer has not finished yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** True if finished requests wait for {@link #applyCompletions}. */
    public boolean hasCompletions() {
        return !completed.isEmpty();
    }

    /**
     * Waits (up to 10 s) for in-flight transfers so the disks can be detached safely; completions not yet applied
     * are discarded (the VM is gone). New submissions after close are the kernel's bug.
     */
    @Override
    public void close() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        completed.clear();
    }

    private int validate(int op, int diskIndex, int block, int buf, int memorySize) {
        if (op != OP_READ && op != OP_WRITE) {
            return DiskStatus.BAD_OP;
        }
        if (diskIndex < 0 || diskIndex >= disks.size()) {
            return DiskStatus.BAD_DISK;
        }
        DiskAttachment attachment = disks.get(diskIndex);
        if (block < 0 || block >= attachment.blocks()) {
            return DiskStatus.BAD_BLOCK;
        }
        long end = (buf & 0xFFFF_FFFFL) + VirtualDisk.BLOCK_SIZE;
        if ((buf & (VirtualDisk.BLOCK_SIZE - 1)) != 0 || end > (memorySize & 0xFFFF_FFFFL)) {
            return DiskStatus.BAD_BUFFER;
        }
        if (op == OP_WRITE && attachment.readOnly()) {
            return DiskStatus.READ_ONLY;
        }
        return DiskStatus.OK;
    }

    private static int write(VirtualDisk disk, int block, byte[] data) {
        try {
            disk.writeDurably(block, data);
            return DiskStatus.OK;
        } catch (IOException | RuntimeException e) {
            return DiskStatus.IO_ERROR;
        }
    }

    private static Completion read(VirtualDisk disk, int descriptor, int block, int buf) {
        byte[] data = new byte[VirtualDisk.BLOCK_SIZE];
        try {
            disk.read(block, data);
            return new Completion(descriptor, buf, data, DiskStatus.OK);
        } catch (IOException | RuntimeException e) {
            return new Completion(descriptor, buf, null, DiskStatus.IO_ERROR);
        }
    }

    private void finish(Completion completion) {
        completed.add(completion);
        // Raise before the count drops: a kernel that sees no transfer in flight must also see the interrupt,
        // or it may conclude an idle VM has nothing left to wake it.
        interrupts.raise(InterruptLines.DISK);
        inFlight.decrementAndGet();
    }
}
