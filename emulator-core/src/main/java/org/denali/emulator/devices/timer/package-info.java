/** The one-shot timer device (TIMER_ARM) and the kernel service that keeps its deadline. */
package org.denali.emulator.devices.timer;
