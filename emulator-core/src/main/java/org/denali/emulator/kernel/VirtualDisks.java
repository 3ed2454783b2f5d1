package org.denali.emulator.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.devices.disk.DiskAttachment;
import org.denali.emulator.devices.disk.DiskController;
import org.denali.emulator.devices.disk.DiskStore;
import org.denali.emulator.devices.disk.VirtualDisk;
import org.denali.emulator.memory.GuestMemory;

/**
 * Grants every VM instantiated with this factory the same list of disks from a {@link DiskStore} (read-only ones
 * may be shared; a writable one can go to a single VM) behind a {@link DiskController} on DISK_SUBMIT. The
 * controller's completions are written into guest memory at the start of each of the VM's quanta, on its thread;
 * DISK_COUNT and DISK_BLOCKS show the disks actually attached.
 *
 * <p>Give it a direct executor ({@code Runnable::run}) in deterministic mode: transfers then finish during the PIO
 * and the run stays reproducible; in real-time mode give it a small thread pool.
 */
public final class VirtualDisks implements VmDeviceFactory {
    /** One disk of the grant: its name in the store and whether the VM may write it. */
    public record Grant(String name, boolean readOnly) {
    }

    private final DiskStore store;
    private final Executor io;
    private final List<Grant> grants;

    public VirtualDisks(DiskStore store, Executor io, List<Grant> grants) {
        this.store = store;
        this.io = io;
        this.grants = List.copyOf(grants);
    }

