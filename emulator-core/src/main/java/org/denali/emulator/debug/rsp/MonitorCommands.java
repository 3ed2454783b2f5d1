package org.denali.emulator.debug.rsp;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.debug.DebugException;
import org.denali.emulator.debug.InterruptQueueSnapshot;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.SchedulerSnapshot;
import org.denali.emulator.debug.SwapSnapshot;
import org.denali.emulator.debug.VirtualRegister;
import org.denali.emulator.debug.VmInfo;
import org.denali.emulator.debug.core.CoreDump;
import org.denali.emulator.debug.history.ExecutionHistory;
import org.denali.emulator.debug.history.HistoryException;
import org.denali.emulator.debug.history.ReverseCommands;
import org.denali.emulator.debug.core.ElfCoreWriter;
import org.denali.emulator.kernel.InterruptEvent;
import org.denali.emulator.kernel.snapshot.SnapshotCommand;

/**
 * gdb's {@code monitor} commands (qRcmd): human-readable views of the kernel. VM arguments are decimal VM ids
 * (= gdb thread numbers); without one, the current thread's VM.
 */
final class MonitorCommands {
    static final String HELP = """
        Denali monitor commands:
          monitor vms                 every VM: id, name, state, why it stopped
          monitor interrupts [VM]     pending mask, enabled/handler, next delivery, raise/deliver history
          monitor swap [VM]           residency, backing and swap counters, resident page runs
          monitor sched               admitted, running, run queue, idle VMs with timeouts, gatekeeper queue
          monitor vregs [VM]          the virtual registers of page 0
          monitor fault [VM]          the fault the VM is held at (or ended with): vector, address, instruction
          monitor core VM FILE        write an ELF core of the stopped VM to FILE (gdb IMAGE FILE opens it)
          monitor snapshot save FILE  write the whole kernel (every VM, the LAN, the queues) to FILE;
                                      denali run ... --restore FILE goes on from there
          monitor icount [VM]         the VM's retired instruction count: vm3 at instruction 123456
          monitor seek VM ICOUNT      (recorded runs) move every VM to where VM had retired ICOUNT
          monitor history             (recorded runs) the recorded history: start, end, where the kernel is
        """;

    private final KernelDebugger debugger;
    /** The recorded run's history, or null. */
    private final ReverseCommands reverse;

    MonitorCommands(KernelDebugger debugger, ReverseCommands reverse) {
        this.debugger = debugger;
        this.reverse = reverse;
    }

    /** The command's output; never throws for bad input (the message is the output). */
    String run(String commandLine, int currentVm) {
        String[] words = commandLine.trim().split("\\s+");
        try {
            if (words[0].equals("core")) {
                return core(commandLine.trim());
            }
            if (words[0].equals("snapshot")) {
                return snapshot(commandLine.trim().substring("snapshot".length()));
            }
            if (words[0].equals("seek") || words[0].equals("history")) {
                return history(words);
            }
            int vm = words.length > 1 ? parseVm(words[1]) : currentVm;
            return switch (words[0]) {
                case "vms" -> vms();
                case "interrupts" -> interrupts(debugger.interrupts(vm));
                case "swap" -> swap(debugger.swap(vm));
                case "sched" -> sched(debugger.scheduler());
                case "vregs" -> vregs(vm);
                case "fault" -> fault(vm);
                case "icount" -> icount(vm);
                case "help", "" -> HELP;
                default -> "unknown monitor command '" + words[0] + "'\n" + HELP;
            };
        } catch (DebugException e) {
            return e.getMessage() + "\n";
        }
    }

    private String icount(int vm) {
        VmInfo info = debugger.vm(vm);
        return "vm" + vm + " at instruction " + info.instructions() + (info.exit() != null ? " (ended)" : "") + "\n";
    }

    /** {@code seek VM ICOUNT} and {@code history}; errors start with "error: " (the IDE tells them apart so). */
    private String history(String[] words) {
        if (reverse == null) {
            return "error: no recorded history: start the run with --gdb PORT --record FILE --deterministic\n";
        }
        ExecutionHistory h = reverse.history();
        if (words[0].equals("history")) {
            long[] kept = h.checkpointStats();
            return String.format("history from point %d to %d (instructions of all VMs), now at %d%s; "
                + "%d checkpoints, %d bytes%n", h.start(), h.end(), h.position(), h.inPast() ? " (in the past)" : "",
                kept[0], kept[1]);
        }
        if (words.length != 3) {
            return "error: usage: monitor seek VM ICOUNT\n";
        }
        int vm;
        long count;
        try {
            vm = Integer.parseInt(words[1]);
            count = Long.parseLong(words[2]);
        } catch (NumberFormatException e) {
            return "error: usage: monitor seek VM ICOUNT (decimal numbers)\n";
        }
        if (count < 0) {
            return "error: an instruction count is at least 0\n";
        }
        try {
            reverse.seek(vm, count);
        } catch (DebugException | HistoryException e) {
            return "error: " + e.getMessage() + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "error: interrupted\n";
        }
        return "vm" + vm + " at instruction " + reverse.icount(vm) + "\n";
    }

