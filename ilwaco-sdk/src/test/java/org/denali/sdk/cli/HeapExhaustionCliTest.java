package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 2 as the user met it: {@code denali run HOG --memory 3G --count 3} without --phys-memory, in a JVM
 * with a small heap (-Xmx96m). Each hog gets its own "out of memory" fault; the kernel never dies of
 * OutOfMemoryError and reports every VM.
 */
class HeapExhaustionCliTest {
    @TempDir
    Path dir;

    @Test
    void hogsInASmallHeapFaultOnTheirOwnAndTheKernelReportsThem() throws Exception {
        Path elf = AssembledGuests.assemble(dir, "hog", """
              mov $0x200000, %esi
              mov 0x10, %edi
            touch:
              add $4096, %esi
              cmp %edi, %esi
              jae done
              movl $1, (%esi)
              jmp touch
            done:
              xor %eax, %eax
              denali_terminate
            """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process kernel = new ProcessBuilder(java, "-Xmx96m", "-cp", System.getProperty("java.class.path"),
            DenaliCli.class.getName(), "run", elf.toString(), "--memory", "3G", "--count", "3")
            .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(kernel.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kernel.waitFor(120, TimeUnit.SECONDS));
        assertFalse(out.contains("OutOfMemoryError") || out.contains("\tat "), out);
        for (int vm = 1; vm <= 3; vm++) {
            assertTrue(out.contains("vm" + vm + " VM " + vm + " faulted: #PF")
                || out.contains("vm" + vm + " terminated"), "VM " + vm + " is reported\n" + out);
        }
        assertTrue(out.contains("out of memory: the kernel has no backing page left for this VM"), out);
        assertTrue(out.contains("the JVM heap ("), "the fault says which budget\n" + out);
        assertEquals(128 + 14, kernel.exitValue(), "the run's status is the first VM's #PF\n" + out);
    }
}
