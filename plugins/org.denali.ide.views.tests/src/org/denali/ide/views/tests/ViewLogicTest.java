package org.denali.ide.views.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.SymbolTable;
import org.denali.ide.views.disasm.DisassemblyWindow;
import org.denali.ide.views.interrupts.BatchTimeline;
import org.denali.ide.views.monitor.InterruptQueue;
import org.denali.ide.views.monitor.SwapState;
import org.denali.ide.views.monitor.VmRow;
import org.denali.ide.views.registers.RegisterMeanings;
import org.denali.ide.views.scheduler.VmPageCache;
import org.denali.ide.views.swap.PageUseHistory;
import org.denali.ide.views.swap.TimeAxis;
import org.junit.jupiter.api.Test;

/** The views' logic that needs no workbench: batching, decoding, paging, residency, disassembly windows. */
class ViewLogicTest {

    @Test
    void raisesBatchIntoOneDelivery() {
        List<InterruptQueue.Event> history = List.of(
                new InterruptQueue.Event("RAISED", 1, 1_000),
                new InterruptQueue.Event("RAISED", 4, 1_500),
                new InterruptQueue.Event("RAISED", 1, 1_700),
                new InterruptQueue.Event("DELIVERED", 5, 9_000),
                new InterruptQueue.Event("RAISED", 2, 10_000));
        List<BatchTimeline.Batch> batches = BatchTimeline.batches(history);
        assertEquals(2, batches.size());
        assertEquals(new BatchTimeline.Batch(5, 1_000, 9_000, 3), batches.get(0), "three raises, one frame");
        assertEquals(8_000, batches.get(0).waitedNanos());
        assertTrue(batches.get(1).pending());
        assertEquals(2, batches.get(1).lines());
    }

    @Test
    void registersAreDecodedWithMeaning() {
        assertEquals("'DNLI' (Denali register page)", RegisterMeanings.describe("magic", 0x494C4E44L));
        assertEquals("16 MiB accessible", RegisterMeanings.describe("memory_size", 16 << 20));
        assertEquals("1.500000 s since the VM started", RegisterMeanings.describe("system_time_us", 1_500_000));
        assertTrue(RegisterMeanings.describe("cpu_speed_khz", 1_000_000).startsWith("virtual CPU at 1000.0 MHz"));
        assertEquals("pending: timer, nic-receive", RegisterMeanings.describe("pending_interrupts", 0b11));
        assertEquals("no: lines stay pending", RegisterMeanings.describe("interrupts_enabled", 0));
        // the register holds network byte order, read little-endian as the kernel reports it (RegisterPage)
        assertEquals("10.0.2.15", RegisterMeanings.describe("nic_ipv4", Integer.toUnsignedLong(
                Integer.reverseBytes(0x0A00020F))));
    }

    @Test
    void hexShowsEveryDigitOfA64BitRegister() {
        assertEquals("0x0000012a05f20000", RegisterMeanings.hex("system_time_us", 0x12a05f20000L));
        assertEquals("0x0000000000000007", RegisterMeanings.hex("instructions_retired", 7));
        assertEquals("0x0300000a", RegisterMeanings.hex("nic_ipv4", 0x0300000aL));
        assertEquals("0xffffffff", RegisterMeanings.hex("pending_interrupts", 0xffffffffL));
    }

    @Test
    void thePageCacheFetchesOnlyWhatIsOnScreen() {
        VmPageCache cache = new VmPageCache();
        assertNull(cache.row(5_000), "not fetched yet");
        assertNull(cache.row(-1), "GTK asks for row -1 while the table is emptied");
        assertEquals(Set.of(25, 0, 1), cache.pagesToFetch(150, 60), "the wanted page and the visible ones");
        cache.put("", 25, List.of(new VmRow(5_001, "vm5001", "IDLE", false, null, null, 3, null)));
        assertEquals("vm5001", cache.row(5_000).name());
        cache.put("stale filter", 0, List.of(new VmRow(1, "vm1", "IDLE", false, null, null, 3, null)));
        assertNull(cache.row(0), "a page fetched for another filter is dropped");
        cache.setFilter("idle");
        assertEquals(0, cache.cachedPages(), "a new filter empties the cache");
    }

    @Test
    void theQueuesNameVmsAsTheTableDoes() {
        VmPageCache cache = new VmPageCache();
        assertEquals("vm2", cache.nameOf(2), "not fetched yet: the kernel's default name");
        cache.put("", 0, List.of(new VmRow(1, "loadgen#0", "READY", false, null, null, 3, null),
                new VmRow(2, "httpd#0", "IDLE", false, null, null, 3, null)));
        cache.setFilter("httpd");
        assertEquals("httpd#0", cache.nameOf(2), "a deployment VM keeps its name across filters");
        assertEquals("loadgen#0", cache.nameOf(1));
    }

