/**
 * Reverse execution: the history of a run recorded under the debugger ({@code denali run --gdb --record}) — every
 * quantum with its VM, instruction counts and start time, the debugger's writes and host inputs at the quantum
 * they took effect before, periodic in-memory checkpoints — and the seeks built on it: restore the nearest
 * checkpoint, replay the recorded quanta exactly, stop at any VM's instruction count (docs/debugging.md, "Reverse
 * execution").
 */
package org.denali.emulator.debug.history;
