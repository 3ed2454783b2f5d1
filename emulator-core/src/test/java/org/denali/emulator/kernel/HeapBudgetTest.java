package org.denali.emulator.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.cpu.diff.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 2: without --phys-memory guest memory is still bounded by what the heap can back. A VM that
 * touches more than the budget gets a memory fault of its own (#PF "out of memory"), a well-behaved VM beside it
 * finishes, and the pages of an ended hog go back to the budget.
 */
class HeapBudgetTest {
    @TempDir
    Path dir;

    /** Touches one word per page from 3M up to the top of its memory, then terminates with 0. */
    private static final String HOG = """
        .text
        .globl _start
        _start:
          mov $0x300000, %esi
          mov 0x10, %edi
        touch:
          add $4096, %esi
          cmp %edi, %esi
          jae done
          movl $1, (%esi)
          jmp touch
        done:
          xor %eax, %eax
          .byte 0x0f, 0x0c
        """;

    /** Writes and checks 16 pages, then terminates with 0 (9 if a page lost its pattern). */
    private static final String MODEST = """
        .text
        .globl _start
        _start:
          mov $0x200000, %esi
        fill:
          mov %esi, (%esi)
          add $4096, %esi
          cmp $0x210000, %esi
          jb fill
          mov $0x200000, %esi
        check:
          cmp %esi, (%esi)
          jne bad
          add $4096, %esi
          cmp $0x210000, %esi
          jb check
          xor %eax, %eax
          .byte 0x0f, 0x0c
        bad:
          mov $9, %eax
          .byte 0x0f, 0x0c
        """;

    private GuestImage image(String name, String source) throws Exception {
        return GuestImage.parse(Files.readAllBytes(Toolchain.assemble(dir, name, source)));
    }

    @Test
    void aHogFaultsOnItsOwnWhenTheHeapBudgetIsSpentAndABystanderFinishes() throws Exception {
        InHeapMemoryManager memory = InHeapMemoryManager.withHeapBudget(400, "test budget of 400 pages is spent");
        Kernel kernel = new Kernel(KernelConfig.defaults().withWorkers(2), memory);
        VmConfig big = VmConfig.defaults().withMemorySize(64 << 20);
        VirtualMachine bystander = kernel.instantiate(image("modest", MODEST), VmConfig.defaults(),
            new ByteArrayOutputStream());
        VirtualMachine hog1 = kernel.instantiate(image("hog", HOG), big, new ByteArrayOutputStream());
        VirtualMachine hog2 = kernel.instantiate(image("hog2", HOG), big, new ByteArrayOutputStream());
        kernel.run();
        assertEquals(VmExit.terminated(0), bystander.exit(), "the well-behaved VM finished with its pattern intact");
        for (VirtualMachine hog : new VirtualMachine[] {hog1, hog2}) {
            VmExit exit = hog.exit();
            assertEquals(VmExit.Kind.FAULTED, exit.kind(), exit.toString());
            assertEquals(FaultVector.PF, exit.fault().vector());
            assertTrue(exit.fault().diagnostic().contains("out of memory")
                && exit.fault().diagnostic().contains("test budget of 400 pages is spent"), exit.toString());
        }
        assertEquals(0, memory.heapUsedPages(), "every ended VM's pages went back to the budget");
    }
}