    @Test
    void residencyKindsPerPage() {
        SwapState s = new SwapState(1, false, 8, 2, 2, 4, 1 << 20, 1, 3, 7, List.of(new int[] {0, 1}),
                List.of(new int[] {4, 4}), List.of(new int[] {1, 2}, new int[] {6, 6}));
        SwapState.PageKind[] kinds = s.pageKinds();
        assertEquals(SwapState.PageKind.RESIDENT, kinds[0]);
        assertEquals(SwapState.PageKind.SWAPPED, kinds[1]);
        assertEquals(SwapState.PageKind.SWAPPED, kinds[2]);
        assertEquals(SwapState.PageKind.UNTOUCHED, kinds[3]);
        assertEquals(SwapState.PageKind.RESIDENT, kinds[4], "holding a backing page, not mapped yet");
        assertEquals(SwapState.PageKind.SWAPPED, kinds[6]);
    }

    @Test
    void pageUseHistoryKeepsARecentWindowAndRestartsForANewKernel() {
        PageUseHistory h = new PageUseHistory();
        for (int i = 0; i < 1000; i++) {
            h.add(new PageUseHistory.Sample(i, i % 50, 128));
        }
        assertEquals(240, h.samples().size());
        assertEquals(128, h.scale(), "a real budget is the scale");
        h.add(new PageUseHistory.Sample(0, 3, 128));
        assertEquals(1, h.samples().size(), "a clock going back is another kernel");
    }

    @Test
    void disassemblyAroundEipStartsAtTheFunctionAndMarksEip() throws Exception {
        Path dir = Files.createTempDirectory("disasm-window");
        Path elf = TestKernels.idleGuest(dir, 5);
        SymbolTable symbols = ElfParser.parse(elf).symbols();
        DisassemblyWindow window = new DisassemblyWindow(symbols);
        long eip = 0x100005; // the virtual idle instruction
        assertEquals(0x100000, window.sweepStart(eip), "_start");
        int[] bytes = {0xb8, 0x05, 0, 0, 0, 0x0f, 0x0a, 0xeb, 0xf7, -1, -1};
        List<DisassemblyWindow.Line> lines = window.lines(eip, 0x100000, bytes);
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("_start", lines.get(0).label());
        assertTrue(lines.get(0).text().startsWith("mov"), lines.get(0).text());
        assertTrue(lines.get(1).current());
        assertEquals("_start+0x5", lines.get(1).label());
        assertEquals("idle", lines.get(1).text().trim());
        assertTrue(lines.get(2).text().contains("<_start>"), "branch target by symbol: " + lines.get(2).text());
        assertFalse(lines.get(0).current());
    }

    @Test
    void swapTimeAxisTicksAtRoundSecondsThatFitTheWidth() {
        // 60 s over 600 px with labels 50 px wide: 5 s steps are the first that fit (50 px apart)
        List<TimeAxis.Tick> ticks = TimeAxis.ticks(60, 600, 50);
        assertEquals("now", ticks.get(0).label());
        assertEquals(new TimeAxis.Tick(5, "-5 s"), ticks.get(1));
        assertEquals(new TimeAxis.Tick(60, "-1 min"), ticks.get(ticks.size() - 1));
        assertEquals(13, ticks.size());
        // a narrow pane gets fewer, wider-spaced ticks
        assertEquals(List.of(new TimeAxis.Tick(0, "now"), new TimeAxis.Tick(30, "-30 s"), new TimeAxis.Tick(60, "-1 min")),
                TimeAxis.ticks(60, 120, 50));
        assertEquals(List.of(new TimeAxis.Tick(0, "now")), TimeAxis.ticks(0, 600, 50));
        // a deterministic clock's window of 0.06 kernel seconds: millisecond ticks
        List<TimeAxis.Tick> short_ = TimeAxis.ticks(0.06, 600, 50);
        assertEquals(new TimeAxis.Tick(0.005, "-5 ms"), short_.get(1));
        assertEquals(new TimeAxis.Tick(0.06, "-60 ms"), short_.get(short_.size() - 1));
    }

    @Test
    void pageUseWindowFollowsTheKernelClocksPace() {
        PageUseHistory realTime = new PageUseHistory();
        PageUseHistory deterministic = new PageUseHistory();
        for (int i = 0; i <= 10; i++) {
            long host = i * 1_000_000_000L; // one sample a second of host time
            realTime.add(new PageUseHistory.Sample(i * 1_000_000_000L, 5, 128), host);
            deterministic.add(new PageUseHistory.Sample(i * 5_000_000L, 5, 128), host); // 5 ms of guest time each
        }
        assertEquals(30, realTime.windowSeconds(), 1e-9, "10 s of a real-time kernel: the 30 s minimum");
        assertEquals(0.15, deterministic.windowSeconds(), 1e-9,
                "0.05 kernel seconds at 1/200 of host pace: the minimum is 30 host seconds of kernel time");
        for (int i = 11; i <= 100; i++) {
            realTime.add(new PageUseHistory.Sample(i * 1_000_000_000L, 5, 128), i * 1_000_000_000L);
        }
        assertEquals(100, realTime.windowSeconds(), 1e-9, "longer than the minimum: the samples' own span");
    }
}
