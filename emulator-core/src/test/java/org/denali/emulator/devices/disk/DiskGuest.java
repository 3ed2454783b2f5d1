package org.denali.emulator.devices.disk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.memory.PagedMemory;
import org.denali.emulator.memory.PageProvider;

/** A VM's view of its disks for tests: guest memory with a request descriptor, driven through DISK_SUBMIT. */
final class DiskGuest {
    static final int DESC = 0x1000;
    static final int BUF = 0x4000;
    static final int MEMORY = 64 * 4096;

    final PagedMemory memory = new PagedMemory(MEMORY, PageProvider.ZERO_FILL);
    final List<Integer> raised = java.util.Collections.synchronizedList(new ArrayList<>());
    final DiskController controller;

    DiskGuest(List<DiskAttachment> disks, Executor io) {
        controller = new DiskController(disks, io, raised::add);
    }

    /** Submits one request and returns the status word right after the PIO. */
    int submit(int op, int disk, int block, int buf, int tag) {
        return submitAt(DESC, op, disk, block, buf, tag);
    }

    int submitAt(int desc, int op, int disk, int block, int buf, int tag) {
        memory.write32(desc, op);
        memory.write32(desc + 4, disk);
        memory.write32(desc + 8, block);
        memory.write32(desc + 12, buf);
        memory.write32(desc + 16, 0x5555);
        memory.write32(desc + 20, tag);
        controller.out(Ports.DISK_SUBMIT, 4, desc, memory);
        return memory.read32(desc + 16);
    }

    /** What the kernel does at the start of quanta until the request at {@code desc} has its final status. */
    int awaitStatus(int desc) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (memory.read32(desc + 16) == DiskStatus.IN_PROGRESS) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("disk request never completed");
            }
            Thread.sleep(0, 200_000);
            controller.applyCompletions(memory);
        }
        return memory.read32(desc + 16);
    }

    int write(int disk, int block, byte[] data) throws InterruptedException {
        memory.writeBytes(BUF, data, 0, data.length);
        int status = submit(DiskController.OP_WRITE, disk, block, BUF, 0);
        return status == DiskStatus.IN_PROGRESS ? awaitStatus(DESC) : status;
    }

    byte[] read(int disk, int block) throws InterruptedException {
        int status = submit(DiskController.OP_READ, disk, block, BUF, 0);
        if (status == DiskStatus.IN_PROGRESS) {
            status = awaitStatus(DESC);
        }
        if (status != DiskStatus.OK) {
            throw new AssertionError("read failed with status " + status);
        }
        byte[] data = new byte[4096];
        memory.readBytes(BUF, data, 0, data.length);
        return data;
    }

    long diskInterrupts() {
        synchronized (raised) {
            return raised.stream().filter(l -> l == InterruptLines.DISK).count();
        }
    }

    static byte[] pattern(int seed) {
        byte[] data = new byte[4096];
        int x = seed * 0x9E3779B9 + 1;
        for (int i = 0; i < data.length; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            data[i] = (byte) x;
        }
        return data;
    }
}
