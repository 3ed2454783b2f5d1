package org.denali.emulator.debug;

import org.denali.emulator.kernel.VmExit;
import org.denali.emulator.kernel.VmState;

/**
 * One VM as the debugger lists it.
 *
 * @param stopped whether the debugger holds it stopped (registers and memory readable)
 * @param lastStop why it last stopped, or null
 * @param exit how it ended, or null while alive
 */
public record VmInfo(int id, String name, VmState state, boolean stopped, StopCause lastStop, long instructions,
                     VmExit exit) {
}
