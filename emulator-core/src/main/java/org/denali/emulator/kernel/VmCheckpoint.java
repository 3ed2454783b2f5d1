package org.denali.emulator.kernel;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.denali.emulator.cpu.Cpu;

/**
 * One VM's sections of a {@link KernelCheckpoint}: {@code VMST} (run state or exit, CPU, register page, pending
 * interrupts, console and keyboard), {@code PAGE} (private pages, through its memory manager's backing) and
 * {@code DEVS} (the extra devices' state). Called by the kernel under its lock with no quantum running.
 */
final class VmCheckpoint {
    private VmCheckpoint() {
    }

    // ------------------------------------------------------------------ capture

    static List<KernelCheckpoint.Section> capture(VirtualMachine vm) {
        if (vm.heldFault() != null) {
            throw new CheckpointException("VM " + vm.id() + " is held at a fault by the debugger: resume (end) it "
                + "before taking a snapshot");
        }
        if (vm.state() == VmState.RUNNING) {
            // only possible from a kernel hook (an observer, a fault hold) that runs inside the quantum loop
            throw new CheckpointException("VM " + vm.id() + " is between its quantum and the kernel's bookkeeping: "
                + "take checkpoints between quanta (Kernel.runUntil, the monitor), not from a kernel hook");
        }
        if (vm.state() == VmState.ENDED) {
            return List.of(CheckpointPayload.section(KernelCheckpoint.VM, vm.id(), out -> {
                out.writeBoolean(true);
                writeExit(out, vm.exit());
                out.writeLong(vm.quanta());
                writeBytes(out, vm.registers().record());
            }));
        }
        KernelCheckpoint.Section state = CheckpointPayload.section(KernelCheckpoint.VM, vm.id(), out -> {
            out.writeBoolean(false);
            VmRunState.Saved run = vm.run().capture();
            out.writeByte(run.state().ordinal());
            out.writeBoolean(run.admitted());
            out.writeLong(run.timerPeriodNanos());
            out.writeLong(run.quanta());
            out.writeBoolean(run.compensationDue());
            out.writeLong(run.slice());
            out.writeLong(vm.createdAtNanos());
            Cpu cpu = vm.cpu();
            for (int i = 0; i < 8; i++) {
                out.writeInt(cpu.register(i));
            }
            out.writeInt(cpu.eip());
            out.writeInt(cpu.eflags());
            out.writeLong(cpu.instructionsRetired());
            writeBytes(out, vm.registers().record());
            out.writeInt(vm.interrupts().pending());
            writeBytes(out, vm.keyboard().queued());
            out.writeLong(vm.keyboard().dropped());
            out.writeLong(vm.console().bytesWritten());
        });
        long resident = vm.backing().residentPages();
        KernelCheckpoint.Section pages = CheckpointPayload.section(KernelCheckpoint.PAGES, vm.id(),
            (int) Math.min(64 << 20, 32 + (resident + 1) * (4 + 1 + 4096)), out -> vm.backing().save(out));
        KernelCheckpoint.Section devices = CheckpointPayload.section(KernelCheckpoint.DEVICES, vm.id(), out -> {
            List<VmDeviceHooks> hooks = vm.deviceHooks();
            out.writeInt(hooks.size());
            for (VmDeviceHooks hook : hooks) {
                ByteArrayOutputStream one = new ByteArrayOutputStream();
                hook.save(new DataOutputStream(one));
                writeString(out, hook.getClass().getSimpleName());
                writeBytes(out, one.toByteArray());
            }
        });
        return List.of(state, pages, devices);
    }

    // ------------------------------------------------------------------ restore

