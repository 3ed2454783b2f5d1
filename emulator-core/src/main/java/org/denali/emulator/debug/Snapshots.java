package org.denali.emulator.debug;

import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.arch.VirtualRegisters;
import org.denali.emulator.kernel.RegisterPage;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmState;
import org.denali.emulator.kernel.memory.ResidencyMap;
import org.denali.emulator.memory.PagedMemory;

/** Builds the immutable views the debugger hands out. Called with the kernel's lock held. */
final class Snapshots {
    private Snapshots() {
    }

    static InterruptQueueSnapshot interrupts(VirtualMachine vm) {
        RegisterPage regs = vm.registers();
        int pending = vm.pendingInterrupts();
        boolean enabled = regs.interruptsEnabled();
        int handler = regs.interruptHandler();
        int next = enabled && handler != 0 ? pending : 0;
        return new InterruptQueueSnapshot(vm.id(), pending, enabled, handler,
            regs.get(VirtualRegisters.DELIVERED_INTERRUPTS), next, vm.interruptHistory());
    }

    static SwapSnapshot swap(VirtualMachine vm) {
        int memoryPages = (int) (Integer.toUnsignedLong(vm.config().memorySize()) >>> MemoryMap.PAGE_SHIFT);
        PagedMemory memory = vm.memory();
        List<int[]> runs = new ArrayList<>();
        int mapped = 0;
        if (memory != null) {
            int runStart = -1;
            for (int pn = 0; pn <= memoryPages; pn++) {
                boolean in = pn < memoryPages && memory.isMapped(pn);
                if (in) {
                    mapped++;
                    if (runStart < 0) {
                        runStart = pn;
                    }
                } else if (runStart >= 0) {
                    runs.add(new int[] {runStart, pn - 1});
                    runStart = -1;
                }
            }
        }
        ResidencyMap residency = vm.residency();
        List<int[]> resident = residency == null ? List.of() : runsOf(residency.residentPages());
        List<int[]> swapped = residency == null ? List.of() : runsOf(residency.swappedPages());
        return new SwapSnapshot(vm.id(), vm.admitted(), memoryPages, mapped, vm.residentPages(), vm.footprintPages(),
            vm.config().swapBytes(), vm.pageIns(), vm.pageOuts(), List.copyOf(runs), resident, swapped, vm.demandFaults());
    }

    /** Ascending page numbers as [first, last] runs of consecutive pages. */
    static List<int[]> runsOf(int[] ascending) {
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < ascending.length; ) {
            int j = i;
            while (j + 1 < ascending.length && ascending[j + 1] == ascending[j] + 1) {
                j++;
            }
            runs.add(new int[] {ascending[i], ascending[j]});
            i = j + 1;
        }
        return List.copyOf(runs);
    }

    static SchedulerSnapshot scheduler(long now, List<VmDebugState> states, DebugScheduler scheduler,
            DebugGatekeeper gatekeeper) {
        List<Integer> admitted = new ArrayList<>();
        List<Integer> running = new ArrayList<>();
        List<SchedulerSnapshot.IdleVm> idle = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (VmDebugState s : states) {
            VirtualMachine vm = s.vm;
            VmState state = vm.state();
            if (state == VmState.ENDED) {
                continue;
            }
            if (vm.admitted()) {
                admitted.add(vm.id());
            }
            if (state == VmState.RUNNING) {
                running.add(vm.id());
            } else if (state == VmState.IDLE) {
                idle.add(new SchedulerSnapshot.IdleVm(vm.id(), s.idleTimeoutMicros, s.idleWakeAtNanos));
            }
            if (s.lastStop != null) {
                held.add(vm.id());
            }
        }
        return new SchedulerSnapshot(now, admitted, running, scheduler.queue(), idle, gatekeeper.queue(), held);
    }
}
