package org.denali.emulator.debug;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.denali.emulator.cpu.diff.Toolchain;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.InHeapMemoryManager;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.Quantum;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmConfig;

/** Guests and kernels for the debugger tests, assembled with the host's as/ld (text at 0x101000, after the ELF headers' page). */
public final class DebugGuests {
    /** An endless loop; addresses below are fixed by the encoding (checked by the tests that use them). */
    public static final String LOOP = """
        .text
        .globl _start
        _start:
          mov $counter, %esi
          xor %ebx, %ebx
        loop:
          inc %ebx
          mov %ebx, (%esi)
          call func
          mov (%esi), %eax
          jmp loop
        func:
          ret
        .data
        counter: .long 0
        """;
    public static final int LOOP_TOP = 0x101007;
    public static final int AFTER_STORE = 0x10100a;
    public static final int CALL = 0x10100a;
    public static final int AFTER_CALL = 0x10100f;
    public static final int AFTER_LOAD = 0x101011;
    public static final int FUNC = 0x101013;

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private DebugGuests() {
    }

    public static GuestImage image(String source) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "debug-guests").toAbsolutePath());
        return GuestImage.parse(Files.readAllBytes(
            Toolchain.assemble(dir, "guest" + COUNTER.incrementAndGet(), source)));
    }

    /** A kernel under a debugger, two workers, 10,000-instruction quanta. */
    public static KernelDebugger debugger() {
        KernelConfig config = KernelConfig.defaults().withWorkers(2).withQuantum(Quantum.ofInstructions(10_000));
        return KernelDebugger.newKernel(config, InHeapMemoryManager.unlimited());
    }

    public static VirtualMachine instantiate(KernelDebugger debugger, GuestImage image) throws Exception {
        ConsoleTap tap = debugger.consoleTap(new ByteArrayOutputStream());
        VirtualMachine vm = debugger.kernel().instantiate(image, VmConfig.defaults(), tap);
        tap.bind(vm.id());
        return vm;
    }

    /** Runs the kernel on a daemon thread. */
    public static Thread start(KernelDebugger debugger) {
        Thread t = new Thread(() -> debugger.kernel().run(), "test-kernel");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
