/** The console device: per-VM byte output through CONSOLE_PUTC and CONSOLE_WRITE. */
package org.denali.emulator.devices.console;
