package org.denali.emulator.cpu;

import static org.denali.emulator.cpu.decode.Registers.EAX;
import static org.denali.emulator.cpu.decode.Registers.EBX;
import static org.denali.emulator.cpu.decode.Registers.ECX;
import static org.denali.emulator.cpu.decode.Registers.EDX;
import static org.denali.emulator.cpu.decode.Registers.ESP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.arch.GuestException;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.arch.VirtualInstructions;
import org.denali.emulator.memory.Page;
import org.denali.emulator.cpu.diff.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Behaviour the real CPU cannot be the oracle for: Denali's own instructions, stops, faults, debugger hooks. */
class CpuTest {
    private static final String IDLE = ".byte 0x0f, 0x0a";
    private static final String TERMINATE = ".byte 0x0f, 0x0c";

    @Test
    void idleStopsWithTheTimeoutAndTerminateWithTheExitCode() throws Exception {
        Cpu cpu = GuestProgram.load("mov $500, %eax\n" + IDLE + "\nmov $7, %ebx\nmov $3, %eax\n" + TERMINATE,
            CpuHost.NONE);
        RunResult idle = cpu.run(100);
        assertEquals(StopReason.IDLE, idle.reason());
        assertEquals(500, idle.idleTimeoutMicros());
        cpu.setRegister(EAX, VirtualInstructions.WOKE_BY_TIMEOUT);
        RunResult end = cpu.run(100);
        assertEquals(StopReason.TERMINATED, end.reason());
        assertEquals(3, end.exitCode());
        assertEquals(7, cpu.register(EBX));
        assertEquals(5, cpu.instructionsRetired());
    }

    @Test
    void iretPopsOnlyKernelFrames() throws Exception {
        Cpu cpu = GuestProgram.load("pushl $0x202\npushl $0x08\npushl $1f\niret\nhlt\n1: mov $9, %ebx\n"
            + "pushl $0x202\npushl $0x23\npushl $2f\niret\n2: hlt", CpuHost.NONE);
        RunResult r = cpu.run(100);
        assertEquals(StopReason.FAULT, r.reason());
        assertEquals(FaultVector.GP, r.fault().vector());
        assertEquals(9, cpu.register(EBX), "the kernel-shaped frame returned to 1:");
        assertTrue(r.fault().diagnostic().contains("CS=0023"), r.fault().diagnostic());
    }

    @Test
    void resetStateFollowsTheArchitecture() {
        Cpu cpu = new Cpu(new org.denali.emulator.memory.PagedMemory(), CpuHost.NONE);
        assertEquals(16 << 20, cpu.register(ESP));
        assertEquals(0x202, cpu.eflags());
        assertEquals(0, cpu.register(EAX));
    }

    @Test
    void aHostCanRefuseAPortWithGeneralProtection() throws Exception {
        CpuHost strict = new CpuHost() {
            @Override
            public int in(int port, int size) {
                throw new GuestException(FaultVector.GP, "no device at port " + port);
            }

            @Override
            public void out(int port, int size, int value) {
                throw new GuestException(FaultVector.GP, "no device at port " + port);
            }
        };
        Cpu cpu = GuestProgram.load("mov $7, %eax\nin $0x99, %eax\nhlt", strict);
        RunResult r = cpu.run(10);
        assertEquals(FaultVector.GP, r.fault().vector());
        assertEquals(7, cpu.register(EAX));
        assertTrue(r.fault().diagnostic().contains("port 153"));
    }

    @Test
    void hltAndSoftwareInterruptsStopAfterTheInstruction() throws Exception {
        Cpu cpu = GuestProgram.load("hlt\nint $0x80\nint3\nnop", CpuHost.NONE);
        int start = cpu.eip();
        assertEquals(StopReason.HALTED, cpu.run(10).reason());
        assertEquals(start + 1, cpu.eip());
        RunResult interrupt = cpu.run(10);
        assertEquals(StopReason.SOFTWARE_INTERRUPT, interrupt.reason());
        assertEquals(0x80, interrupt.interruptNumber());
        assertEquals(start + 3, cpu.eip());
        RunResult breakpoint = cpu.run(10);
        assertEquals(StopReason.FAULT, breakpoint.reason());
        assertEquals(FaultVector.BP, breakpoint.fault().vector());
        assertEquals(start + 4, cpu.eip());
    }

