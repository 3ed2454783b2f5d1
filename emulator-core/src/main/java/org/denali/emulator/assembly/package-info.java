/**
 * Putting a kernel together with the host-side parts around it, once for every caller: {@link
 * org.denali.emulator.assembly.KernelAssembly} (memory and swap, the debugger's services, the LAN with pcap and passt,
 * disks, consoles) and {@link org.denali.emulator.assembly.DeploymentRun}, which runs a language-free
 * {@link org.denali.emulator.assembly.DeploymentPlan} and ends it when its workload ends. {@code denali run}, the IDE's
 * launches (which run it as a process) and the benchmarks build their kernels here.
 */
package org.denali.emulator.assembly;
