/** The emulated Denali isolation kernel: CPU, memory, devices, scheduler and debug API. */
package org.denali.emulator;
