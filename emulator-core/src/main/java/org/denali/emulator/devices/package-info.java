/**
 * Denali's virtual devices (docs/architecture.md, "Devices"): each is reached through one port of the
 * {@link org.denali.emulator.arch.Ports port map} and signals the guest through an
 * {@link org.denali.emulator.devices.InterruptSink interrupt line}. Device mechanism lives here; policy
 * (when interrupts are delivered, which VM runs) lives in the kernel.
 */
package org.denali.emulator.devices;
