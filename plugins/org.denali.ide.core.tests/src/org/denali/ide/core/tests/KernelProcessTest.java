package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.denali.ide.core.launch.KernelMessages;
import org.denali.ide.core.launch.KernelProcess;
import org.junit.jupiter.api.Test;

/** The kernel's informational stderr lines reach the console's output stream; its errors stay errors. */
class KernelProcessTest {

    @Test
    void informationalLinesJoinTheOutputAndErrorsStayOnStderr() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", String.join("; ", List.of(
                "echo '[vm1] hello'",
                "echo 'denali run: monitor on localhost:4711' >&2",
                "echo 'denali run: hello.elf: no such file' >&2",
                "echo 'denali run: 1,390 instructions in 0.053 s (0.0 MIPS), 2 quanta' >&2",
                "exit 3"))).start();
        Process kernel = KernelProcess.of(shell);
        String out = new String(kernel.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(kernel.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, kernel.waitFor(), "the exit status is the kernel's");
        assertTrue(out.contains("[vm1] hello\n"), out);
        assertTrue(out.contains("denali run: monitor on localhost:4711\n"), out);
        assertTrue(out.contains("denali run: 1,390 instructions in 0.053 s"), out);
        assertEquals("denali run: hello.elf: no such file\n", err);
    }

    @Test
    void onlyKnownMessagesCountAsInformation() {
        assertTrue(KernelMessages.isInformational("denali run: gdb server on localhost:1234"));
        assertTrue(KernelMessages.isInformational("denali run: waiting for gdb on localhost:1234"));
        assertTrue(KernelMessages.isInformational("denali run: loadgen#0 terminated with code 0"));
        assertTrue(KernelMessages.isInformational(
                "denali run: httpd#0 stopped: idle forever with nothing left to wake it"));
        assertFalse(KernelMessages.isInformational(
                "denali run: vm1 stopped: idle forever with nothing left to wake it"));
        assertFalse(KernelMessages.isInformational("denali run: vm1 terminated with code 3"));
        assertFalse(KernelMessages.isInformational("denali run: vm1 faulted: #GP at 0x00100004"));
        assertFalse(KernelMessages.isInformational("hello.c:3:12: error: 'x' undeclared"));
    }
}
