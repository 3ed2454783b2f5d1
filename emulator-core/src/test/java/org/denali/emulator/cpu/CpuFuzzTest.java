package org.denali.emulator.cpu;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.memory.PagedMemory;
import org.denali.emulator.memory.PageProvider;
import org.denali.emulator.cpu.diff.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Random bytes as code: the CPU must always stop with a defined RunResult, never a host exception. */
class CpuFuzzTest {
    @ParameterizedTest
    @EnumSource(Engine.class)
    void randomCodeOnlyEverStopsWithADefinedResult(Engine engine) {
        SplittableRandom random = new SplittableRandom(0xF022);
        for (int program = 0; program < 3000; program++) {
            PagedMemory memory = new PagedMemory(1 << 20, PageProvider.ZERO_FILL);
            byte[] code = new byte[256];
            random.nextBytes(code);
            int base = 0x10000 - 128; // straddles a page boundary
            memory.writeBytes(base, code, 0, code.length);
            Cpu cpu = engine.apply(new Cpu(memory, CpuHost.NONE));
            cpu.setEip(base + random.nextInt(64));
            for (int r = 0; r < 8; r++) {
                cpu.setRegister(r, random.nextBoolean() ? random.nextInt(1 << 20) : random.nextInt());
            }
            cpu.setRegister(Registers.ESP, 0x80000);
            cpu.setEflags(random.nextInt());
            for (int resume = 0; resume < 4; resume++) {
                RunResult result = cpu.run(500);
                assertNotNull(result.reason());
                assertTrue(result.instructions() >= 0 && result.instructions() <= 500);
                if (result.reason() == StopReason.FAULT) {
                    assertNotNull(result.fault().diagnostic());
                    break;
                }
            }
        }
    }
}
