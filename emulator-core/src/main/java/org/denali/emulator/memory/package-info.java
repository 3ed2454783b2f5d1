/**
 * Guest memory: a VM's flat 32-bit address space in 4 KB pages.
 *
 * <ul>
 *   <li>{@link org.denali.emulator.memory.GuestMemory}: read/write 8/16/32, bulk copies, page lookup, map/unmap,
 *       write interception; every access outside [0, size) or into the kernel region throws
 *       {@link org.denali.emulator.memory.PageFault}, and a faulting write changes no byte.</li>
 *   <li>{@link org.denali.emulator.memory.PagedMemory}: the implementation; pages come from a
 *       {@link org.denali.emulator.memory.PageProvider} on first touch (the kernel's frame/swap manager plugs in
 *       here, {@code unmap} drops a page so the provider is asked again).</li>
 *   <li>{@link org.denali.emulator.memory.Page}: private or shared (read-only, copy-on-write per VM), carrying the
 *       CPU's decode cache so VMs sharing an image share decoded code; a store into a page with decoded code
 *       drops the cache (self-modifying code stays correct).</li>
 *   <li>{@link org.denali.emulator.memory.WriteInterceptor}: lets the kernel filter guest writes to one page
 *       (the virtual-register page 0).</li>
 * </ul>
 */
package org.denali.emulator.memory;
