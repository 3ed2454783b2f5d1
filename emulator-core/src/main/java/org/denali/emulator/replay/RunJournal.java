package org.denali.emulator.replay;

import java.io.IOException;
import java.nio.file.Path;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelJournal;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.net.EthernetSwitch;
import org.denali.emulator.net.FrameInlet;
import org.denali.emulator.net.FrameTap;

/**
 * A recording or a replay as the parts around the kernel see it ({@code KernelAssembly}, {@code denali run}): where
 * host inputs go, which capture timestamps are written, which input files the run must read.
 */
public interface RunJournal extends KernelJournal {
    /** An input file the run read (an image, a deployment): recorded by its hash, or checked against it. */
    void input(String name, byte[] content);

    /** The kernel and its LAN are built: the journal is installed in the kernel before any VM exists. */
    void attach(Kernel kernel, EthernetSwitch lan) throws IOException;

    /** Where the run's host uplinks hand their frames (recording: to the next scheduling point). */
    FrameInlet hostFrames(EthernetSwitch lan);

    /** Host keyboard input for {@code vm}. */
    void type(VirtualMachine vm, byte[] bytes, int offset, int length);

    /** The tap the capture gets, with its timestamps recorded or replayed. */
    FrameTap stamped(FrameTap capture);

    /** The capture file the run writes instead of {@code requested} (a replay writes its own, or none). */
    Path capture(Path requested);

    /** True for a history that serves a debugger (reverse execution, {@code --gdb --record}); a file log does not. */
    default boolean servesDebugger() {
        return false;
    }

    /** The run has ended: a recording writes its end record, a replay checks it reached it. */
    void finish() throws IOException;
}
