package org.denali.emulator.debug.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.denali.emulator.debug.CpuRegisters;
import org.denali.emulator.debug.DebugException;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.VmInfo;
import org.denali.emulator.debug.json.Json;
import org.denali.emulator.debug.json.SnapshotJson;
import org.denali.emulator.debug.timeline.TimelineCollector;
import org.denali.emulator.debug.timeline.TimelineJson;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelStatistics;
import org.denali.emulator.kernel.MemoryManager;
import org.denali.emulator.kernel.snapshot.SnapshotCommand;

/**
 * What each monitor request answers: one request line in, one JSON line out, never an exception. Requests
 * (VM ids decimal, as the IDE shows them):
 * <pre>
 * help                      the request list
 * stats                     kernel counters, VM count, physical backing pages used / total
 * sched [LIMIT]             scheduler state, lists cut to LIMIT (default 100) plus their full counts
 * vms FIRST COUNT [FILTER]  one page of the VM list (COUNT &le; 1000), optionally only VMs matching FILTER
 * vms-find TEXT             ids of the VMs matching TEXT (at most 1000) and how many match
 * vm ID | interrupts ID | swap ID | vregs ID     one VM's snapshot
 * regs ID                   CPU registers of a VM off its worker (see {@link MemoryPeek})
 * mem ID ADDR LEN           LEN bytes at hex ADDR of a VM off its worker; unmapped bytes are -1
 * snapshot save FILE        write the whole kernel to FILE (the monitor's one request that writes; a file of the
 *                           kernel process's user, loopback clients only); snapshot load is refused with why
 * timeline ID [LIMIT [FROM TO]]  the VM's newest LIMIT (default 2000, at most 20000) timeline events with
 *                           instruction counts in [FROM, TO]: quanta, interrupt batches, swap, frames
 *                           ({@link TimelineCollector})
 * </pre>
 * Snapshots come from the {@link KernelDebugger} the kernel was built with (unattached, it only watches), in the
 * JSON form shared with the GDB stub ({@link SnapshotJson}).
 */
public final class MonitorRequests {
    static final int DEFAULT_SCHED_LIMIT = 100;
    static final int MAX_PAGE = 1000;
    static final List<String> REQUESTS = List.of("help", "stats", "sched [LIMIT]", "vms FIRST COUNT [FILTER]",
        "vms-find TEXT", "vm ID", "interrupts ID", "swap ID", "vregs ID", "regs ID", "mem ID ADDR LEN",
        "snapshot save FILE", "timeline ID [LIMIT [FROM TO]]");
    static final int DEFAULT_TIMELINE_LIMIT = 2000;
    static final int MAX_TIMELINE_LIMIT = 20_000;

    private final KernelDebugger debugger;
    private final MemoryManager memory;
    private final MemoryPeek peek;
    private final TimelineCollector timeline;

    /** @param memory the kernel's memory manager, for physical page use (null: not reported) */
    public MonitorRequests(KernelDebugger debugger, MemoryManager memory) {
        this.debugger = debugger;
        this.memory = memory;
        this.peek = new MemoryPeek(debugger.kernel());
        this.timeline = TimelineCollector.observe(debugger.kernel());
    }

    /** The timeline the {@code timeline} request serves; the LAN's frames reach it as a tap. */
    public TimelineCollector timeline() {
        return timeline;
    }

