package org.denali.lang.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.denali.lang.check.DenaliLanguages;
import org.denali.lang.check.LanguageChecker;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.emulator.assembly.DeploymentRun;
import org.denali.lang.deploy.kernel.DeploymentPlans;
import org.denali.lang.deploy.kernel.KernelConfigurations;
import org.denali.lang.deploy.kernel.WorkloadArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployment runs on the emulated kernel: every instance of every group, consoles prefixed. */
class DeploymentRunTest {
    @TempDir
    Path dir;

    private Deployment load(String text) throws Exception {
        Path file = dir.resolve("test.denali");
        Files.writeString(file, text);
        var resource = LanguageChecker.load(DenaliLanguages.deployment(), file, text);
        assertEquals(List.of(), resource.getErrors());
        return (Deployment) resource.getContents().get(0);
    }

    @Test
    void runsEveryInstanceOfEveryGroup() throws Exception {
        Files.write(dir.resolve("zero.elf"), TinyGuest.elf(0));
        Files.write(dir.resolve("seven.elf"), TinyGuest.elf(7));
        Deployment deployment = load("""
            deployment t {
                kernel { clock deterministic quantum 1000 instructions }
                network { pcap "out/t.pcap" }
                vm a { image "zero.elf" count 2 memory 2 MiB }
                vm b { image "seven.elf" memory 2 MiB }
            }
            """);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DeploymentRun.Result result = DeploymentRun.run(DeploymentPlans.of(deployment, dir), console);
        List<String> lines = console.toString(StandardCharsets.UTF_8).lines().sorted().toList();
        assertEquals(List.of("[a#0] ok", "[a#1] ok", "[b#0] ok"), lines);
        assertEquals(List.of("a#0", "a#1", "b#0"), result.instances().stream().map(DeploymentRun.Instance::name)
            .toList());
        assertEquals(7, result.exitStatus());
        assertTrue(Files.size(dir.resolve("out/t.pcap")) >= 24, "pcap file with its global header");
    }

    @Test
    void serversLeftIdlingAfterTheirClientsTerminatedAreASuccessfulEnd() {
        var client = new DeploymentRun.Instance("loadgen#0", org.denali.emulator.kernel.VmExit.terminated(0));
        var server = new DeploymentRun.Instance("httpd#0",
            org.denali.emulator.kernel.VmExit.of(org.denali.emulator.kernel.VmExit.Kind.IDLE_FOREVER));
        assertEquals(0, new DeploymentRun.Result(List.of(server, client), null).exitStatus());
        assertEquals(125, new DeploymentRun.Result(List.of(server), null).exitStatus(),
            "idling forever with no VM having terminated is a stuck deployment, as for denali run");
        var limited = new DeploymentRun.Instance("a#0",
            org.denali.emulator.kernel.VmExit.of(org.denali.emulator.kernel.VmExit.Kind.INSTRUCTION_LIMIT));
        assertEquals(124, new DeploymentRun.Result(List.of(client, limited), null).exitStatus());
        var stopped = new DeploymentRun.Instance("httpd#1",
            org.denali.emulator.kernel.VmExit.of(org.denali.emulator.kernel.VmExit.Kind.WORKLOAD_ENDED));
        assertEquals(0, new DeploymentRun.Result(List.of(stopped, client), null).exitStatus(),
            "servers stopped because the workload ended are how a deployment with a workload ends");
    }

    @Test
    void aWorkloadWhoseGeneratorReportsErrorsFails() {
        var client = new DeploymentRun.Instance("loadgen#0", org.denali.emulator.kernel.VmExit.terminated(0));
        var workload = new org.denali.emulator.assembly.DeploymentPlan.Workload("w", "loadgen", List.of("httpd"),
            "", "");
        var failed = org.denali.emulator.assembly.WorkloadReport.parse(
            "workload: requests=1000 errors=146 elapsed_us=71000 p50_us=179 per_server=600,400");
        assertEquals(146, failed.errors());
        assertEquals(List.of(600L, 400L), failed.perServer());
        assertEquals(1, new DeploymentRun.Result(List.of(client), List.of(new DeploymentRun.WorkloadOutcome(workload,
            failed, List.of("httpd#0", "httpd#1"))), null).exitStatus());
        var clean = org.denali.emulator.assembly.WorkloadReport.parse("workload: requests=1000 errors=0");
        assertEquals(0, new DeploymentRun.Result(List.of(client), List.of(new DeploymentRun.WorkloadOutcome(workload,
            clean, List.of("httpd#0"))), null).exitStatus());
        assertEquals(null, org.denali.emulator.assembly.WorkloadReport.parse("loadgen: done"));
    }

