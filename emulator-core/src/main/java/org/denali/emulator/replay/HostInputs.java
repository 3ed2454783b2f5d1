package org.denali.emulator.replay;

import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.net.EthernetSwitch;

/** How a host input takes effect, the same way when recorded and when replayed: on the kernel's thread, under its lock. */
final class HostInputs {
    private HostInputs() {
    }

    static void apply(RecordedRun.Event input, Kernel kernel, EthernetSwitch lan) {
        if (input instanceof RecordedRun.Frame f) {
            lan.forward(f.port(), f.bytes());
        } else if (input instanceof RecordedRun.Keys k) {
            VirtualMachine vm = kernel.vm(k.vm());
            if (vm != null && vm.keyboard() != null) {
                vm.keyboard().type(k.bytes(), 0, k.bytes().length);
            }
        } else if (input instanceof RecordedRun.Closed) {
            kernel.releaseSource();
        } else {
            throw new IllegalArgumentException("not a host input: " + input);
        }
    }
}