    @Test
    void portIoReachesTheHost() throws Exception {
        List<String> outs = new ArrayList<>();
        CpuHost host = new CpuHost() {
            @Override
            public int in(int port, int size) {
                return port == Ports.KEYBOARD_READ ? 0x61 : 0x1234_5678;
            }

            @Override
            public void out(int port, int size, int value) {
                outs.add(Integer.toHexString(port) + "/" + size + "=" + Integer.toHexString(value));
            }
        };
        Cpu cpu = GuestProgram.load("mov $0x41, %al\nout %al, $0x10\nmov $0x30, %dx\nmov $1234, %eax\n"
            + "out %eax, (%dx)\nmov $0x99887766, %eax\nin $0x20, %eax\nmov %eax, %ebx\nmov $0x40, %dx\n"
            + "in (%dx), %ax\nout %ax, (%dx)\nhlt", host);
        assertEquals(StopReason.HALTED, cpu.run(100).reason());
        assertEquals(List.of("10/1=41", "30/4=4d2", "40/2=5678"), outs);
        assertEquals(0x61, cpu.register(EBX));
    }

    @Test
    void cpuidReportsTheDenaliVendorAndNoFloatingPoint() throws Exception {
        Cpu cpu = GuestProgram.load("xor %eax, %eax\ncpuid\nmov %ebx, 0x200000\nmov %edx, 0x200004\n"
            + "mov %ecx, 0x200008\nmov $1, %eax\ncpuid\nhlt", CpuHost.NONE);
        cpu.run(100);
        byte[] vendor = new byte[12];
        cpu.memory().readBytes(0x200000, vendor, 0, 12);
        // Expected values from docs/architecture.md §1.2 "Denali-defined results".
        assertEquals("DenaliVirtCP", new String(vendor, StandardCharsets.US_ASCII));
        assertEquals(0x600, cpu.register(EAX));
        assertEquals(0x8010, cpu.register(EDX), "TSC and CMOV only: no FPU, CX8, MMX, SSE");
        assertEquals(0, cpu.register(ECX));
    }

    @Test
    void rdtscCountsRetiredInstructions() throws Exception {
        Cpu cpu = GuestProgram.load("nop\nnop\nnop\nrdtsc\nhlt", CpuHost.NONE);
        cpu.run(100);
        assertEquals(3, cpu.register(EAX));
        assertEquals(0, cpu.register(EDX));
    }

    @Test
    void divideErrorLeavesStateUntouched() throws Exception {
        Cpu cpu = GuestProgram.load("mov $10, %eax\nmov $0, %ecx\nmov $0, %edx\ndivl %ecx\nhlt", CpuHost.NONE);
        RunResult r = cpu.run(100);
        assertEquals(StopReason.FAULT, r.reason());
        assertEquals(FaultVector.DE, r.fault().vector());
        assertEquals(cpu.eip(), r.fault().eip());
        assertArrayEquals(new byte[] {(byte) 0xF7, (byte) 0xF1}, r.fault().instructionBytes());
        assertEquals(10, cpu.register(EAX));
        assertEquals(3, r.instructions());
    }

    @Test
    void instructionsOutsideTheIsaRaiseUndefinedOpcodeNamingThem() throws Exception {
        Cpu cpu = GuestProgram.load("nop\nfldl (%eax)", CpuHost.NONE);
        RunResult r = cpu.run(100);
        assertEquals(FaultVector.UD, r.fault().vector());
        assertTrue(r.fault().diagnostic().contains("fld"), r.fault().diagnostic());
        assertTrue(r.fault().diagnostic().contains(String.format("%08x", cpu.eip())), r.fault().diagnostic());
        Cpu cli = GuestProgram.load("cli", CpuHost.NONE);
        assertTrue(cli.run(10).fault().diagnostic().contains("cli"));
        Cpu ud2 = GuestProgram.load("ud2", CpuHost.NONE);
        assertEquals(FaultVector.UD, ud2.run(10).fault().vector());
    }

    @Test
    void pageFaultsAreRestartable() throws Exception {
        boolean[] allow = {false};
        Cpu cpu = GuestProgram.load("mov $0x400000, %esp\nmov $5, %eax\npush %eax\nadd %eax, 0x500000\n"
            + "mov 0x500000, %ebx\nhlt", CpuHost.NONE,
            pn -> pn == 0x3FF && !allow[0] ? null : Page.zeroed());
        RunResult first = cpu.run(100);
        assertEquals(StopReason.FAULT, first.reason());
        assertEquals(FaultVector.PF, first.fault().vector());
        assertEquals(0x3FFFFC, first.fault().address());
        assertEquals(0x400000, cpu.register(ESP), "push must not move ESP when its store faults");
        int flags = cpu.eflags();
        allow[0] = true;
        assertEquals(StopReason.HALTED, cpu.run(100).reason());
        assertEquals(5, cpu.register(EBX));
        assertEquals(0x3FFFFC, cpu.register(ESP));
        Cpu kernel = GuestProgram.load("mov $0xC0000000, %ecx\nstc\naddl $1, (%ecx)\nhlt", CpuHost.NONE);
        RunResult pf = kernel.run(100);
        assertEquals(0xC000_0000, pf.fault().address());
        assertEquals(1, kernel.eflags() & Flags.CF, "flags unchanged by the faulting add");
        assertNotNull(flags == 0 ? null : pf);
    }

