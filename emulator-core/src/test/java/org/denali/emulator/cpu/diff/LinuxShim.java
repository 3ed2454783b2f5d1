package org.denali.emulator.cpu.diff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.CpuHost;
import org.denali.emulator.cpu.RunResult;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.memory.PagedMemory;
import org.denali.emulator.memory.PageProvider;

/**
 * Runs a static i386 Linux test program in the emulator, implementing just the two system calls the test
 * programs use through {@code int $0x80}: write(1, buf, len) (EAX=4) and exit(code) (EAX=1).
 */
public final class LinuxShim {
    private static final int SYS_EXIT = 1;
    private static final int SYS_WRITE = 4;
    private static final int MEMORY_SIZE = 64 << 20;

    private LinuxShim() {
    }

    public static Toolchain.Execution run(Path executable, long instructionLimit) throws IOException {
        return run(executable, instructionLimit, Engine.INTERPRETER);
    }

    public static Toolchain.Execution run(Path executable, long instructionLimit, Engine engine) throws IOException {
        PagedMemory memory = new PagedMemory(MEMORY_SIZE, PageProvider.ZERO_FILL);
        Cpu cpu = engine.apply(new Cpu(memory, CpuHost.NONE));
        cpu.setEip(TestElfLoader.load(executable, memory));
        cpu.setRegister(Registers.ESP, MEMORY_SIZE - 16);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long used = 0;
        while (used < instructionLimit) {
            RunResult result = cpu.run(instructionLimit - used);
            used += result.instructions();
            if (result.reason() != StopReason.SOFTWARE_INTERRUPT || result.interruptNumber() != 0x80) {
                throw new AssertionError("emulated program stopped unexpectedly: " + result + " (eip "
                    + Integer.toHexString(cpu.eip()) + ")");
            }
            int call = cpu.register(Registers.EAX);
            if (call == SYS_EXIT) {
                return new Toolchain.Execution(out.toByteArray(), cpu.register(Registers.EBX) & 0xFF);
            }
            if (call != SYS_WRITE) {
                throw new AssertionError("unsupported system call " + call);
            }
            int length = cpu.register(Registers.EDX);
            byte[] bytes = new byte[length];
            memory.readBytes(cpu.register(Registers.ECX), bytes, 0, length);
            out.write(bytes, 0, length);
            cpu.setRegister(Registers.EAX, length);
        }
        throw new AssertionError("emulated program did not exit within " + instructionLimit + " instructions");
    }
}
