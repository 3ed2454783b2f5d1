package org.denali.emulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.kernel.snapshot.SnapshotFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's proof for snapshots: a deterministic kernel of four VMs exchanging frames, one of them swapped out at
 * the snapshot, run to N instructions, snapshotted, run on to M, ends in the same state (per-VM instructions,
 * registers, memory, run state, console output, frames on the LAN, kernel counters) as a new kernel restored from
 * the snapshot file (and one restored from the in-memory checkpoint) run from N to M, and as a kernel that ran to M
 * without ever being snapshotted.
 */
class CheckpointExactnessTest {
    /** The snapshot is taken at the first multiple of this (instructions, all VMs) where some VM is swapped out. */
    private static final long STEP = 250_000;
    private static final long M = 8_000_000;

    @TempDir
    Path dir;

    @Test
    void aRestoredKernelRunsOnExactlyAsTheOriginalAndAsOneNeverSnapshotted() throws Exception {
        CheckpointGuests guests = new CheckpointGuests();

        CheckpointGuests.Lan original = guests.build();
        long n = 0;
        do {
            n += STEP;
            original.kernel().runUntil(n);
        } while (n < M / 2 && !someSwappedOut(original));
        assertTrue(someSwappedOut(original), "some VM is swapped out when the snapshot is taken: "
            + original.vms().stream().map(vm -> vm + " admitted=" + vm.admitted() + " pageOuts=" + vm.pageOuts())
                .toList());
        assertTrue(original.vms().stream().noneMatch(vm -> vm.state() == VmState.ENDED), "all VMs still run");
        List<Integer> consoleAtN = new ArrayList<>();
        for (int i = 0; i < original.vms().size(); i++) {
            consoleAtN.add(original.consoles().get(i).size());
        }
        int framesAtN = original.frames().size();
        assertTrue(framesAtN > 100, "the VMs exchanged frames before N: " + framesAtN);
        KernelCheckpoint checkpoint = original.kernel().checkpoint();
        Path file = dir.resolve("lan.snapshot");
        SnapshotFile.write(checkpoint, file);
        original.kernel().runUntil(M);
        String expected = fingerprint(original, consoleAtN, framesAtN);

        CheckpointGuests.Lan fromFile = guests.build();
        fromFile.kernel().restore(SnapshotFile.read(file));
        fromFile.kernel().runUntil(M);
        assertEquals(expected, fingerprint(fromFile, null, 0), "restored from the file, run from N to M");

        CheckpointGuests.Lan fromMemory = guests.build();
        fromMemory.kernel().restore(checkpoint);
        fromMemory.kernel().runUntil(M);
        assertEquals(expected, fingerprint(fromMemory, null, 0), "restored from the in-memory checkpoint");

        CheckpointGuests.Lan never = guests.build();
        never.kernel().runUntil(M);
        assertEquals(fingerprint(original, null, 0), fingerprint(never, null, 0),
            "the snapshotted run is the run that never was snapshotted (whole output)");
    }

    private static boolean someSwappedOut(CheckpointGuests.Lan lan) {
        return lan.vms().stream().anyMatch(vm -> vm.state() != VmState.ENDED && !vm.admitted() && vm.pageOuts() > 0
            && vm.residentPages() == 0);
    }

    /**
     * Everything observable of the kernel after the run, with each console's output and the LAN's frames from
     * {@code consoleFrom}/{@code framesFrom} on (null/0: all of it).
     */
    private static String fingerprint(CheckpointGuests.Lan lan, List<Integer> consoleFrom, int framesFrom)
            throws Exception {
        StringBuilder sb = new StringBuilder();
        KernelStatistics stats = lan.kernel().statistics();
        sb.append("kernel: instructions=").append(stats.instructions()).append(" quanta=").append(stats.quanta())
            .append(" switches=").append(stats.vmSwitches()).append(" batches=").append(stats.interruptBatches())
            .append(" lines=").append(stats.interruptLines()).append(" wakes=").append(stats.idleWakesByTimeout())
            .append('/').append(stats.idleWakesByInterrupt()).append(" clock=").append(lan.kernel().nowNanos())
            .append('\n');
        for (int i = 0; i < lan.vms().size(); i++) {
            VirtualMachine vm = lan.vms().get(i);
            Cpu cpu = vm.cpu();
            sb.append("vm").append(vm.id()).append(' ').append(vm.state()).append(" admitted=").append(vm.admitted())
                .append(" quanta=").append(vm.quanta()).append(" retired=").append(cpu.instructionsRetired())
                .append(" pending=").append(vm.pendingInterrupts()).append(" eip=").append(cpu.eip())
                .append(" eflags=").append(cpu.eflags()).append(" regs=");
            for (int r = 0; r < 8; r++) {
                sb.append(cpu.register(r)).append(',');
            }
            sb.append(" registerPage=").append(HexFormat.of().formatHex(vm.registers().record()));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] page = new byte[4096];
            for (int at = 4096; at < CheckpointGuests.VM_MEMORY; at += 4096) {
                vm.memory().readBytes(at, page, 0, page.length);
                sha.update(page);
            }
            sb.append(" memory=").append(HexFormat.of().formatHex(sha.digest()));
            String console = lan.console(i);
            sb.append(" console=").append(consoleFrom == null ? console : console.substring(consoleFrom.get(i)))
                .append('\n');
        }
        MessageDigest frames = MessageDigest.getInstance("SHA-256");
        List<byte[]> all = lan.frames();
        for (int i = framesFrom; i < all.size(); i++) {
            frames.update(all.get(i));
        }
        sb.append("frames=").append(all.size() - framesFrom).append(' ')
            .append(HexFormat.of().formatHex(frames.digest())).append('\n');
        return sb.toString();
    }
}
