package org.denali.emulator.debug.rsp;

import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.json.SnapshotJson;

/**
 * The machine-readable side of the monitor commands, for the IDE: {@code qDenali:vms},
 * {@code qDenali:interrupts:VM}, {@code qDenali:swap:VM}, {@code qDenali:sched}, {@code qDenali:vregs:VM}, {@code qDenali:fault:VM} answer
 * with one JSON value each (VM in hex, like thread ids), in the shared form of {@link SnapshotJson}.
 */
final class DenaliQueries {
    private final KernelDebugger debugger;

    DenaliQueries(KernelDebugger debugger) {
        this.debugger = debugger;
    }

    /** @param query the text after "qDenali:"; @return the JSON, or null if the query is unknown */
    String answer(String query) {
        String[] parts = query.split(":", -1);
        return switch (parts[0]) {
            case "vms" -> vms();
            case "sched" -> SnapshotJson.sched(debugger.scheduler(), Integer.MAX_VALUE);
            case "interrupts", "swap", "vregs", "fault" -> {
                if (parts.length != 2 || Hex.number(parts[1]) <= 0 || Hex.number(parts[1]) > Integer.MAX_VALUE) {
                    yield null;
                }
                int vm = (int) Hex.number(parts[1]);
                yield switch (parts[0]) {
                    case "interrupts" -> SnapshotJson.interrupts(debugger.interrupts(vm));
                    case "swap" -> SnapshotJson.swap(debugger.swap(vm));
                    case "fault" -> SnapshotJson.fault(vm, debugger.fault(vm), debugger.vm(vm).exit() == null);
                    default -> vregs(vm);
                };
            }
            default -> null;
        };
    }

    private String vms() {
        return SnapshotJson.vms(debugger.vms());
    }

    private String vregs(int vm) {
        return SnapshotJson.vregs(register -> debugger.readVirtualRegister(vm, register));
    }
}
