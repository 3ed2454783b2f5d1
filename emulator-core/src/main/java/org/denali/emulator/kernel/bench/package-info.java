/** Kernel benchmarks: the scale benchmark (many idle VMs) and the in-memory guest image it runs. */
package org.denali.emulator.kernel.bench;
