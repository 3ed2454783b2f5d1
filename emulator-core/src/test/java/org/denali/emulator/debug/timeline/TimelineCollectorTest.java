package org.denali.emulator.debug.timeline;

import static org.denali.emulator.debug.DebugGuests.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.net.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timeline the kernel keeps for the IDE: quanta from the kernel, frames from the LAN tap, no replays twice. */
class TimelineCollectorTest {
    private KernelDebugger debugger;

    @AfterEach
    void stop() {
        if (debugger != null) {
            debugger.kernel().shutdown();
        }
    }

    private TimelineCollector twoLoopingVms() throws Exception {
        debugger = debugger();
        GuestImage image = image(LOOP);
        instantiate(debugger, image);
        instantiate(debugger, image);
        TimelineCollector collector = TimelineCollector.observe(debugger.kernel());
        return collector;
    }

    @Test
    void quantaOfARunningKernelAreOnTheirVmsAxisBackToBack() throws Exception {
        TimelineCollector collector = twoLoopingVms();
        start(debugger);
        for (VirtualMachine vm : debugger.kernel().vms()) {
            while (collector.slice(vm.id(), 0, Long.MAX_VALUE, 100).events().size() < 5) {
                Thread.sleep(1);
            }
        }
        debugger.suspendAll();
        debugger.awaitAllStopped(10_000);
        for (int vm = 1; vm <= 2; vm++) {
            TimelineCollector.Slice slice = collector.slice(vm, 0, Long.MAX_VALUE, 1000);
            long end = -1;
            for (TimelineEvent e : slice.events()) {
                assertEquals(TimelineEvent.Kind.QUANTUM, e.kind(), "a looping VM without a LAN only runs quanta");
                assertTrue(end < 0 || e.at() == end, "quantum at " + e.at() + " after one that ended at " + end);
                end = e.at() + e.length();
            }
            assertEquals(end, slice.recordedUpTo());
            assertEquals(debugger.kernel().vm(vm).instructionsRetired(), slice.recordedUpTo(),
                "the history ends where the stopped VM is");
        }
    }

    @Test
    void theDebuggersObserverStillSeesEveryQuantumSoABreakpointStops() throws Exception {
        TimelineCollector collector = twoLoopingVms();
        debugger.attach();
        debugger.insertBreakpointInEveryVm(LOOP_TOP);
        start(debugger);
        assertTrue(debugger.awaitStopped(1, 10_000), "the breakpoint stopped VM 1 with the timeline watching");
        assertFalse(collector.slice(1, 0, Long.MAX_VALUE, 10).events().isEmpty());
    }

    @Test
    void aReplayedQuantumIsNotAddedTwiceAndNewHistoryIs() throws Exception {
        TimelineCollector collector = twoLoopingVms();
        VirtualMachine vm = debugger.kernel().vm(1);
        long start = vm.instructionsRetired();
        // the kernel reports a quantum that ended where VM 1 is now, then (after a seek back) the same again
        collector.quantumEnded(1, StopReason.BUDGET_EXHAUSTED, 0, 0b101, 10);
        collector.quantumEnded(1, StopReason.BUDGET_EXHAUSTED, 0, 0b101, 10);
        List<TimelineEvent> events = collector.slice(1, 0, Long.MAX_VALUE, 100).events();
        assertEquals(List.of(TimelineEvent.Kind.INTERRUPTS, TimelineEvent.Kind.QUANTUM),
            events.stream().map(TimelineEvent::kind).toList(), "the batch delivered at its start, then the quantum");
        assertEquals(0b101, events.get(0).length());
        assertEquals(start, events.get(1).at());
        assertEquals(1, collector.slice(1, 0, Long.MAX_VALUE, 1).events().size(), "LIMIT keeps the newest");
        assertTrue(collector.slice(2, 0, Long.MAX_VALUE, 100).events().isEmpty(), "VM 2 has not run");
    }

    @Test
    void framesGoOnTheSendersAndTheReceiversAxis() throws Exception {
        TimelineCollector collector = twoLoopingVms();
        byte[] frame = new byte[60];
        System.arraycopy(MacAddress.forVm(2).toBytes(), 0, frame, 0, 6);
        System.arraycopy(MacAddress.forVm(1).toBytes(), 0, frame, 6, 6);
        collector.frame(0, frame);
        assertEquals(List.of(TimelineEvent.Kind.PACKET_SENT),
            collector.slice(1, 0, Long.MAX_VALUE, 10).events().stream().map(TimelineEvent::kind).toList());
        TimelineEvent received = collector.slice(2, 0, Long.MAX_VALUE, 10).events().get(0);
        assertEquals(TimelineEvent.Kind.PACKET_RECEIVED, received.kind());
        assertEquals(60, received.length());
        // a broadcast from the host (a MAC of no VM) reaches both VMs' axes; a runt frame is ignored
        byte[] broadcast = frame.clone();
        System.arraycopy(MacAddress.BROADCAST.toBytes(), 0, broadcast, 0, 6);
        System.arraycopy(new MacAddress(0x0200_0000_0001L).toBytes(), 0, broadcast, 6, 6);
        collector.frame(0, broadcast);
        collector.frame(0, new byte[5]);
        assertEquals(2, collector.slice(1, 0, Long.MAX_VALUE, 10).events().size());
        assertEquals(2, collector.slice(2, 0, Long.MAX_VALUE, 10).events().size());
    }
}