    /**
     * Puts a VM of a kernel that never ran into the state {@code state} describes. An ended VM ends here (quietly:
     * the kernel's counters come from its own section); a live one gets its run state, CPU and the rest.
     *
     * @return true if the VM ended
     */
    static boolean restoreState(VirtualMachine vm, KernelCheckpoint.Section state) {
        boolean[] ended = {false};
        CheckpointPayload.read(state, in -> {
            if (in.readBoolean()) {
                VmExit exit = readExit(in);
                long quanta = in.readLong();
                byte[] record = readBytes(in);
                vm.run().restore(new VmRunState.Saved(VmState.WAITING, false, 0, quanta, false,
                    QuantumRunner.SLICE));
                vm.run().ended(exit);
                vm.releaseEnded();
                vm.registers().restoreRecord(record);
                ended[0] = true;
                return;
            }
            int stateOrdinal = in.readUnsignedByte();
            if (stateOrdinal >= VmState.values().length) {
                throw new IOException("unknown VM state " + stateOrdinal);
            }
            VmState runState = VmState.values()[stateOrdinal];
            if (runState == VmState.RUNNING || runState == VmState.ENDED) {
                throw new IOException("a live VM cannot be " + runState + " between quanta");
            }
            VmRunState.Saved run = new VmRunState.Saved(runState, in.readBoolean(), in.readLong(), in.readLong(),
                in.readBoolean(), in.readLong());
            vm.run().restore(run);
            vm.restoreCreatedAt(in.readLong());
            Cpu cpu = vm.cpu();
            for (int i = 0; i < 8; i++) {
                cpu.setRegister(i, in.readInt());
            }
            cpu.setEip(in.readInt());
            cpu.setEflags(in.readInt());
            cpu.restoreInstructionsRetired(in.readLong());
            vm.registers().restoreRecord(readBytes(in));
            vm.interrupts().restorePending(in.readInt());
            byte[] typed = readBytes(in);
            vm.keyboard().restore(typed, in.readLong());
            vm.console().restoreBytesWritten(in.readLong());
        });
        return ended[0];
    }

    static void restorePages(VirtualMachine vm, KernelCheckpoint.Section pages) {
        CheckpointPayload.read(pages, in -> vm.backing().restore(in));
    }

    static void restoreDevices(VirtualMachine vm, KernelCheckpoint.Section devices) {
        CheckpointPayload.read(devices, in -> {
            List<VmDeviceHooks> hooks = vm.deviceHooks();
            int count = in.readInt();
            if (count != hooks.size()) {
                throw new CheckpointException("VM " + vm.id() + " had " + count + " extra devices when the snapshot "
                    + "was taken, it has " + hooks.size() + " now: start it with the same devices (network, disks)");
            }
            for (VmDeviceHooks hook : hooks) {
                String name = readString(in);
                byte[] state = readBytes(in);
                if (!name.equals(hook.getClass().getSimpleName())) {
                    throw new CheckpointException("VM " + vm.id() + ": the snapshot has device " + name + " where "
                        + "this kernel has " + hook.getClass().getSimpleName());
                }
                DataInputStream one = new DataInputStream(new java.io.ByteArrayInputStream(state));
                hook.restore(one);
                if (one.available() != 0) {
                    throw new CheckpointException("VM " + vm.id() + ": device " + name + " left "
                        + one.available() + " bytes of its state unread");
                }
            }
        });
    }

    // ------------------------------------------------------------------ fields

    private static void writeExit(DataOutput out, VmExit exit) throws IOException {
        out.writeByte(exit.kind().ordinal());
        out.writeInt(exit.code());
        FaultReport f = exit.fault();
        out.writeBoolean(f != null);
        if (f != null) {
            out.writeInt(f.vmId());
            out.writeInt(f.vector());
            out.writeInt(f.eip());
            out.writeInt(f.address());
            writeBytes(out, f.instructionBytes());
            writeString(out, f.disassembly());
            writeString(out, f.diagnostic());
            for (int i = 0; i < 8; i++) {
                out.writeInt(f.registers()[i]);
            }
            out.writeInt(f.eflags());
        }
    }

    private static VmExit readExit(DataInput in) throws IOException {
        int kind = in.readUnsignedByte();
        if (kind >= VmExit.Kind.values().length) {
            throw new IOException("unknown exit kind " + kind);
        }
        int code = in.readInt();
        FaultReport fault = null;
        if (in.readBoolean()) {
            int vmId = in.readInt();
            int vector = in.readInt();
            int eip = in.readInt();
            int address = in.readInt();
            byte[] bytes = readBytes(in);
            String disassembly = readString(in);
            String diagnostic = readString(in);
            int[] regs = new int[8];
            for (int i = 0; i < 8; i++) {
                regs[i] = in.readInt();
            }
            fault = new FaultReport(vmId, vector, eip, address, bytes, disassembly, diagnostic, regs, in.readInt());
        }
        return new VmExit(VmExit.Kind.values()[kind], code, fault);
    }

    static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static byte[] readBytes(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (64 << 20)) {
            throw new IOException("bad length " + n);
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    static void writeString(DataOutput out, String s) throws IOException {
        writeBytes(out, (s == null ? "" : s).getBytes(StandardCharsets.UTF_8));
    }

    static String readString(DataInput in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }
}
