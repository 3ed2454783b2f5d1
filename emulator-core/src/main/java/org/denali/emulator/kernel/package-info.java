/**
 * The isolation kernel's mechanism (docs/architecture.md §2, §3, §6, §7): VM life cycle, the virtual-register
 * page, idle and terminate, interrupt delivery, the port bus, worker threads and the kernel clock. Policies live
 * in {@code kernel.policy}; physical memory and swap in {@code kernel.memory}; devices in {@code devices.*} and
 * {@code net}.
 *
 * <h2>Running VMs</h2>
 * <pre>{@code
 * Kernel kernel = new Kernel(KernelConfig.defaults(), InHeapMemoryManager.unlimited());
 * GuestImage image = GuestImage.parse(Files.readAllBytes(elf));        // parsed once, pages shared by all VMs
 * VirtualMachine vm = kernel.instantiate(image, VmConfig.defaults(), System.out);
 * KernelStatistics stats = kernel.run();                                // until every VM has ended
 * VmExit exit = vm.exit();                                              // terminated(code) or faulted(report)...
 * }</pre>
 *
 * <h2>Seams</h2>
 * <ul>
 *   <li>{@link org.denali.emulator.kernel.MemoryManager} / {@link org.denali.emulator.kernel.VmBacking}: backing
 *   pages, admission footprint, whole-VM swap-out/in. {@link org.denali.emulator.kernel.InHeapMemoryManager} keeps
 *   "swap" on the heap; {@link org.denali.emulator.kernel.SwapMemoryManager} adapts {@code kernel.memory}'s swap
 *   file. Both build on {@link org.denali.emulator.kernel.ImageOrigin} for the image's sharing rules.</li>
 *   <li>{@link org.denali.emulator.kernel.VmDeviceFactory}: extra devices per VM beyond console, keyboard and timer;
 *   a device that implements {@link org.denali.emulator.kernel.VmDeviceHooks} hears about quantum start/end and
 *   the VM's end. {@link org.denali.emulator.kernel.LocalNetwork} (virtual LAN) and
 *   {@link org.denali.emulator.kernel.VirtualDisks} are the two factories.</li>
 *   <li>{@link org.denali.emulator.kernel.QuantumObserver}: sees every quantum (tracing, debugger, tests).</li>
 *   <li>{@link org.denali.emulator.kernel.policy.Gatekeeper} and {@link org.denali.emulator.kernel.policy.Scheduler}:
 *   pass your own to the four-argument {@link org.denali.emulator.kernel.Kernel} constructor.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Scheduling state is guarded by the {@code Kernel}'s monitor, held only between quanta. A quantum runs unlocked
 * on one worker ({@link org.denali.emulator.kernel.QuantumRunner}); only that worker touches the VM's CPU and
 * memory. {@link org.denali.emulator.kernel.Kernel#raise} and a VM's {@link org.denali.emulator.devices.InterruptSink}
 * may be called from any thread. Lock order: kernel, then a VM's monitor or its interrupt state, then
 * {@code kernel.memory}'s; no code takes them the other way round.
 */
package org.denali.emulator.kernel;
