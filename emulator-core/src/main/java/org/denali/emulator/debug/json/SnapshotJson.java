package org.denali.emulator.debug.json;

import java.util.HexFormat;
import java.util.List;
import java.util.function.ToLongFunction;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.debug.InterruptQueueSnapshot;
import org.denali.emulator.debug.SchedulerSnapshot;
import org.denali.emulator.debug.SwapSnapshot;
import org.denali.emulator.debug.VirtualRegister;
import org.denali.emulator.debug.VmInfo;
import org.denali.emulator.kernel.FaultReport;
import org.denali.emulator.kernel.InterruptEvent;

/**
 * The one JSON form of the debugger's snapshots, shared by the GDB stub's {@code qDenali:} queries and the kernel
 * monitor ({@code denali run --monitor}). Field names are the records' component names (docs/debugging.md).
 */
public final class SnapshotJson {
    private SnapshotJson() {
    }

    public static String vms(List<VmInfo> vms) {
        Json j = new Json().beginArray();
        vms.forEach(vm -> vm(j, vm));
        return j.endArray().toString();
    }

    /** Writes one VM object into {@code j} (for callers that wrap VM lists in their own envelope). */
    public static Json vm(Json j, VmInfo vm) {
        return j.beginObject().field("id", vm.id()).field("name", vm.name()).field("state", vm.state().name())
            .field("stopped", vm.stopped())
            .field("lastStop", vm.lastStop() == null ? null : vm.lastStop().kind().name())
            .field("lastStopDetail", vm.lastStop() == null ? null : vm.lastStop().toString())
            .field("instructions", vm.instructions())
            .field("exit", vm.exit() == null ? null : vm.exit().toString()).endObject();
    }

    /**
     * The fault a VM is held at ({@code held} true: alive, stopped at the faulting instruction) or ended with;
     * {@code {"vm":N,"fault":null}} if it has not faulted.
     */
    public static String fault(int vmId, FaultReport f, boolean held) {
        Json j = new Json().beginObject().field("vm", vmId);
        if (f == null) {
            return j.key("fault").value((String) null).endObject().toString();
        }
        return j.field("held", held).field("vector", f.vector()).field("vectorName", FaultVector.name(f.vector()))
            .field("eip", Integer.toUnsignedLong(f.eip())).field("address", Integer.toUnsignedLong(f.address()))
            .field("bytes", HexFormat.ofDelimiter(" ").formatHex(f.instructionBytes()))
            .field("instruction", f.disassembly()).field("diagnostic", f.diagnostic())
            .field("summary", f.summary()).endObject().toString();
    }

    public static String interrupts(InterruptQueueSnapshot q) {
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

    public static String swap(SwapSnapshot s) {
        Json j = new Json().beginObject().field("vm", s.vmId()).field("admitted", s.admitted())
            .field("memoryPages", s.memoryPages()).field("mappedPages", s.mappedPages())
            .field("backingPages", s.backingPages()).field("footprintPages", s.footprintPages())
            .field("swapRegionBytes", s.swapRegionBytes()).field("pageIns", s.pageIns())
            .field("pageOuts", s.pageOuts()).field("faults", s.faults());
        runs(j.key("residency"), s.residency());
        runs(j.key("resident"), s.resident());
        runs(j.key("swapped"), s.swapped());
        return j.endObject().toString();
    }

    private static void runs(Json j, List<int[]> runs) {
        j.beginArray();
        for (int[] run : runs) {
            j.beginArray().value(run[0]).value(run[1]).endArray();
        }
        j.endArray();
    }

    /**
     * The scheduler state with every list cut to its first {@code limit} entries and a {@code counts} object with
     * the full sizes, so a kernel with 10,000 VMs answers in a few hundred bytes.
     */
    public static String sched(SchedulerSnapshot s, int limit) {
        Json j = new Json().beginObject().field("nowNanos", s.nowNanos());
        j.key("counts").beginObject().field("admitted", s.admitted().size()).field("running", s.running().size())
            .field("runQueue", s.runQueue().size()).field("idle", s.idle().size())
            .field("gatekeeperQueue", s.gatekeeperQueue().size()).field("held", s.held().size()).endObject();
        j.field("admitted", first(s.admitted(), limit)).field("running", first(s.running(), limit))
            .field("runQueue", first(s.runQueue(), limit));
        j.key("idle").beginArray();
        for (SchedulerSnapshot.IdleVm idle : first(s.idle(), limit)) {
            j.beginObject().field("vm", idle.vmId()).field("timeoutMicros", idle.timeoutMicros())
                .field("wakeAtNanos", idle.wakeAtNanos()).endObject();
        }
        return j.endArray().field("gatekeeperQueue", first(s.gatekeeperQueue(), limit))
            .field("held", first(s.held(), limit)).endObject().toString();
    }

    private static <T> List<T> first(List<T> list, int limit) {
        return list.size() <= limit ? list : list.subList(0, limit);
    }

    /** Every virtual register of one VM, by name, read through {@code read}. */
    public static String vregs(ToLongFunction<VirtualRegister> read) {
        Json j = new Json().beginObject();
        for (VirtualRegister r : VirtualRegister.ALL) {
            j.field(r.name(), read.applyAsLong(r));
        }
        return j.endObject().toString();
    }
}
