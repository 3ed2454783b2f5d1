package org.denali.emulator.kernel;

import static org.junit.jupiter.api.Assertions.*;

import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.CpuHost;
import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.kernel.memory.VmMemoryFault;
import org.denali.emulator.memory.PagedMemory;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 7: a VM whose memory cannot be backed (no backing page left, swap corrupt) is reported as what
 * happened, a #PF at the page it needed, not as "#GP … kernel error … VmMemoryFault".
 */
class MemoryFaultReportTest {
    private final Cpu cpu = new Cpu(new PagedMemory(), CpuHost.NONE);

    @Test
    void outOfBackingPagesIsAPageFaultThatSaysOutOfMemory() {
        FaultReport r = FaultReport.internalError(3, cpu, new VmMemoryFault(3,
            VmMemoryFault.Reason.OUT_OF_BACKING_PAGES, 0x123, "all 1024 backing pages are held", null));
        assertEquals(FaultVector.PF, r.vector());
        assertEquals(0x123000, r.address());
        assertTrue(r.summary().contains("out of memory: the kernel has no backing page left for this VM"), r.summary());
        assertFalse(r.summary().contains("kernel error") || r.summary().contains("VmMemoryFault"), r.summary());
    }

    @Test
    void swapCorruptionIsReportedAsSwapCorruption() {
        FaultReport r = FaultReport.internalError(3, cpu, new VmMemoryFault(3, VmMemoryFault.Reason.SWAP_CORRUPT, 7,
            "CRC mismatch", null));
        assertEquals(FaultVector.PF, r.vector());
        assertTrue(r.summary().contains("swap corruption detected"), r.summary());
        assertFalse(r.summary().contains("kernel error"), r.summary());
    }

    @Test
    void otherKernelFailuresStayKernelErrors() {
        FaultReport r = FaultReport.internalError(3, cpu, new IllegalStateException("bug"));
        assertEquals(FaultVector.GP, r.vector());
        assertTrue(r.summary().contains("kernel error while running this VM"), r.summary());
    }
}