    /** The JSON reply to one request line; errors are {@code {"error":"..."}}. */
    public String answer(String line) {
        if (line == null || line.equals(LineReader.TOO_LONG)) {
            return error("request longer than " + LineReader.MAX_LINE + " bytes");
        }
        String[] words = line.trim().split("\\s+");
        try {
            return switch (words[0]) {
                case "help" -> help();
                case "stats" -> stats();
                case "sched" -> SnapshotJson.sched(debugger.scheduler(),
                    words.length > 1 ? number(words, 1, "LIMIT", 0, Integer.MAX_VALUE) : DEFAULT_SCHED_LIMIT);
                case "vms" -> vms(words);
                case "vms-find" -> find(rest(words, 1));
                case "vm" -> vm(vmId(words, 2));
                case "interrupts" -> SnapshotJson.interrupts(debugger.interrupts(vmId(words, 2)));
                case "swap" -> SnapshotJson.swap(debugger.swap(vmId(words, 2)));
                case "vregs" -> vregs(vmId(words, 2));
                case "regs" -> regs(vmId(words, 2));
                case "mem" -> mem(words);
                case "snapshot" -> snapshot(line.trim().substring("snapshot".length()));
                case "timeline" -> timeline(words);
                case "" -> error("empty request; try help");
                default -> error("unknown request '" + shorten(words[0]) + "'; try help");
            };
        } catch (MonitorException | DebugException e) {
            return error(e.getMessage());
        } catch (RuntimeException e) {
            // A monitor bug must never reach the kernel: the client gets the error, the kernel goes on.
            return error("internal error: " + e);
        }
    }

