/**
 * Record and replay of a whole kernel run (docs/debugging.md, "Record and replay"). A {@link
 * org.denali.emulator.replay.Recording} logs every input from outside the kernel (host frames, keyboard bytes, the
 * end of a host source), every quantum (which VM, at which retired-instruction count, how many instructions, why it
 * ended), every real-time clock read and every capture timestamp; {@link org.denali.emulator.replay.Replaying} runs
 * the same VMs again without the host and makes the kernel take exactly those decisions, checking each quantum
 * against the log. {@link org.denali.emulator.replay.JournalFormat} describes the file.
 */
package org.denali.emulator.replay;