    @Test
    void executingOutsideMemoryIsAFetchPageFault() throws Exception {
        Cpu cpu = GuestProgram.load("mov $0x7000000, %eax\njmp *%eax", CpuHost.NONE);
        RunResult r = cpu.run(100);
        assertEquals(FaultVector.PF, r.fault().vector());
        assertEquals(0x700_0000, r.fault().eip());
        assertEquals(0x700_0000, r.fault().address());
    }

    @Test
    void executingFromPageZeroIsAFetchPageFault() throws Exception {
        // page 0 holds the virtual registers: readable data, never code (docs/architecture.md §4)
        Cpu cpu = GuestProgram.load("mov $0x10, %eax\njmp *%eax", CpuHost.NONE);
        int jump = cpu.eip() + 5;
        RunResult r = cpu.run(100);
        assertEquals(FaultVector.PF, r.fault().vector());
        assertEquals(0x10, r.fault().eip());
        assertEquals(0x10, r.fault().address());
        assertEquals(2, r.instructions(), "mov and jmp retired, nothing from page 0");
        assertTrue(r.fault().diagnostic().contains("page 0"), r.fault().diagnostic());
        Cpu stepped = GuestProgram.load("mov $0xff8, %eax\njmp *%eax", CpuHost.NONE);
        stepped.step();
        assertEquals(jump, stepped.eip());
        stepped.step();
        assertEquals(FaultVector.PF, stepped.step().fault().vector(), "single steps fault the same way");
    }

    @Test
    void breakpointsStopBeforeTheInstructionAndResumeOverIt() throws Exception {
        Cpu cpu = GuestProgram.load("mov $1, %eax\nmov $2, %ebx\nmov $3, %ecx\nhlt", CpuHost.NONE);
        int second = cpu.eip() + 5;
        cpu.breakpoints().add(second);
        RunResult r = cpu.run(100);
        assertEquals(StopReason.BREAKPOINT, r.reason());
        assertEquals(second, r.breakpointAddress());
        assertEquals(second, cpu.eip());
        assertEquals(0, cpu.register(EBX));
        assertEquals(StopReason.HALTED, cpu.run(100).reason());
        assertEquals(3, cpu.register(ECX));
    }

    @Test
    void aRunThatStartsAtABreakpointHitsIt() throws Exception {
        // a quantum may end just before a breakpoint: the next quantum must stop there, not run over it
        Cpu cpu = GuestProgram.load("mov $1, %eax\nmov $2, %ebx\nmov $3, %ecx\nhlt", CpuHost.NONE);
        int second = cpu.eip() + 5;
        cpu.breakpoints().add(second);
        cpu.breakpoints().remove(second);
        assertEquals(StopReason.BUDGET_EXHAUSTED, cpu.run(1).reason(), "the quantum ends before the breakpoint");
        cpu.breakpoints().add(second);
        RunResult r = cpu.run(100);
        assertEquals(StopReason.BREAKPOINT, r.reason());
        assertEquals(0, r.instructions());
        assertEquals(0, cpu.register(EBX));
        assertEquals(StopReason.HALTED, cpu.run(100).reason(), "resuming from the stop runs over the breakpoint");
        assertEquals(3, cpu.register(ECX));
    }

    @Test
    void aBreakpointStopsTheQuantumAfterTheOneThatEndedBeforeIt() throws Exception {
        Cpu cpu = GuestProgram.load("mov $1, %eax\nmov $2, %ebx\nmov $3, %ecx\nhlt", CpuHost.NONE);
        int second = cpu.eip() + 5;
        cpu.breakpoints().add(second);
        cpu.breakpoints().add(second + 5);
        assertEquals(StopReason.BREAKPOINT, cpu.run(100).reason());
        RunResult r = cpu.run(1); // resumes over the breakpoint; the budget ends right before the next one
        assertEquals(StopReason.BUDGET_EXHAUSTED, r.reason());
        assertEquals(second + 5, cpu.eip());
        assertEquals(StopReason.BREAKPOINT, cpu.run(100).reason(), "the next quantum hits the breakpoint");
        assertEquals(0, cpu.register(ECX));
    }

