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
