package org.denali.emulator.debug.rsp;

import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.debug.InterruptQueueSnapshot;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.SchedulerSnapshot;
import org.denali.emulator.debug.SwapSnapshot;
import org.denali.emulator.debug.VirtualRegister;
import org.denali.emulator.debug.VmInfo;
import org.denali.emulator.kernel.InterruptEvent;

/**
 * The machine-readable side of the monitor commands, for the IDE: {@code qDenali:vms},
 * {@code qDenali:interrupts:VM}, {@code qDenali:swap:VM}, {@code qDenali:sched}, {@code qDenali:vregs:VM} answer
 * with one JSON value each (VM in hex, like thread ids). Field names are the records' component names.
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
            case "sched" -> sched(debugger.scheduler());
            case "interrupts", "swap", "vregs" -> {
                if (parts.length != 2 || Hex.number(parts[1]) <= 0 || Hex.number(parts[1]) > Integer.MAX_VALUE) {
                    yield null;
                }
                int vm = (int) Hex.number(parts[1]);
                yield switch (parts[0]) {
                    case "interrupts" -> interrupts(debugger.interrupts(vm));
                    case "swap" -> swap(debugger.swap(vm));
                    default -> vregs(vm);
                };
            }
            default -> null;
        };
    }

    private String vms() {
        Json j = new Json().beginArray();
        for (VmInfo vm : debugger.vms()) {
            j.beginObject().field("id", vm.id()).field("name", vm.name()).field("state", vm.state().name())
                .field("stopped", vm.stopped())
                .field("lastStop", vm.lastStop() == null ? null : vm.lastStop().kind().name())
                .field("lastStopDetail", vm.lastStop() == null ? null : vm.lastStop().toString())
                .field("instructions", vm.instructions())
                .field("exit", vm.exit() == null ? null : vm.exit().toString()).endObject();
        }
        return j.endArray().toString();
    }

    static String interrupts(InterruptQueueSnapshot q) {
        Json j = new Json().beginObject().field("vm", q.vmId()).field("pending", q.pending())
            .field("enabled", q.enabled()).field("handler", q.handler()).field("beingHandled", q.beingHandled())
            .field("nextDelivery", q.nextDelivery());
        j.key("lines").beginArray();
        for (int line = 0; line < InterruptLines.COUNT; line++) {
            j.value(InterruptLines.name(line));
        }
        j.endArray().key("history").beginArray();
        for (InterruptEvent e : q.history()) {
            j.beginObject().field("kind", e.kind().name()).field("lines", e.lines()).field("timeNanos", e.timeNanos())
                .endObject();
        }
        return j.endArray().endObject().toString();
    }

    static String swap(SwapSnapshot s) {
        Json j = new Json().beginObject().field("vm", s.vmId()).field("admitted", s.admitted())
            .field("memoryPages", s.memoryPages()).field("mappedPages", s.mappedPages())
            .field("backingPages", s.backingPages()).field("footprintPages", s.footprintPages())
            .field("swapRegionBytes", s.swapRegionBytes()).field("pageIns", s.pageIns())
            .field("pageOuts", s.pageOuts());
        j.key("residency").beginArray();
        for (int[] run : s.residency()) {
            j.beginArray().value(run[0]).value(run[1]).endArray();
        }
        return j.endArray().endObject().toString();
    }

    static String sched(SchedulerSnapshot s) {
        Json j = new Json().beginObject().field("nowNanos", s.nowNanos()).field("admitted", s.admitted())
            .field("running", s.running()).field("runQueue", s.runQueue());
        j.key("idle").beginArray();
        for (SchedulerSnapshot.IdleVm idle : s.idle()) {
            j.beginObject().field("vm", idle.vmId()).field("timeoutMicros", idle.timeoutMicros())
                .field("wakeAtNanos", idle.wakeAtNanos()).endObject();
        }
        return j.endArray().field("gatekeeperQueue", s.gatekeeperQueue()).field("held", s.held()).endObject()
            .toString();
    }

    private String vregs(int vm) {
        Json j = new Json().beginObject();
        for (VirtualRegister r : VirtualRegister.ALL) {
            j.field(r.name(), debugger.readVirtualRegister(vm, r));
        }
        return j.endObject().toString();
    }
}