    @Test
    void aStepOntoABreakpointThenResumesOverIt() throws Exception {
        Cpu cpu = GuestProgram.load("mov $1, %eax\nmov $2, %ebx\nmov $3, %ecx\nhlt", CpuHost.NONE);
        int second = cpu.eip() + 5;
        cpu.breakpoints().add(second);
        assertEquals(StopReason.STEPPED, cpu.step().reason());
        assertEquals(second, cpu.eip());
        assertEquals(StopReason.HALTED, cpu.run(100).reason(), "a debugger saw the step: resuming runs on");
    }

    @Test
    void stepExecutesExactlyOneInstruction() throws Exception {
        Cpu cpu = GuestProgram.load("mov $1, %eax\nmov $2, %ebx\nhlt", CpuHost.NONE);
        RunResult r = cpu.step();
        assertEquals(StopReason.STEPPED, r.reason());
        assertEquals(1, cpu.register(EAX));
        assertEquals(0, cpu.register(EBX));
    }

    @Test
    void budgetBoundsInfiniteLoopsAndLongRepStrings() throws Exception {
        Cpu loop = GuestProgram.load("1: jmp 1b", CpuHost.NONE);
        RunResult r = loop.run(1000);
        assertEquals(StopReason.BUDGET_EXHAUSTED, r.reason());
        assertEquals(1000, r.instructions());
        Cpu rep = GuestProgram.load("mov $0x300000, %edi\nmov $300000, %ecx\nmov $0x5a, %al\nrep stosb\nhlt",
            CpuHost.NONE);
        RunResult partial = rep.run(4);
        assertEquals(StopReason.BUDGET_EXHAUSTED, partial.reason());
        assertTrue(rep.register(ECX) > 0 && rep.register(ECX) < 300000, "rep yields between chunks");
        assertEquals(StopReason.HALTED, rep.run(100).reason());
        assertEquals(0, rep.register(ECX));
        assertEquals(0x5a, rep.memory().read8(0x300000 + 299999));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void selfModifyingCodeMatchesTheRealCpu(Engine engine) throws Exception {
        // The loop rewrites the immediate of an instruction it has already executed (and decoded).
        String program = ".section .smc, \"awx\", @progbits\n.globl _start\n_start:\nmov $0, %ebx\nmov $3, %ecx\n"
            + "1:\npatch: mov $1, %eax\nadd %eax, %ebx\nmovl $20, patch+1\nloop 1b\n"
            + "mov %ebx, %ebx\nmov $1, %eax\nint $0x80\n";
        java.nio.file.Path exe = org.denali.emulator.cpu.diff.Toolchain.assemble(
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "cpu-unit").toAbsolutePath()),
            "smc", program);
        int expected = org.denali.emulator.cpu.diff.Toolchain.runNative(exe).exitCode();
        assertEquals(41, expected, "native oracle");
        assertEquals(expected, org.denali.emulator.cpu.diff.LinuxShim.run(exe, 10_000, engine).exitCode());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void selfModifyingCodeInsideChainedTracesMatchesTheRealCpu(Engine engine) throws Exception {
        // dec+jnz is a super-instruction whose loop chains back without leaving the trace executor; the stores
        // patch the next instruction of the same trace and an instruction of the loop's own trace.
        String program = ".section .smc, \"awx\", @progbits\n.globl _start\n_start:\nmov $0, %ebx\nmov $5, %ecx\n"
            + "1:\npatch: mov $1, %eax\nadd %eax, %ebx\nmovl $20, patch+1\nmovl $300, next+1\n"
            + "next: mov $7, %edx\nadd %edx, %ebx\ncmp $0, %ecx\njle 2f\ndec %ecx\njnz 1b\n"
            + "2: mov %ebx, %ebx\nand $0xff, %ebx\nmov $1, %eax\nint $0x80\n";
        java.nio.file.Path exe = org.denali.emulator.cpu.diff.Toolchain.assemble(
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "cpu-unit").toAbsolutePath()),
            "smc2", program);
        int expected = org.denali.emulator.cpu.diff.Toolchain.runNative(exe).exitCode();
        assertEquals((1 + 20 * 4 + 300 * 5) & 0xFF, expected, "native oracle");
        assertEquals(expected, org.denali.emulator.cpu.diff.LinuxShim.run(exe, 10_000, engine).exitCode());
    }
}
