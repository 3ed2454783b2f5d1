package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.denali.ide.core.launch.ClassifiedKernelProcess;
import org.denali.ide.core.launch.KernelMessages;
import org.junit.jupiter.api.Test;

/** Which kernel stderr lines the console shows as output, and the process that moves them there. */
class ClassifiedKernelProcessTest {

    @Test
    void whereTheKernelListensAndItsStatisticsAreInformation() {
        assertTrue(KernelMessages.isInformational("denali run: monitor on localhost:40123"));
        assertTrue(KernelMessages.isInformational("denali run: waiting for gdb on localhost:40124"));
        assertTrue(KernelMessages.isInformational("denali run: gdb server on localhost:40124"));
        assertTrue(KernelMessages.isInformational("denali run: 1,234 instructions in 0.012 s (0.1 MIPS), 3 quanta"));
    }

    @Test
    void faultsBadExitsAndBadOptionsAreErrors() {
        assertFalse(KernelMessages.isInformational("denali run: vm2 VM 2 faulted: #PF at EIP=0x00001000"));
        assertFalse(KernelMessages.isInformational("denali run: vm1 INSTRUCTION_LIMIT"));
        assertFalse(KernelMessages.isInformational("denali run: app.elf: no such file"));
        assertFalse(KernelMessages.isInformational("[vm1] denali run: monitor on localhost:1 (a guest's text)"));
    }

    @Test
    void informationalLinesMoveToStdoutAndErrorsStayOnStderr() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", String.join("; ", List.of(
                "echo '[vm1] hello'",
                "echo 'denali run: monitor on localhost:5555' >&2",
                "echo 'denali run: vm1 VM 1 faulted: #GP' >&2",
                "echo 'denali run: 10 instructions in 0.001 s (0.0 MIPS)' >&2",
                "exit 3"))).start();
        ClassifiedKernelProcess process = new ClassifiedKernelProcess(shell, StandardCharsets.UTF_8);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, process.waitFor());
        assertTrue(out.contains("[vm1] hello\n"), out);
        assertTrue(out.contains("denali run: monitor on localhost:5555\n"), out);
        assertTrue(out.contains("denali run: 10 instructions in"), out);
        assertEquals("denali run: vm1 VM 1 faulted: #GP" + System.lineSeparator(), err);
    }
}
