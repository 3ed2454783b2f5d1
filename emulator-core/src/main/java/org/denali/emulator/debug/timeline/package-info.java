/**
 * The timeline of a run for the IDE's Timeline view (docs/debugging.md, "Reverse debugging in the IDE"): per VM,
 * its quanta, the interrupt batches delivered at their starts, swap-outs and page-ins, and the frames it sent and
 * received, each at the VM's retired-instruction count. {@link org.denali.emulator.debug.timeline.TimelineCollector}
 * is fed by the kernel's quantum observer and the LAN's frame tap; the kernel monitor serves it ({@code timeline ID}).
 * A seek back and the replay after it show the same history again: events the timeline already holds are not
 * added twice.
 */
package org.denali.emulator.debug.timeline;