    private String snapshot(String arguments) {
        SnapshotCommand.Saved saved;
        try {
            saved = new SnapshotCommand(debugger.kernel()).run(arguments);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        return new Json().beginObject().field("file", saved.file().toString()).field("bytes", saved.bytes())
            .field("sections", saved.sections()).field("instructions", saved.instructions())
            .field("micros", saved.micros()).endObject().toString();
    }

    private String timeline(String[] words) {
        if (words.length < 2 || words.length == 4 || words.length > 5) {
            throw new MonitorException("usage: " + usage(words[0]));
        }
        int vm = number(words, 1, "ID", 1, Integer.MAX_VALUE);
        if (vm > debugger.vmCount()) {
            throw new MonitorException("no VM " + vm + " (this kernel has " + debugger.vmCount() + ")");
        }
        int limit = words.length > 2 ? number(words, 2, "LIMIT", 1, MAX_TIMELINE_LIMIT) : DEFAULT_TIMELINE_LIMIT;
        long from = 0;
        long to = Long.MAX_VALUE;
        if (words.length > 3) {
            from = count(words[3], "FROM");
            to = count(words[4], "TO");
        }
        var vmNow = debugger.kernel().vm(vm);
        return TimelineJson.of(vm, vmNow == null ? -1 : vmNow.instructionsRetired(),
            timeline.slice(vm, from, to, limit));
    }

    private static long count(String word, String name) {
        try {
            long value = Long.parseLong(word);
            if (value < 0) {
                throw new MonitorException(name + " must not be negative: " + word);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new MonitorException(name + " is not an instruction count: '" + shorten(word) + "'");
        }
    }

    static String error(String message) {
        return new Json().beginObject().field("error", message).endObject().toString();
    }

    private static String help() {
        Json j = new Json().beginObject().key("requests").beginArray();
        REQUESTS.forEach(j::value);
        return j.endArray().endObject().toString();
    }

    private String stats() {
        Kernel kernel = debugger.kernel();
        KernelStatistics s = kernel.statistics();
        Json j = new Json().beginObject().field("nowNanos", kernel.nowNanos()).field("vms", debugger.vmCount())
            .field("instructions", s.instructions()).field("quanta", s.quanta()).field("vmSwitches", s.vmSwitches())
            .field("interruptBatches", s.interruptBatches()).field("interruptLines", s.interruptLines())
            .field("idleWakesByTimeout", s.idleWakesByTimeout())
            .field("idleWakesByInterrupt", s.idleWakesByInterrupt()).field("faults", s.faults())
            .field("pageIns", s.pageIns()).field("pageOuts", s.pageOuts()).field("elapsedNanos", s.elapsedNanos());
        if (memory != null) {
            long total = memory.totalBackingPages();
            j.field("physicalPages", total).field("usedPages", total - memory.freeBackingPages());
        }
        return j.endObject().toString();
    }

    private String vms(String[] words) {
        int first = number(words, 1, "FIRST", 0, Integer.MAX_VALUE);
        int count = number(words, 2, "COUNT", 0, MAX_PAGE);
        VmFilter filter = new VmFilter(rest(words, 3));
        int total;
        int matching;
        List<VmInfo> page;
        if (filter.matchesEverything()) {
            // the common case stays O(page): no VmInfo for VMs outside it
            total = debugger.vmCount();
            matching = total;
            page = debugger.vms(first, count);
        } else {
            List<VmInfo> all = debugger.vms();
            total = all.size();
            List<VmInfo> matched = all.stream().filter(filter::matches).toList();
            matching = matched.size();
            int from = Math.min(first, matching);
            page = matched.subList(from, (int) Math.min(matching, (long) from + count));
        }
        Json j = new Json().beginObject().field("total", total).field("matching", matching).field("first", first);
        j.key("vms").beginArray();
        page.forEach(vm -> SnapshotJson.vm(j, vm));
        return j.endArray().endObject().toString();
    }

    private String find(String text) {
        if (text.isEmpty()) {
            throw new MonitorException("usage: vms-find TEXT");
        }
        VmFilter filter = new VmFilter(text);
        List<Integer> ids = new ArrayList<>();
        int matching = 0;
        for (VmInfo vm : debugger.vms()) {
            if (filter.matches(vm)) {
                if (matching++ < MAX_PAGE) {
                    ids.add(vm.id());
                }
            }
        }
        return new Json().beginObject().field("matching", matching).field("ids", ids).endObject().toString();
    }

    private String vm(int id) {
        return SnapshotJson.vm(new Json(), debugger.vm(id)).toString();
    }

    private String vregs(int id) {
        debugger.vm(id); // "no VM n" before any register is read
        return SnapshotJson.vregs(register -> debugger.readVirtualRegister(id, register));
    }

    private String regs(int id) {
        CpuRegisters r = peek.registers(id);
        String[] names = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
        Json j = new Json().beginObject().field("vm", id);
        for (int i = 0; i < names.length; i++) {
            j.field(names[i], Integer.toUnsignedLong(r.gpr(i)));
        }
        return j.field("eip", Integer.toUnsignedLong(r.eip())).field("eflags", Integer.toUnsignedLong(r.eflags()))
            .endObject().toString();
    }

    private String mem(String[] words) {
        int id = vmId(words, 4);
        int address = hexAddress(words, 2);
        int length = number(words, 3, "LEN", 1, MemoryPeek.MAX_BYTES);
        Json j = new Json().beginObject().field("vm", id).field("address", Integer.toUnsignedLong(address));
        j.key("bytes").beginArray();
        for (int b : peek.read(id, address, length)) {
            j.value(b);
        }
        return j.endArray().endObject().toString();
    }

    // ---- argument parsing: every malformed argument is a clear error, never an exception escaping ----

    private static int vmId(String[] words, int expectedWords) {
        if (words.length != expectedWords) {
            throw new MonitorException("usage: " + usage(words[0]));
        }
        return number(words, 1, "ID", 1, Integer.MAX_VALUE);
    }

    private static String usage(String request) {
        return REQUESTS.stream().filter(r -> r.startsWith(request + " ")).findFirst().orElse(request);
    }

    private static int number(String[] words, int index, String name, long min, long max) {
        if (index >= words.length) {
            throw new MonitorException("usage: " + usage(words[0]) + " (" + name + " missing)");
        }
        String text = words[index];
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MonitorException(name + " must be a number " + min + ".." + max + ", not '" + shorten(text) + "'");
    }

    private static int hexAddress(String[] words, int index) {
        String text = index < words.length ? words[index] : "";
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        try {
            long value = Long.parseLong(digits, 16);
            if (!digits.isEmpty() && digits.length() <= 8 && value >= 0) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MonitorException("ADDR must be a hex address like 0x100020, not '" + shorten(text) + "'");
    }

    private static String rest(String[] words, int from) {
        return from >= words.length ? "" : String.join(" ", Arrays.asList(words).subList(from, words.length));
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
