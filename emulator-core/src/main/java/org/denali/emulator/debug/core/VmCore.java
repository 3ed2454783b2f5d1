package org.denali.emulator.debug.core;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.debug.CpuRegisters;
import org.denali.emulator.debug.VirtualRegister;
import org.denali.emulator.kernel.FaultReport;
import org.denali.emulator.kernel.RegisterPage;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.memory.Page;
import org.denali.emulator.memory.PagedMemory;

/**
 * Captures a VM that is off its worker (stopped by the debugger, or at its fault) as a {@link CoreDump}, without
 * disturbing it: no page is provided, paged in or unmapped, no watchpoint fires, no counter moves.
 *
 * <p>Which pages: every page mapped in the VM's page table (private pages and the image pages it touched), every
 * page on swap (read from swap and checksum-verified, left there), and page 0 (the virtual registers). Pages the
 * VM never touched are not in the core: zero-fill pages read as unavailable, image pages come from the
 * executable, where gdb looks for them. A VM the gatekeeper swapped out whole has no page table: its private pages
 * are all on swap, its image pages come from the executable.
 */
public final class VmCore {
    private VmCore() {
    }

    /** Call with the kernel's lock held and the VM off its worker. */
    public static CoreDump capture(VirtualMachine vm, CpuRegisters registers, int signal, FaultReport fault,
            String programName, String arguments) {
        SortedMap<Integer, byte[]> pages = new TreeMap<>(vm.peekSwappedPages());
        PagedMemory memory = vm.memory();
        int pageCount = (int) (Integer.toUnsignedLong(vm.config().memorySize()) >>> MemoryMap.PAGE_SHIFT);
        if (memory != null && !memory.tablesDropped()) {
            for (int pn = 0; pn < pageCount; pn++) {
                Page page = memory.mappedPage(pn);
                if (page != null) {
                    pages.put(pn, page.data().clone());
                }
            }
        }
        RegisterPage registerPage = vm.registers();
        pages.putIfAbsent(0, registerPage.pageCopy());
        long[] values = new long[VirtualRegister.ALL.size()];
        for (int i = 0; i < values.length; i++) {
            VirtualRegister r = VirtualRegister.ALL.get(i);
            values[i] = r.size() == 8 ? registerPage.getLong(r.offset())
                : Integer.toUnsignedLong(registerPage.get(r.offset()));
        }
        byte[] note = DenaliNote.encode(vm.id(), signal, fault, VirtualRegister.ALL, values);
        return new CoreDump(vm.id(), programName, arguments, signal, registers, note, runs(pages));
    }

    /** Consecutive page numbers joined into one run each. */
    static List<CoreDump.MemoryRun> runs(SortedMap<Integer, byte[]> pages) {
        List<CoreDump.MemoryRun> runs = new ArrayList<>();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        int first = -1;
        int next = -1;
        for (var e : pages.entrySet()) {
            if (e.getKey() != next && first >= 0) {
                runs.add(new CoreDump.MemoryRun(first << MemoryMap.PAGE_SHIFT, run.toByteArray()));
                run.reset();
                first = -1;
            }
            if (first < 0) {
                first = e.getKey();
            }
            run.writeBytes(e.getValue());
            next = e.getKey() + 1;
        }
        if (first >= 0) {
            runs.add(new CoreDump.MemoryRun(first << MemoryMap.PAGE_SHIFT, run.toByteArray()));
        }
        return runs;
    }
}
