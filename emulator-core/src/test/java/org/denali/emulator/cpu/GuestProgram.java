package org.denali.emulator.cpu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.cpu.diff.TestElfLoader;
import org.denali.emulator.cpu.diff.Toolchain;
import org.denali.emulator.memory.PagedMemory;
import org.denali.emulator.memory.PageProvider;

/** Assembles an AT&T snippet (entry {@code _start}, with a 64 KiB stack) and loads it into a fresh CPU. */
final class GuestProgram {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private GuestProgram() {
    }

    static Cpu load(String body, CpuHost host) throws Exception {
        return load(body, host, PageProvider.ZERO_FILL);
    }

    static Cpu load(String body, CpuHost host, PageProvider provider) throws Exception {
        Path exe = build(body);
        PagedMemory memory = new PagedMemory(16 << 20, provider);
        Cpu cpu = new Cpu(memory, host);
        cpu.setEip(TestElfLoader.load(exe, memory));
        cpu.setRegister(Registers.ESP, 0x0080_0000);
        return cpu;
    }

    static Path build(String body) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "cpu-unit").toAbsolutePath());
        String source = ".text\n.globl _start\n_start:\n" + body + "\n";
        return Toolchain.assemble(dir, "snippet" + COUNTER.incrementAndGet(), source);
    }
}
