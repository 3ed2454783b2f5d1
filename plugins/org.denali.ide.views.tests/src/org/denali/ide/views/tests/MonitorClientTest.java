package org.denali.ide.views.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.denali.ide.core.launch.KernelCommandLine;
import org.denali.ide.views.monitor.CpuState;
import org.denali.ide.views.monitor.InterruptQueue;
import org.denali.ide.views.monitor.KernelStats;
import org.denali.ide.views.monitor.MonitorClient;
import org.denali.ide.views.monitor.MonitorException;
import org.denali.ide.views.monitor.MonitorReplies;
import org.denali.ide.views.monitor.SchedulerState;
import org.denali.ide.views.monitor.SwapState;
import org.denali.ide.views.monitor.VmPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The IDE's monitor client against a real {@code denali run --monitor} process with three idling VMs. */
class MonitorClientTest {
    private static Process kernel;
    private static MonitorClient client;
    private static final StringBuffer STDERR = new StringBuffer();

    @BeforeAll
    static void startKernel() throws Exception {
        Path dir = Files.createTempDirectory("monitor-client");
        Path image = TestKernels.idleGuest(dir, 2000);
        int port = KernelCommandLine.freeLoopbackPort();
        kernel = TestKernels.start(image, 3, port, STDERR);
        TestKernels.awaitMonitor(kernel, STDERR);
        client = MonitorClient.open(port);
    }

    @AfterAll
    static void stopKernel() {
        if (client != null) {
            client.close();
        }
        if (kernel != null) {
            kernel.destroyForcibly();
        }
    }

    @Test
    void typedRepliesOfALiveKernel() throws Exception {
        VmPage page;
        do {
            page = client.vms(0, 10, "");
        } while (page.total() < 3); // the VMs appear as the kernel instantiates them
        assertEquals(3, page.rows().size());
        assertEquals("vm2", page.rows().get(1).name());
        VmPage filtered = client.vms(0, 10, "vm3");
        assertEquals(1, filtered.matching());
        assertEquals(3, filtered.rows().get(0).id());

        SchedulerState s = client.scheduler(10);
        assertEquals(3, s.counts().admitted() + s.counts().gatekeeperQueue());
        KernelStats stats = client.stats();
        assertEquals(3, stats.vms());
        long before = stats.instructions();
        long after = before;
        while (after == before) {
            after = client.stats().instructions(); // the idle loops keep running while we watch
        }
        Map<String, Long> vregs = client.virtualRegisters(2);
        assertEquals(2L, vregs.get("vm_id"));
        assertEquals(0x494C4E44L, vregs.get("magic"));
        InterruptQueue q = client.interrupts(1);
        assertEquals(1, q.vm());
        assertEquals("timer", q.lines().get(0));
        SwapState swap = client.swap(1);
        assertEquals(512, swap.memoryPages(), "2M = 512 pages");
        assertEquals(SwapState.PageKind.RESIDENT, swap.pageKinds()[0x100], "the code page at 1M is mapped");
        assertEquals(SwapState.PageKind.UNTOUCHED, swap.pageKinds()[0x180]);
    }

    @Test
    void registersAndMemoryOfAnIdleVm() throws Exception {
        CpuState cpu = null;
        while (cpu == null) {
            try {
                cpu = client.cpu(1);
            } catch (MonitorException running) {
                assertTrue(running.getMessage().contains("running on a worker"), running.getMessage());
            }
        }
        assertTrue(cpu.eip() >= 0x100000 && cpu.eip() < 0x100010, "EIP in the idle loop: " + cpu);
        int[] code = null;
        while (code == null) {
            try {
                code = client.memory(1, 0x100000, 5);
            } catch (MonitorException running) {
                // on a worker right now: ask again
            }
        }
        assertArrayEquals(new int[] {0xb8, 0xd0, 0x07, 0x00, 0x00}, code, "mov $2000, %eax");
    }

    @Test
    void errorsBecomeMonitorExceptions() throws Exception {
        MonitorException noVm = assertThrows(MonitorException.class, () -> client.interrupts(99));
        assertTrue(noVm.getMessage().contains("no VM 99"), noVm.getMessage());
        assertThrows(MonitorException.class, () -> MonitorReplies.stats("not json at all"));
        assertThrows(MonitorException.class, () -> MonitorReplies.stats("{\"nowNanos\":1}"), "missing fields");
        assertThrows(MonitorException.class, () -> MonitorReplies.vms("[1,2]"));
        VmPage injected = client.vms(0, 10, "vm1\nstats");
        assertEquals(0, injected.matching(), "a filter's line break cannot start a second request");
        assertFalse(client.vms(0, 10, "  vm1   READY ").matching() > 1);
    }
}
