package org.denali.ide.core.debug;

import java.io.IOException;

import org.denali.ide.core.rsp.DenaliRspClient;
import org.denali.ide.core.rsp.I386Registers;
import org.denali.ide.core.rsp.StopReply;

/**
 * gdb's step over a breakpoint: a VM resumed at a breakpoint's address must execute that instruction before the
 * breakpoint counts again. The kernel delivers pending interrupts at the start of a quantum, so a VM that waited at
 * a breakpoint (while the user looked) enters its interrupt handler first and comes back to the same address, which
 * the stub reports as a new hit (a hit count then stopped one hit early). So the VM is stepped; if the step entered
 * the handler (the kernel's interrupt frame, {@code [esp] = the breakpoint's address, [esp+4] = CS}), the VM alone
 * runs until the handler returns there (the breakpoint stops it) and is stepped again. The breakpoint stays in
 * place: the CPU executes the instruction a debugger saw it stop at without checking it for a breakpoint (a step
 * from there leaves it), so no {@code z0}/{@code Z0} pass over every VM is needed — with 10,000 VMs those two
 * passes were most of a resume's cost (docs/performance.md). Used by the run control and by {@link InspectorBench},
 * so the benchmark pays what a resume in the IDE pays.
 */
final class BreakpointStepOff {
    /** The CS the kernel pushes in an interrupt frame (docs/architecture.md, "Delivery"). */
    private static final int INTERRUPT_FRAME_CS = 0x08;

    /** Where the stop replies come from (the connection's event path). */
    interface Stops {
        StopReply next() throws IOException;
    }

    private BreakpointStepOff() {
    }

    /**
     * Steps {@code vm}, stopped at the code breakpoint at {@code address}, off it. Null when the VM left the
     * breakpoint; otherwise the stop that came first (a fault, a breakpoint in the handler), which ends the resume.
     */
    static StopReply stepOff(DenaliRspClient client, Stops stops, int vm, int address) throws IOException {
        for (int attempt = 0; attempt < 8; attempt++) {
            client.step(vm); // the CPU executes the instruction it stopped at for a debugger without checking it
            StopReply stepped = stops.next();
            if (stepped.reason() != StopReply.Reason.STEP) {
                return stepped;
            }
            I386Registers regs = client.registers(vm);
            int sp = regs.get(I386Registers.ESP);
            boolean inHandler = regs.eip() != address && readInt(client, vm, sp) == address
                    && readInt(client, vm, sp + 4) == INTERRUPT_FRAME_CS;
            if (!inHandler) {
                return null;
            }
            client.continueOne(vm); // the breakpoint stops the VM when the handler returns to it
            StopReply back = stops.next();
            if (back.reason() != StopReply.Reason.BREAKPOINT || back.thread() != vm
                    || client.registers(vm).eip() != address) {
                return back;
            }
        }
        return null;
    }

    private static int readInt(DenaliRspClient client, int vm, int address) throws IOException {
        byte[] b = client.readMemory(vm, address, 4);
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }
}
