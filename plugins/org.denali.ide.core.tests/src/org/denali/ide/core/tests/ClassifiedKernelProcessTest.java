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

    /** Lines as DeploymentRun.summarize prints them after examples/loadgen's loadgen.denali ran well. */
    @Test
    void aDeploymentThatWentWellSummarizesAsInformation() {
        for (String line : List.of("denali run: loadgen#0 terminated with code 0",
                "denali run: 3 VM(s) still serving were stopped: the workload ended",
                "denali run: workload zipf_mix: 1,000 requests, 0 errors, 20744.3 requests/s over 0.048 s of guest"
                        + " time; latency p50 161 \u00b5s, p90 307 \u00b5s, p99 459 \u00b5s, max 1,024 \u00b5s",
                "denali run: workload zipf_mix: share per server: httpd#0 49.2% httpd#1 29.8% httpd#2 21.0%",
                "denali run: memory: 0 page-ins, 0 page-outs",
                "denali run: kernel a: 72,635,239 instructions in 53.287 s (1.4 MIPS), 1,404 quanta",
                "denali run: kernel a: VXLAN 12 sent, 12 received")) {
            assertTrue(KernelMessages.isInformational(line), line);
        }
    }

    @Test
    void aDeploymentThatWentWrongStaysAnError() {
        assertFalse(KernelMessages.isInformational("denali run: loadgen#0 terminated with code 3"));
        assertFalse(KernelMessages.isInformational("denali run: httpd#1 faulted: #PF at EIP=0x00001000"));
        assertFalse(KernelMessages.isInformational("denali run: workload zipf_mix: 1,000 requests, 12 errors, 9.0"
                + " requests/s over 1.000 s of guest time"));
        assertFalse(KernelMessages.isInformational("denali run: workload zipf_mix: its generator loadgen reported"
                + " no result (no 'loadgen:' line on its console)"));
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
