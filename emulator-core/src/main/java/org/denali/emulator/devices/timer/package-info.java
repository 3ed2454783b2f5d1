/** The timer device, one-shot (TIMER_ARM) or periodic (TIMER_PERIODIC), and the kernel service that keeps its deadline. */
package org.denali.emulator.devices.timer;
