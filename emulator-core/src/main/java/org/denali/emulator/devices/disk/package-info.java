/**
 * Denali's virtual disks (docs/architecture.md §5 "Disk"): persistent fixed-size disks of 4 KB blocks kept by the
 * kernel in a disk directory ({@link org.denali.emulator.devices.disk.DiskStore}), granted to a VM at instantiation
 * as {@link org.denali.emulator.devices.disk.DiskAttachment}s (read-only attachments may be shared by many VMs), and
 * driven by the guest through one {@code out} to DISK_SUBMIT per 4 KB block
 * ({@link org.denali.emulator.devices.disk.DiskController}).
 *
 * <h2>How the kernel uses it</h2>
 * <pre>{@code
 * DiskStore disks = new DiskStore(Path.of("disks"));          // at kernel start
 * disks.create("boot", 256);                                  // `denali disk create boot 1M`, or on first use
 * ExecutorService diskIo = Executors.newFixedThreadPool(2);   // the kernel's I/O threads, shared by all VMs
 *
 * // per VM, at instantiation (DISK_COUNT / DISK_BLOCKS registers from attachment.blocks()):
 * List<DiskAttachment> granted = List.of(disks.attach("boot", true), disks.attach("data-7", false));
 * DiskController disk = new DiskController(granted, diskIo, vm::raise);   // raises line DISK (2)
 * portBus.add(disk);                                                      // claims DISK_SUBMIT 0x50
 * // at the start of every quantum of this VM, on its thread, before delivering interrupts:
 * disk.applyCompletions(memory);
 * // on terminate:
 * disk.close();  granted.forEach(disks::detach);
 * }</pre>
 *
 * <h2>Why completions are applied by the kernel</h2>
 * The file I/O runs on the kernel's I/O threads, but guest memory belongs to the thread running the VM (and may be
 * swapped out meanwhile). So a write's data is copied out of guest memory during the PIO, a read's data is copied
 * in, and every status word is written, only in {@link org.denali.emulator.devices.disk.DiskController#applyCompletions},
 * which the kernel calls on the VM's thread at the start of each quantum (the controller also calls it on every
 * DISK_SUBMIT). The DISK line is raised from the I/O thread as soon as a request finishes, so an idle VM wakes up;
 * its status reads "in progress" until the completion is applied. A write completes with status 0 only after
 * {@code FileChannel.force}, so an acknowledged write survives a crash of the kernel process.
 */
package org.denali.emulator.devices.disk;
