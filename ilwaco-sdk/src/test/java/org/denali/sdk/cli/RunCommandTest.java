package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int denali(String stdin, String... args) {
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), dir);
        RunCommand run = new RunCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1)));
        return new DenaliCli(List.of(run)).run(List.of(args), context);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path guest(String name, String body) throws IOException, InterruptedException {
        return AssembledGuests.assemble(dir, name, body);
    }

    private static final String HELLO = """
            mov $msg, %esi
        1:  movb (%esi), %al
            test %al, %al
            jz 2f
            out %al, $0x10
            inc %esi
            jmp 1b
        2:  mov VM_ID, %eax
            add $40, %eax
            denali_terminate
        .data
        msg: .asciz "hello\\n"
        """;

    @Test
    void runsAGuestPrintsItsConsoleAndExitsWithItsCode() throws Exception {
        guest("hello", HELLO);
        assertEquals(41, denali("", "run", "hello.elf"), err());
        assertEquals("hello\n", out());
        assertTrue(err().contains("instructions"), err());
        assertTrue(err().contains("MIPS"), err());
        assertEquals(1, err().lines().count(), "one statistics line: " + err());
    }

    /** The statistics line on exit: every field the issue asks for, parsed, with the values this run implies. */
    private static final java.util.regex.Pattern SUMMARY = java.util.regex.Pattern.compile(
        "denali run: ([\\d,]+) instructions in [\\d.]+ s \\(([\\d.]+) MIPS\\), ([\\d,]+) quanta, ([\\d,]+) VM switches, "
            + "([\\d,]+) interrupts delivered in ([\\d,]+) batches, [\\d,]+ idle wakes \\([\\d,]+ timeout, [\\d,]+ interrupt\\), "
            + "([\\d,]+) faults, ([\\d,]+) page-ins, ([\\d,]+) page-outs, ([\\d.]+)% compiled; [\\d,]+ VMs? ended: .*");

    private static long[] summaryFields(String err) {
        String line = err.lines().filter(l -> l.startsWith("denali run: ")).reduce((a, b) -> b).orElseThrow();
        java.util.regex.Matcher m = SUMMARY.matcher(line);
        assertTrue(m.matches(), "summary line: " + line);
        long[] fields = new long[10];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = i == 1 || i == 9 ? (long) Double.parseDouble(m.group(i + 1))
                : Long.parseLong(m.group(i + 1).replace(",", ""));
        }
        return fields; // instructions, MIPS (truncated), quanta, switches, interrupts, batches, faults, page-ins, -outs,
                       // percent compiled (truncated)
    }

    @Test
    void theStatisticsSummaryReportsEveryCounter() throws Exception {
        guest("tick", """
                movl $handler, 0x28          # INTERRUPT_HANDLER
                movl $1, 0x20                # INTERRUPTS_ENABLED
                mov $50, %eax
                out %eax, $0x30              # TIMER_ARM: one interrupt in 50 us
            1:  cmpl $0, fired
                je 1b
                mov $0, %eax
                denali_terminate
            handler:
                movl $1, fired
                iret
            .data
            fired: .long 0
            """);
        assertEquals(0, denali("", "run", "tick.elf", "--deterministic"), err());
        long[] f = summaryFields(err());
        assertTrue(f[0] > 5, "instructions: " + err());
        assertTrue(f[2] >= 1 && f[3] >= 1, "quanta and switches: " + err());
        assertEquals(1, f[4], "one interrupt delivered: " + err());
        assertEquals(1, f[5], "in one batch: " + err());
        assertEquals(0, f[6], "no faults: " + err());
        assertEquals(0, f[7], "no swap without --phys-memory: " + err());
        assertEquals(0, f[8], "no swap without --phys-memory: " + err());
        assertTrue(f[9] >= 50, "the spin loop runs compiled: " + err());
        long instructions = f[0];

        // the same deterministic run interpreted: the same counts, nothing compiled
        assertEquals(0, denali("", "run", "tick.elf", "--deterministic", "--jit", "off"), err());
        long[] off = summaryFields(err());
        assertEquals(instructions, off[0], "the same instructions with --jit off: " + err());
        assertEquals(0, off[9], "nothing compiled with --jit off: " + err());
        assertEquals(0, denali("", "run", "tick.elf", "--deterministic", "--jit-threshold", "0"), err());
        assertEquals(instructions, summaryFields(err())[0], "the same instructions compiling everything: " + err());
        assertEquals(2, denali("", "run", "tick.elf", "--jit", "maybe"));
        assertEquals(2, denali("", "run", "tick.elf", "--jit", "off", "--jit-threshold", "3"));
    }

    @Test
    void severalVmsPrefixTheirLinesAndTheFirstNonZeroStatusWins() throws Exception {
        guest("hello", HELLO);
        assertEquals(41, denali("", "run", "hello.elf", "--count", "3", "--deterministic", "--memory", "2M"));
        List<String> lines = out().lines().sorted().toList();
        assertEquals(List.of("[vm1] hello", "[vm2] hello", "[vm3] hello"), lines);
    }

    @Test
    void aSmallPhysicalMemorySwapsVmsThroughTheSwapFile() throws Exception {
        guest("dirty", """
                mov $0x200000, %edi
                mov $64, %ecx
            1:  movl $0x5a5a5a5a, (%edi)
                add $4096, %edi
                loop 1b
                mov $50, %eax
                denali_idle
                mov $0x200000, %edi
                mov $64, %ecx
            2:  cmpl $0x5a5a5a5a, (%edi)
                jne 3f
                add $4096, %edi
                loop 2b
                mov $0, %eax
                denali_terminate
            3:  mov $1, %eax
                denali_terminate
            """);
        assertEquals(0, denali("", "run", "dirty.elf", "--count", "6", "--memory", "4M", "--swap", "1M",
            "--phys-memory", "512K", "--deterministic"), err());
        String stats = err().lines().filter(l -> l.contains("page-outs")).findFirst().orElseThrow();
        assertFalse(stats.contains(" 0 page-outs"), stats);
        long[] f = summaryFields(err());
        assertTrue(f[7] > 0 && f[8] > 0, "pages went out and came back in: " + stats);
    }

    @Test
    void theVmsShareALanAndPcapRecordsIt() throws Exception {
        guest("bcast", """
                mov VM_ID, %eax
                cmp $1, %eax
                jne 2f
                mov $desc, %eax
                out %eax, $0x40              # VM 1 broadcasts one frame
                mov desc + 8, %eax
                denali_terminate
            2:  mov $-1, %eax                # the others wait for it
                denali_idle
                mov $rdesc, %eax
                out %eax, $0x41
                mov rdesc + 8, %eax
                sub $60, %eax                # exit 0 if a 60-byte frame arrived
                denali_terminate
            .data
            frame: .byte 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x52, 0x54, 0, 0, 0, 1, 0x88, 0xb5
                   .fill 46, 1, 0
            desc:  .long frame, 60, 0
            buf:   .fill 2048, 1, 0
            rdesc: .long buf, 2048, 0
            """);
        assertEquals(0, denali("", "run", "bcast.elf", "--count", "3", "--deterministic", "--pcap", "lan.pcap"),
            err());
        out.reset();
        err.reset();
        // The paper's baseline: the same LAN with synchronous delivery, in real time on the default workers.
        assertEquals(0, denali("", "run", "bcast.elf", "--count", "3", "--sync-interrupts"), err());
        assertTrue(SUMMARY.matcher(err().strip()).matches(), "only the statistics line: " + err());
        byte[] pcap = Files.readAllBytes(dir.resolve("lan.pcap"));
        assertEquals(24 + 16 + 60, pcap.length, "pcap header + one record of the 60-byte frame");
        assertEquals((byte) 0xd4, pcap[0]);
    }

    /** Run 1 writes "disk!" to block 0 of a new disk; run 2 (real time, shared read-only) reads and prints it. */
    @Test
    void disksPersistAcrossRunsAndReadOnlyOnesAreShared() throws Exception {
        String request = """
                mov $req, %eax
                out %eax, $0x50
            1:  cmpl $0xffffffff, req + 16
                jne 2f
                mov $-1, %eax
                denali_idle
                jmp 1b
            2:  mov req + 16, %eax
                test %eax, %eax
                jnz 9f
            """;
        guest("writer", request + """
                mov $0, %eax
            9:  denali_terminate
            .data
            .balign 4096
            buf: .ascii "disk!\\n"
                 .fill 4090, 1, 0
            req: .long 1, 0, 0, buf, 0, 0
            """);
        guest("reader", request + """
                mov $buf, %esi
            3:  movb (%esi), %al
                test %al, %al
                jz 4f
                out %al, $0x10
                inc %esi
                jmp 3b
            4:  mov $0, %eax
            9:  denali_terminate
            .data
            .balign 4096
            buf: .fill 4096, 1, 0
            req: .long 0, 0, 0, buf, 0, 0
            """);
        assertEquals(0, denali("", "run", "writer.elf", "--disk", "notes=64K", "--deterministic"), err());
        assertEquals(0, denali("", "run", "reader.elf", "--disk", "notes:ro", "--count", "2"), err());
        assertEquals(List.of("[vm1] disk!", "[vm2] disk!"), out().lines().sorted().toList());
        err.reset();
        assertEquals(1, denali("", "run", "writer.elf", "--disk", "notes", "--count", "2"));
        assertTrue(err().startsWith("denali run: VM 2: cannot attach its disks"), err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void keyboardInputComesFromStdin() throws Exception {
        guest("echo", """
            1:  in $0x20, %eax
                cmp $-1, %eax
                je 2f
                out %al, $0x10
                jmp 1b
            2:  mov $0, %eax
                denali_terminate
            """);
        assertEquals(0, denali("typed", "run", "echo.elf", "--deterministic"), err());
        assertEquals("typed", out());
    }

    @Test
    void inRealTimeTheKeyboardInterruptWakesAGuestWaitingForInput() throws Exception {
        guest("wait", """
            1:  mov $-1, %eax
                denali_idle                  # idle forever: only a keyboard interrupt can wake it
            2:  in $0x20, %eax
                cmp $-1, %eax
                je 1b
                cmp $'q', %al
                je 3f
                out %al, $0x10
                jmp 2b
            3:  mov $7, %eax
                denali_terminate
            """);
        assertEquals(7, denali("typed then q", "run", "wait.elf"), err());
        assertEquals("typed then ", out());
    }

    @Test
    void aFaultIsReportedOnOneLinePlusRegistersAndGivesStatus128PlusVector() throws Exception {
        guest("bad", "ud2");
        assertEquals(128 + 6, denali("", "run", "bad.elf"));
        assertTrue(err().contains("vm1 VM 1 faulted: #UD at EIP=0x00100000 (address -) bytes 0f 0b \"ud2\""), err());
        assertTrue(err().contains("eax=00000000"), err());
    }

    @Test
    void instructionLimitStopsARunawayGuest() throws Exception {
        guest("spin", "1: jmp 1b");
        assertEquals(124, denali("", "run", "spin.elf", "--max-instructions", "100000", "--quantum", "5us"));
        assertTrue(err().contains("instruction limit"), err());
    }

    @Test
    void badInputGivesOneClearLineAndANonZeroStatus() throws Exception {
        guest("hello", HELLO);
        Files.writeString(dir.resolve("junk.elf"), "not an elf at all");
        Files.createDirectory(dir.resolve("folder"));
        String[][] cases = {
            {"missing.elf: no such file", "run", "missing.elf"},
            {"junk.elf:", "run", "junk.elf"},
            {"is a directory", "run", "folder"},
            {"--memory 5G is impossible", "run", "hello.elf", "--memory", "5G"},
            {"multiple of 4K", "run", "hello.elf", "--memory", "10000"},
            {"--memory expects a size", "run", "hello.elf", "--memory", "lots"},
            {"lies outside the VM's accessible memory", "run", "hello.elf", "--memory", "64K"},
            {"--count must be between", "run", "hello.elf", "--count", "0"},
            {"--quantum expects", "run", "hello.elf", "--quantum", "-5"},
            {"a disk name is", "run", "hello.elf", "--disk", "Bad/Name"},
            {"a disk is a positive multiple of 4K", "run", "hello.elf", "--disk", "d=100"},
            {"there is no disk 'missing'", "run", "hello.elf", "--disk", "missing"},
        };
        for (String[] c : cases) {
            out.reset();
            err.reset();
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            int status = denali("", args);
            assertTrue(status != 0, String.join(" ", args));
            assertTrue(err().startsWith("denali run: ") && err().contains(c[0]), String.join(" ", args) + " → " + err());
            assertEquals(1, err().lines().count(), "one line: " + err());
            assertFalse(err().contains("Exception"), err());
        }
        out.reset();
        err.reset();
        assertEquals(2, denali("", "run", "hello.elf", "--colour"));
        assertTrue(err().startsWith("denali run: unknown option --colour"), err());
    }
}
