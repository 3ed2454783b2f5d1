/**
 * The isolation kernel's physical memory: a budget of host backing pages shared by all VMs, demand allocation
 * of guest pages, and per-VM swap on a real disk file (docs/architecture.md §4 "Backing pages and swap").
 *
 * <h2>How the kernel uses it</h2>
 * <pre>{@code
 * SwapSpace swap = SwapSpace.create(Path.of("denali.swap"), 1L << 30);          // one file, static regions
 * PhysicalMemory phys = new PhysicalMemory(budgetPages, swap, new LeastRecentlyRunPolicy());
 * VmMemory vm = phys.createVm(vmId, memorySize, swapBytes, imagePages);         // reserves the swap region
 * PagedMemory mem = vm.newGuestMemory();                                       // give it to the CPU
 * vm.pin(0);                                                                   // register page stays resident
 *
 * // gatekeeper: admit while phys.freePages() >= threshold (+ vm.swappedPages() for a swapped-out VM)
 * phys.swapIn(vm);  mem = vm.newGuestMemory();  // after a whole-VM swap-out the old PagedMemory is gone
 * vm.markRunning();  cpu.run(...);  vm.markStopped(System.nanoTime());         // around every quantum
 * phys.swapOut(vm);                                                            // not admitted: fixed record only
 * phys.release(vm);                                                            // terminate: frames + region freed
 * }</pre>
 *
 * <ul>
 *   <li>A guest page gets a backing page on first touch through the VM's {@link org.denali.emulator.memory.PageProvider}
 *   ({@link org.denali.emulator.kernel.memory.VmMemory} is one). Its contents come from the VM's <em>origin</em>
 *   provider (the image loader's pages; zero pages if none). Shared read-only pages from the origin
 *   ({@link org.denali.emulator.memory.Page#isShared()}) cost no budget and are never swapped: they are re-obtained
 *   from the origin. Copy-on-write copies are private pages and count against the budget.</li>
 *   <li>When the budget is exhausted, {@link org.denali.emulator.kernel.memory.PhysicalMemory#makeRoom} evicts private
 *   pages of <em>non-running</em> VMs chosen by an {@link org.denali.emulator.kernel.memory.EvictionPolicy}: each page
 *   is written to its VM's static swap region with a CRC32C and unmapped from that VM's guest memory; the next touch
 *   reads it back and verifies the checksum.</li>
 *   <li>A checksum mismatch, an I/O error, a full swap region or an exhausted budget with nothing evictable raise
 *   {@link org.denali.emulator.kernel.memory.VmMemoryFault} (out of {@code cpu.run} when it happens on a guest
 *   access): the kernel ends that VM as faulted. Corrupt data is never handed to the guest.</li>
 * </ul>
 *
 * <h2>Locking</h2>
 * One monitor, the {@link org.denali.emulator.kernel.memory.PhysicalMemory} instance, guards all frame accounting,
 * every VM's page tables kept here and all swap I/O. A VM's {@link org.denali.emulator.memory.PagedMemory} is not
 * thread-safe and is only touched by the thread running that VM, except that eviction unmaps pages of VMs that are
 * not running: {@code markRunning()} takes the monitor, so a VM cannot start while one of its pages is being
 * evicted, and eviction never picks a VM between {@code markRunning()} and {@code markStopped()}. Swap I/O is
 * serialized; with 4 KB pages on a local file that is simpler than finer locks and fast enough (see the tests).
 * The origin provider is called with the monitor held, so it must not wait for anything that waits for this
 * monitor (an image's page table is fine; a lock the kernel holds while calling {@code swapOut} is not).
 */
package org.denali.emulator.kernel.memory;
