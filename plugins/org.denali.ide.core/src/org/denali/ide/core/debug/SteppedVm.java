package org.denali.ide.core.debug;

import java.io.IOException;

import org.denali.ide.core.rsp.I386Registers;

/** What a stepper reads of the VM it steps, forwards ({@link LineStepper}) or backwards ({@link ReverseStepper}). */
interface SteppedVm {
    I386Registers registers(int vm) throws IOException;

    int readInt(int vm, int address) throws IOException;

    /** Whether the user asked to suspend while the step runs (the step stops where it is). */
    boolean suspendRequested();
}