    @Test
    void runsMoreVmsThanPhysicalMemoryHoldsWithASwapFile() throws Exception {
        Files.write(dir.resolve("zero.elf"), TinyGuest.elf(0));
        Deployment deployment = load("""
            deployment t {
                kernel { memory 4 MiB  swap "swap.bin"  clock deterministic }
                vm a { image "zero.elf" count 4 memory 2 MiB }
            }
            """);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DeploymentRun.Result result = DeploymentRun.run(DeploymentPlans.of(deployment, dir), console);
        assertEquals(4, console.toString(StandardCharsets.UTF_8).lines().count());
        assertEquals(0, result.exitStatus());
        assertTrue(Files.notExists(dir.resolve("swap.bin")), "the swap space is removed when the run ends");
    }

    @Test
    void validationAppliesTheKernelsImageRules() throws Exception {
        Files.write(dir.resolve("zero.elf"), TinyGuest.elf(0));
        Files.writeString(dir.resolve("text.elf"), "not an ELF file");
        Path file = dir.resolve("images.denali");
        Files.writeString(file, """
            deployment t {
                vm small { image "zero.elf" memory 1 MiB }
                vm junk { image "text.elf" }
            }
            """);
        List<String> messages = new LanguageChecker().check(file).stream().map(p -> p.message()).toList();
        assertEquals(List.of("vm small: image zero.elf: segment 0 [0x100000, 0x100067) lies outside the VM's "
            + "accessible memory [0, 0x100000)", "vm junk: image text.elf: not an ELF file: it does not start with "
            + "the bytes 7f 45 4c 46 (\"\\x7fELF\")"), messages);
    }

    @Test
    void aWorkloadBecomesBootArgumentsForItsGeneratorAndItsTargets() throws Exception {
        Deployment farm = (Deployment) LanguageChecker.load(DenaliLanguages.deployment(), DeploymentModelTest.FARM,
            Files.readString(DeploymentModelTest.FARM)).getContents().get(0);
        WorkloadArguments.Lines lines = WorkloadArguments.of(farm.getWorkloads().get(0));
        int servers = KernelConfigurations.count(farm.getWorkloads().get(0).getTargets().get(0));
        assertEquals("first=10.0.0.10 servers=" + servers + " port=80 alpha=1000 duration=60 documents=100 min=1024"
            + " max=16384\n", lines.generator());
        assertEquals("documents=100 min=1024 max=16384\n", lines.target(), "the servers get the same document set");
    }

    @Test
    void targetsAtScatteredAddressesAreRefusedWithTheReason() throws Exception {
        Path file = dir.resolve("scattered.denali");
        Files.writeString(file, """
            deployment scattered {
                vm a { image "x.elf" count 1 memory 4 MiB nic { ip 10.0.0.10/24 } }
                vm b { image "x.elf" count 1 memory 4 MiB nic { ip 10.0.0.20/24 } }
                vm gen { image "x.elf" count 1 memory 4 MiB nic { ip 10.0.0.200/24 } }
                workload w from gen { targets a, b  port 80 }
            }
            """);
        Deployment deployment = (Deployment) LanguageChecker.load(DenaliLanguages.deployment(), file,
            Files.readString(file)).getContents().get(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> WorkloadArguments.of(deployment.getWorkloads().get(0)));
        assertEquals("workload w: the load generator finds its servers at consecutive addresses, but the targets'"
            + " instance 1 has 10.0.0.20 after 10.0.0.10", e.getMessage());
    }
}