    private static int parseVm(String word) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            throw new DebugException("not a VM id: " + word);
        }
    }

    private String vms() {
        StringBuilder sb = new StringBuilder(String.format("%-4s %-16s %-8s %-8s %s%n", "ID", "NAME", "STATE",
            "DEBUG", "DETAIL"));
        for (VmInfo vm : debugger.vms()) {
            String detail = vm.exit() != null ? vm.exit().toString()
                : vm.lastStop() != null ? vm.lastStop().toString() : "";
            sb.append(String.format("%-4d %-16s %-8s %-8s %s%n", vm.id(), vm.name(), vm.state(),
                vm.stopped() ? "stopped" : "running", detail));
        }
        return sb.toString();
    }

    static String lineNames(int mask) {
        if (mask == 0) {
            return "none";
        }
        StringJoiner names = new StringJoiner(",");
        for (int line = 0; line < 32; line++) {
            if ((mask & 1 << line) != 0) {
                names.add(line < InterruptLines.COUNT ? InterruptLines.name(line) : "line" + line);
            }
        }
        return names.toString();
    }

    private static String interrupts(InterruptQueueSnapshot q) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("VM %d interrupt queue%n", q.vmId()));
        sb.append(String.format("  pending:        %#010x (%s)%n", q.pending(), lineNames(q.pending())));
        sb.append(String.format("  enabled:        %s%n", q.enabled() ? "yes" : "no"));
        sb.append(String.format("  handler:        %#010x%n", q.handler()));
        sb.append(String.format("  being handled:  %s%n", lineNames(q.beingHandled())));
        sb.append(String.format("  next quantum delivers: %s%n", q.nextDelivery() != 0 ? lineNames(q.nextDelivery())
            : q.pending() == 0 ? "nothing (none pending)"
            : "nothing (" + (q.enabled() ? "no handler" : "interrupts disabled") + ")"));
        sb.append(String.format("  history (%d events, oldest first):%n", q.history().size()));
        for (InterruptEvent e : q.history()) {
            sb.append("    ").append(e).append('\n');
        }
        return sb.toString();
    }

    private static String swap(SwapSnapshot s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("VM %d memory%n", s.vmId()));
        sb.append(String.format("  admitted:       %s%n", s.admitted() ? "yes (resident)" : "no (swapped out)"));
        sb.append(String.format("  pages mapped:   %d of %d%n", s.mappedPages(), s.memoryPages()));
        sb.append(String.format("  backing pages:  %d held, %d footprint%n", s.backingPages(), s.footprintPages()));
        sb.append(String.format("  swap region:    %d bytes%n", s.swapRegionBytes()));
        sb.append(String.format("  page-ins:       %d%n  page-outs:      %d%n", s.pageIns(), s.pageOuts()));
        sb.append("  resident runs: ");
        for (int[] run : s.residency()) {
            sb.append(run[0] == run[1] ? String.format(" %#x", run[0]) : String.format(" %#x-%#x", run[0], run[1]));
        }
        return sb.append('\n').toString();
    }

    private static String sched(SchedulerSnapshot s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("kernel clock:     %d ns%n", s.nowNanos()));
        sb.append("admitted:         ").append(s.admitted()).append('\n');
        sb.append("running:          ").append(s.running()).append('\n');
        sb.append("run queue:        ").append(s.runQueue()).append('\n');
        sb.append("idle:            ");
        if (s.idle().isEmpty()) {
            sb.append(" []");
        }
        for (SchedulerSnapshot.IdleVm idle : s.idle()) {
            sb.append(idle.timeoutMicros() < 0 ? String.format(" vm%d(forever)", idle.vmId())
                : String.format(" vm%d(timeout %d us, wakes at %d ns)", idle.vmId(), idle.timeoutMicros(),
                    idle.wakeAtNanos()));
        }
        sb.append('\n');
        sb.append("gatekeeper queue: ").append(s.gatekeeperQueue()).append('\n');
        sb.append("held by debugger: ").append(s.held()).append('\n');
        return sb.toString();
    }

    private String fault(int vm) {
        var f = debugger.fault(vm);
        if (f == null) {
            return "VM " + vm + " has not faulted\n";
        }
        String held = debugger.vm(vm).exit() == null
            ? "held at the fault (continue delivers it: the VM ends)" : "ended";
        return f.describe() + "\n  " + held + "\n";
    }

    /** {@code core VM FILE}: FILE is the rest of the line (spaces allowed), relative to the kernel's directory. */
    private String core(String line) {
        String[] parts = line.split("\\s+", 3);
        if (parts.length < 3) {
            return "usage: monitor core VM FILE (VM is a VM id, FILE the core file to write)\n";
        }
        int vm = parseVm(parts[1]);
        Path file;
        try {
            file = Path.of(parts[2]).toAbsolutePath();
        } catch (InvalidPathException e) {
            return "not a file name: " + parts[2] + "\n";
        }
        CoreDump dump = debugger.core(vm);
        try {
            ElfCoreWriter.write(dump, file);
        } catch (IOException e) {
            return "cannot write " + file + ": " + e.getMessage() + "\n";
        }
        return String.format("VM %d: core written to %s (%d memory runs)%n", vm, file, dump.memory().size());
    }

    private String snapshot(String arguments) {
        try {
            return new SnapshotCommand(debugger.kernel()).run(arguments).describe() + "\n";
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "\n";
        }
    }

    private String vregs(int vm) {
        StringBuilder sb = new StringBuilder(String.format("VM %d virtual registers%n", vm));
        for (VirtualRegister r : VirtualRegister.ALL) {
            long v = debugger.readVirtualRegister(vm, r);
            sb.append(String.format("  %-22s %#x%s%n", r.name(), v, r.writable() ? " (rw)" : ""));
        }
        return sb.toString();
    }
}
