package org.denali.emulator.debug.core;

import java.util.List;
import org.denali.emulator.debug.CpuRegisters;

/**
 * Everything a core file of one VM holds, captured while the VM was stopped: the process-like identity gdb shows
 * (VM id as pid, program name and arguments), the signal it stopped with, its registers, the Denali note's bytes
 * and the memory, as runs of consecutive guest pages.
 */
public record CoreDump(int vmId, String programName, String arguments, int signal, CpuRegisters registers,
        byte[] denaliNote, List<MemoryRun> memory) {

    /** Consecutive guest pages starting at {@code address}; {@code bytes} is a multiple of the page size. */
    public record MemoryRun(int address, byte[] bytes) {
    }

    public CoreDump {
        memory = List.copyOf(memory);
    }
}