    /** @throws IllegalStateException if a disk cannot be attached (missing, or writable and already in use) */
    @Override
    public List<PortDevice> create(VmContext vm) {
        List<DiskAttachment> attached = new ArrayList<>();
        try {
            for (Grant grant : grants) {
                if (!store.exists(grant.name())) {
                    throw new IllegalStateException("there is no disk '" + grant.name() + "' in " + store.directory());
                }
                attached.add(store.attach(grant.name(), grant.readOnly()));
            }
        } catch (IOException | RuntimeException e) {
            detachAll(attached);
            throw new IllegalStateException("VM " + vm.vmId() + ": cannot attach its disks: " + e.getMessage(), e);
        }
        vm.registers().setDisks(attached.stream().map(DiskAttachment::blocks).toList());
        return List.of(new DiskPort(new DiskController(attached, io, vm.interrupts()), attached));
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] digest(VirtualDisk disk) throws IOException {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[VirtualDisk.BLOCK_SIZE];
            for (int b = 0; b < disk.blocks(); b++) {
                disk.read(b, block);
                sha.update(block);
            }
            return sha.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private void detachAll(List<DiskAttachment> attached) {
        for (DiskAttachment a : attached) {
            try {
                store.detach(a);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The controller as the VM's bus sees it, plus its life cycle. */
    private final class DiskPort implements PortDevice, VmDeviceHooks {
        private final DiskController controller;
        private final List<DiskAttachment> attached;

        DiskPort(DiskController controller, List<DiskAttachment> attached) {
            this.controller = controller;
            this.attached = attached;
        }

        @Override
        public java.util.List<org.denali.emulator.devices.PortRange> ports() {
            return controller.ports();
        }

        @Override
        public int in(int port, int size, GuestMemory memory) {
            return controller.in(port, size, memory);
        }

        @Override
        public void out(int port, int size, int value, GuestMemory memory) {
            controller.out(port, size, value, memory);
        }

        @Override
        public void quantumStarting(GuestMemory memory) {
            controller.applyCompletions(memory);
        }

        @Override
        public boolean expectsInterrupt() {
            return controller.inFlight() > 0;
        }

        /**
         * Unapplied completions, then per disk its name, read-only flag, size and contents: a writable disk's
         * non-zero blocks (u32 count, then u32 block and 4096 bytes each), a read-only disk's SHA-256 only (it
         * cannot have changed through the guest; restoring checks the host did not change it either).
         */
        @Override
        public void save(java.io.DataOutput out) throws IOException {
            try {
                controller.save(out);
            } catch (IllegalStateException e) {
                throw new CheckpointException(e.getMessage());
            }
            out.writeInt(attached.size());
            byte[] block = new byte[VirtualDisk.BLOCK_SIZE];
            for (DiskAttachment a : attached) {
                VirtualDisk disk = a.disk();
                out.writeUTF(disk.name());
                out.writeBoolean(a.readOnly());
                out.writeInt(disk.blocks());
                if (a.readOnly()) {
                    out.write(digest(disk));
                    continue;
                }
                java.io.ByteArrayOutputStream used = new java.io.ByteArrayOutputStream();
                java.io.DataOutputStream blocks = new java.io.DataOutputStream(used);
                int count = 0;
                for (int b = 0; b < disk.blocks(); b++) {
                    disk.read(b, block);
                    if (!isZero(block)) {
                        blocks.writeInt(b);
                        blocks.write(block);
                        count++;
                    }
                }
                out.writeInt(count);
                out.write(used.toByteArray());
            }
        }

        @Override
        public void restore(java.io.DataInput in) throws IOException {
            controller.restore(in);
            int disks = in.readInt();
            if (disks != attached.size()) {
                throw new CheckpointException("the VM had " + disks + " disks when the snapshot was taken, it has "
                    + attached.size() + " now");
            }
            // Read and check every disk's part first: a read-only disk the host changed refuses the snapshot
            // before any writable disk is overwritten.
            List<java.util.SortedMap<Integer, byte[]>> contents = new ArrayList<>();
            for (DiskAttachment a : attached) {
                VirtualDisk disk = a.disk();
                String name = in.readUTF();
                boolean readOnly = in.readBoolean();
                int blocks = in.readInt();
                if (!name.equals(disk.name()) || readOnly != a.readOnly() || blocks != disk.blocks()) {
                    throw new CheckpointException("disk " + name + (readOnly ? " (read-only)" : "") + " of " + blocks
                        + " blocks in the snapshot, " + disk.name() + (a.readOnly() ? " (read-only)" : "") + " of "
                        + disk.blocks() + " blocks here");
                }
                if (readOnly) {
                    byte[] saved = new byte[32];
                    in.readFully(saved);
                    if (!java.util.Arrays.equals(saved, digest(disk))) {
                        throw new CheckpointException("read-only disk " + name + " changed since the snapshot was "
                            + "taken");
                    }
                    contents.add(null);
                    continue;
                }
                java.util.SortedMap<Integer, byte[]> used = new java.util.TreeMap<>();
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    int b = in.readInt();
                    if (b < 0 || b >= disk.blocks()) {
                        throw new CheckpointException("disk " + name + ": bad block number " + b);
                    }
                    byte[] data = new byte[VirtualDisk.BLOCK_SIZE];
                    in.readFully(data);
                    used.put(b, data);
                }
                contents.add(used);
            }
            // The snapshot's contents replace each writable disk's: its blocks, and zeros wherever it has none.
            byte[] block = new byte[VirtualDisk.BLOCK_SIZE];
            byte[] zero = new byte[VirtualDisk.BLOCK_SIZE];
            for (int i = 0; i < attached.size(); i++) {
                java.util.SortedMap<Integer, byte[]> used = contents.get(i);
                if (used == null) {
                    continue;
                }
                VirtualDisk disk = attached.get(i).disk();
                for (int b = 0; b < disk.blocks(); b++) {
                    byte[] wanted = used.getOrDefault(b, zero);
                    disk.read(b, block);
                    if (!java.util.Arrays.equals(block, wanted)) {
                        disk.writeDurably(b, wanted);
                    }
                }
            }
        }

        @Override
        public void vmEnded() {
            // Closing waits for in-flight transfers: do it on the I/O executor, not under the kernel's lock.
            io.execute(() -> {
                try {
                    controller.close();
                    detachAll(attached);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
