package org.denali.emulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.denali.emulator.replay.JournalException;
import org.denali.emulator.replay.RecordedRun;
import org.denali.emulator.replay.Recording;
import org.denali.emulator.replay.Replaying;
import org.denali.emulator.replay.RunJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record and replay on the kernel itself (docs/debugging.md, "Record and replay"): three VMs print characters
 * derived from the real-time clock while they wait for keyboard bytes typed from another thread at whatever moment
 * the host's scheduler allows. The replay, with no typing thread and no real time, must print the same characters
 * and retire the same instructions; a damaged log is refused naming the offset; a replay of other code diverges
 * with a message.
 */
class RecordReplayTest {
    private static final String GUEST = """
            movl $handler, INTERRUPT_HANDLER
            movl $1, INTERRUPTS_ENABLED
            mov $3, %esi
        round:
            mov VM_ID, %eax
            imul $37, %eax
            and $0x3ff, %eax
            or $LOOP, %eax
            mov %eax, %ecx
        work: loop work
            mov SYSTEM_TIME_US, %eax
            and $0xf, %eax
            add $'a', %al
            out %al, $CONSOLE_PUTC
            mov $25, %eax
            out %eax, $TIMER_ARM
            mov $200, %eax
            denali_idle
            in $KEYBOARD_READ, %eax
            cmp $-1, %eax
            je round
            out %al, $CONSOLE_PUTC
            dec %esi
            jnz round
            mov ticks, %eax
            denali_terminate
        handler:
            incl ticks
            movl $1, INTERRUPTS_ENABLED
            iret
        .data
        ticks: .long 0
        """;

    @TempDir
    Path dir;

    private static byte[] guest(int loop) throws Exception {
        return Files.readAllBytes(Guests.elf(".set LOOP, " + loop + "\n" + GUEST));
    }

    private static KernelConfig realTime() {
        return KernelConfig.defaults().withQuantum(Quantum.ofInstructions(3_000));
    }

    /** Each VM's exit, instructions and console, one line per VM. */
    private static String run(KernelConfig config, byte[] elf, RunJournal journal, byte[] image, boolean type)
            throws Exception {
        Kernel kernel = new Kernel(config, InHeapMemoryManager.unlimited());
        journal.input("guest.elf", elf);
        journal.attach(kernel, new LocalNetwork().lan());
        List<ByteArrayOutputStream> outs = new ArrayList<>();
        List<VirtualMachine> vms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            outs.add(out);
            vms.add(kernel.instantiate(GuestImage.parse(image), VmConfig.defaults(), out));
        }
        AutoCloseable keyboard = kernel.holdOpen();
        Thread typist = new Thread(() -> {
            try (keyboard) {
                for (int round = 0; type && round < 3; round++) {
                    for (VirtualMachine vm : vms) {
                        Thread.sleep(2); // the host's timing: the recording must capture where each byte landed
                        journal.type(vm, new byte[] {(byte) ('0' + round)}, 0, 1);
                    }
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        typist.start();
        kernel.run();
        typist.join();
        journal.finish();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < vms.size(); i++) {
            all.append(vms.get(i).exit()).append(' ').append(vms.get(i).instructionsRetired()).append(' ')
                .append(Guests.text(outs.get(i))).append('\n');
        }
        return all.toString();
    }

    private String record(KernelConfig config, byte[] elf) throws Exception {
        return run(config, elf, new Recording(dir.resolve("run.rr"), List.of("test"), dir.toString()), elf, true);
    }

    private String replay(KernelConfig config, byte[] elf, byte[] image) throws Exception {
        return run(config, elf, new Replaying(RecordedRun.read(dir.resolve("run.rr")), null), image, false);
    }

    @Test
    void aRealTimeRunWithKeyboardInputReplaysInstructionForInstruction() throws Exception {
        byte[] elf = guest(1);
        String recorded = record(realTime(), elf);
        for (String line : recorded.split("\n")) {
            String console = line.substring(line.lastIndexOf(' ') + 1);
            assertTrue(line.startsWith("terminated") && console.matches("[a-p]*0[a-p]*1[a-p]*2"),
                "each VM read its three typed bytes between clock-derived letters: " + line);
        }
        assertEquals(recorded, replay(realTime(), elf, elf));
    }

    @Test
    void aDeterministicRunReplaysToo() throws Exception {
        KernelConfig config = realTime().deterministic();
        byte[] elf = guest(1);
        String recorded = record(config, elf);
        assertEquals(recorded, replay(config, elf, elf));
    }

    @Test
    void aTruncatedLogIsRefusedNamingTheOffset() throws Exception {
        byte[] elf = guest(1);
        record(realTime(), elf);
        byte[] log = Files.readAllBytes(dir.resolve("run.rr"));
        for (int cut : new int[] {0, 5, 20, log.length / 2, log.length - 1}) {
            Path truncated = dir.resolve("cut" + cut + ".rr");
            Files.write(truncated, Arrays.copyOf(log, cut));
            JournalException refused = assertThrows(JournalException.class, () -> RecordedRun.read(truncated));
            assertTrue(refused.getMessage().contains("offset ") && (refused.getMessage().contains("truncated")
                || cut < 8 && refused.getMessage().contains("not a Denali recording")), refused.getMessage());
        }
    }

    @Test
    void aCorruptLogIsRefusedNamingTheBlock() throws Exception {
        byte[] elf = guest(1);
        record(realTime(), elf);
        byte[] log = Files.readAllBytes(dir.resolve("run.rr"));
        int headerEnd = 8 + 12 + ByteBuffer.wrap(log, 12, 4).getInt();
        byte[] flipped = log.clone();
        flipped[headerEnd + 20] ^= 0x10; // inside the first block's entries
        Path corrupt = dir.resolve("corrupt.rr");
        Files.write(corrupt, flipped);
        JournalException refused = assertThrows(JournalException.class, () -> RecordedRun.read(corrupt));
        assertTrue(refused.getMessage().contains("offset " + headerEnd + ": corrupt: the block's checksum"),
            refused.getMessage());

        byte[] version = log.clone();
        version[11] = 9;
        Files.write(corrupt, version);
        refused = assertThrows(JournalException.class, () -> RecordedRun.read(corrupt));
        assertTrue(refused.getMessage().contains("version 9"), refused.getMessage());
    }

    @Test
    void otherImagesAreRefusedAndOtherCodeDiverges() throws Exception {
        byte[] elf = guest(1);
        record(realTime(), elf);
        byte[] other = guest(5);
        JournalException refused = assertThrows(JournalException.class, () -> replay(realTime(), other, other));
        assertTrue(refused.getMessage().contains("guest.elf differs from the file the run was recorded with"),
            refused.getMessage());
        // past the hash check (as if the image changed under it), the first quantum that differs stops the replay
        JournalException diverged = assertThrows(JournalException.class, () -> replay(realTime(), elf, other));
        assertTrue(diverged.getMessage().startsWith("the replay diverged from the recording after ")
            && diverged.getMessage().contains("(log offset "), diverged.getMessage());
    }
}
