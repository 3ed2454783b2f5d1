/** The keyboard device: a host-filled byte queue read with KEYBOARD_READ, raising line KEYBOARD. */
package org.denali.emulator.devices.keyboard;
