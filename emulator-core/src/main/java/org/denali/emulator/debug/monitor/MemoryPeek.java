package org.denali.emulator.debug.monitor;

import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.debug.CpuRegisters;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmState;
import org.denali.emulator.memory.PagedMemory;

/**
 * Reads a VM's CPU registers and memory for the monitor without stopping it: under the kernel's lock a VM that is
 * not RUNNING is off every worker (the kernel sets RUNNING under that lock before a quantum and clears it after),
 * so its CPU and page table hold still. Memory is read only from pages mapped now: the monitor never faults a page
 * in (that would allocate, or page a swapped VM in), and it reads pages directly, so the debugger's watchpoints do
 * not fire on its reads.
 */
final class MemoryPeek {
    /** The most a {@code mem} request may read. */
    static final int MAX_BYTES = 4096;

    private final Kernel kernel;

    MemoryPeek(Kernel kernel) {
        this.kernel = kernel;
    }

    /** The registers of a VM off its worker. @throws MonitorException if it is running or gone */
    CpuRegisters registers(int vmId) {
        return kernel.lock().get(() -> {
            Cpu cpu = offWorker(vmId).cpu();
            int[] gprs = new int[8];
            for (int i = 0; i < gprs.length; i++) {
                gprs[i] = cpu.register(i);
            }
            return new CpuRegisters(gprs, cpu.eip(), cpu.eflags());
        });
    }

    /**
     * {@code length} bytes from {@code address}; bytes of pages not mapped now are -1 (unknown to the monitor).
     *
     * @throws MonitorException if the VM is running or gone, or the range is too long
     */
    int[] read(int vmId, int address, int length) {
        if (length < 1 || length > MAX_BYTES) {
            throw new MonitorException("mem reads 1.." + MAX_BYTES + " bytes, not " + length);
        }
        return kernel.lock().get(() -> {
            PagedMemory memory = offWorker(vmId).memory();
            int[] bytes = new int[length];
            for (int i = 0; i < length; i++) {
                long at = Integer.toUnsignedLong(address) + i;
                int pn = (int) (at >>> MemoryMap.PAGE_SHIFT);
                bytes[i] = at <= 0xFFFF_FFFFL && memory.isMapped(pn)
                    ? memory.page((int) at).data()[(int) (at & (MemoryMap.PAGE_SIZE - 1))] & 0xFF : -1;
            }
            return bytes;
        });
    }

    private VirtualMachine offWorker(int vmId) {
        for (VirtualMachine vm : kernel.vms()) {
            if (vm.id() == vmId) {
                VmState state = vm.state();
                if (state == VmState.ENDED || vm.cpu() == null) {
                    throw new MonitorException("vm " + vmId + " has ended");
                }
                if (state == VmState.RUNNING) {
                    throw new MonitorException("vm " + vmId + " is running on a worker right now; ask again");
                }
                return vm;
            }
        }
        throw new MonitorException("no vm " + vmId);
    }
}
