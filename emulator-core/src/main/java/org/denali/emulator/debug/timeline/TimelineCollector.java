package org.denali.emulator.debug.timeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.QuantumObserver;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.net.FrameTap;
import org.denali.emulator.net.MacAddress;

/**
 * Collects every VM's timeline while the kernel runs: the kernel's quantum observer gives the quanta, the interrupt
 * lines delivered at their starts and (through each VM's paging counters) swap-outs and page-ins; the LAN's tap gives
 * the frames, put on the axis of the VM that sent or receives them at its count when the frame passed. Bounded:
 * at most {@link #TOTAL_EVENTS} events over all VMs (each VM keeps its share, its oldest dropped first).
 */
public final class TimelineCollector implements QuantumObserver, FrameTap {
    /** Events kept over all VMs (~50 MB at most); a VM keeps at least {@link #MIN_PER_VM}. */
    static final int TOTAL_EVENTS = 500_000;
    static final int MIN_PER_VM = 256;
    /** A broadcast goes on every receiver's axis only in kernels of at most this many live VMs. */
    static final int MAX_BROADCAST_RECEIVERS = 64;

    private final Kernel kernel;
    private final Map<Integer, VmTimeline> timelines = new HashMap<>();
    private final Map<Long, Integer> vmByMac = new HashMap<>();

    private TimelineCollector(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * A collector fed by {@code kernel}'s quanta: chained after the observer already in place (the debugger's,
     * which turns quantum ends into stops and must see them first), never instead of it.
     */
    public static TimelineCollector observe(Kernel kernel) {
        TimelineCollector collector = new TimelineCollector(kernel);
        QuantumObserver before = kernel.observer();
        kernel.observe((vmId, reason, instructions, lines, clockNanos) -> {
            before.quantumEnded(vmId, reason, instructions, lines, clockNanos);
            collector.quantumEnded(vmId, reason, instructions, lines, clockNanos);
        });
        return collector;
    }

    /** Called under the kernel's lock after every quantum. */
    @Override
    public void quantumEnded(int vmId, StopReason reason, long instructions, int deliveredLines, long clockNanos) {
        VirtualMachine vm = kernel.vm(vmId);
        int capacity = capacity();
        synchronized (this) {
            VmTimeline t = timelines.computeIfAbsent(vmId, id -> new VmTimeline());
            long end = vm != null ? vm.instructionsRetired() : t.recordedUpTo() + instructions;
            long start = end - instructions;
            long[] paging = vm != null ? t.pagingSince(vm.pageIns(), vm.pageOuts()) : new long[2];
            if (!t.isNew(end)) {
                return; // replayed after a seek back: this history is already here
            }
            if (paging[1] > 0) {
                t.add(new TimelineEvent(TimelineEvent.Kind.SWAP_OUT, start, paging[1], clockNanos, ""), capacity);
            }
            if (deliveredLines != 0) {
                t.add(new TimelineEvent(TimelineEvent.Kind.INTERRUPTS, start, deliveredLines, clockNanos, ""),
                    capacity);
            }
            if (paging[0] > 0) {
                t.add(new TimelineEvent(TimelineEvent.Kind.PAGE_IN, start, paging[0], clockNanos, ""), capacity);
            }
            t.add(new TimelineEvent(TimelineEvent.Kind.QUANTUM, start, instructions, clockNanos, reason.name()),
                capacity);
            t.quantumEnded(end);
        }
    }

    /** The LAN's tap: the frame goes on its sender's axis and on its receiver's (every VM's for a broadcast). */
    @Override
    public void frame(long epochNanos, byte[] frame) {
        if (frame.length < 12) {
            return;
        }
        long destination = MacAddress.of(frame, 0).bits();
        long source = MacAddress.of(frame, 6).bits();
        long clock = kernel.nowNanos();
        Integer sender = vmOf(source);
        if (sender != null) {
            add(sender, TimelineEvent.Kind.PACKET_SENT, frame.length, clock);
        }
        if (new MacAddress(destination).isGroup()) {
            if (kernel.liveVmCount() > MAX_BROADCAST_RECEIVERS) {
                return; // a broadcast among thousands of VMs: on its sender's axis only
            }
            for (VirtualMachine vm : kernel.vms()) {
                if (sender == null || vm.id() != sender) {
                    add(vm.id(), TimelineEvent.Kind.PACKET_RECEIVED, frame.length, clock);
                }
            }
        } else {
            Integer receiver = vmOf(destination);
            if (receiver != null) {
                add(receiver, TimelineEvent.Kind.PACKET_RECEIVED, frame.length, clock);
            }
        }
    }

    /** {@code vmId}'s newest {@code limit} events with counts in [from, to], oldest first. */
    public synchronized Slice slice(int vmId, long from, long to, int limit) {
        VmTimeline t = timelines.get(vmId);
        if (t == null) {
            return new Slice(List.of(), 0, -1);
        }
        return new Slice(t.newest(from, to, limit), t.dropped(), t.recordedUpTo());
    }

    /**
     * Part of one VM's timeline.
     *
     * @param events       oldest first
     * @param dropped      events of the VM dropped for the bound (the oldest)
     * @param recordedUpTo the end of the last quantum recorded (the history's end), -1 before the first
     */
    public record Slice(List<TimelineEvent> events, long dropped, long recordedUpTo) {
    }

    private void add(int vmId, TimelineEvent.Kind kind, long bytes, long clock) {
        VirtualMachine vm = kernel.vm(vmId);
        if (vm == null) {
            return;
        }
        long at = vm.instructionsRetired();
        int capacity = capacity();
        synchronized (this) {
            VmTimeline t = timelines.computeIfAbsent(vmId, id -> new VmTimeline());
            if (t.isNewPoint(at)) {
                t.add(new TimelineEvent(kind, at, bytes, clock, ""), capacity);
            }
        }
    }

    private int capacity() {
        return Math.max(MIN_PER_VM, TOTAL_EVENTS / Math.max(1, kernel.liveVmCount()));
    }

    /** The VM whose NIC has {@code mac}, or null (the host's side, another kernel). Never under the kernel's lock. */
    private Integer vmOf(long mac) {
        synchronized (vmByMac) {
            Integer known = vmByMac.get(mac);
            if (known != null || vmByMac.containsKey(mac)) {
                return known;
            }
        }
        List<VirtualMachine> vms = kernel.vms(); // takes the kernel's lock: not while holding ours
        synchronized (vmByMac) {
            for (VirtualMachine vm : vms) {
                long own = vm.config().nicMac() != 0 ? vm.config().nicMac() : MacAddress.forVm(vm.id()).bits();
                vmByMac.put(own, vm.id());
            }
            vmByMac.putIfAbsent(mac, null); // not a VM's: do not look again
            return vmByMac.get(mac);
        }
    }
}
