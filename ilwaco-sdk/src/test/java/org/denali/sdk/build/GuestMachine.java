package org.denali.sdk.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.arch.VirtualInstructions;
import org.denali.emulator.arch.VirtualRegisters;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.CpuHost;
import org.denali.emulator.cpu.RunResult;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.elf.DenaliImageRules;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.SegmentSink;
import org.denali.emulator.memory.PageProvider;
import org.denali.emulator.memory.PagedMemory;

/**
 * A test-side stand-in for the Denali kernel, enough to run Ilwaco guests on the bare {@link Cpu} until
 * org.denali.emulator.kernel exists: the virtual-register page (RO writes discarded), console, keyboard,
 * one-shot timer and an in-memory disk on their architecture.md ports, a virtual clock (100 instructions per
 * µs; `idle` jumps it to the next event), and batched interrupt delivery at quantum starts with the
 * EFLAGS/CS/EIP frame of architecture.md §6.
 */
final class GuestMachine implements CpuHost {
    static final int VM_ID = 7;
    static final int CPU_SPEED_KHZ = 100_000;
    private static final long QUANTUM = 10_000;
    private static final long INSTRUCTIONS_PER_MICROSECOND = 100;
    private static final long DISK_LATENCY_US = 200;
    private static final int BLOCK = 4096;

    private final PagedMemory memory;
    private final Cpu cpu;
    private final byte[] registers;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Deque<Integer> keyboard = new ArrayDeque<>();
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final List<Integer> idleTimeouts = new ArrayList<>();
    private final byte[] disk;
    private long clockUs;
    private long instructionRemainder;
    private long timerDeadline = -1;
    private int pending;
    private int consoleWrites;
    private int deliveries;

    /** Something the machine does at a virtual time: a disk completion, keyboard input. */
    private record Event(long timeUs, long sequence, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            return timeUs != other.timeUs ? Long.compare(timeUs, other.timeUs) : Long.compare(sequence, other.sequence);
        }
    }

    private long sequence;

    /** How a run ended. */
    record Outcome(int exitCode, String console, List<Integer> idleTimeouts, int consoleWrites, int deliveries,
                   long clockUs) {
    }

    private GuestMachine(Path image, int memorySize, int diskBlocks) throws IOException, ElfFormatException {
        ElfImage elf = ElfParser.parse(image);
        DenaliImageRules.check(elf, memorySize);
        memory = new PagedMemory(memorySize, PageProvider.ZERO_FILL);
        elf.loadInto(new SegmentSink() {
            @Override
            public void write(int addr, byte[] data, int off, int len) {
                memory.writeBytes(addr, data, off, len);
            }

            @Override
            public void zero(int addr, int len) {
                memory.writeBytes(addr, new byte[len], 0, len);
            }
        });
        registers = memory.page(0).data();
        memory.intercept(0, (page, offset, size, value) -> {
            for (int i = 0; i < size; i++) {
                int at = offset + i;
                if (isGuestWritable(at)) {
                    page.data()[at] = (byte) (value >>> (8 * i));
                }
            }
        });
        disk = new byte[diskBlocks * BLOCK];
        put32(VirtualRegisters.MAGIC, VirtualRegisters.MAGIC_VALUE);
        put32(VirtualRegisters.VERSION, VirtualRegisters.VERSION_VALUE);
        put32(VirtualRegisters.VM_ID, VM_ID);
        put32(VirtualRegisters.CPU_SPEED_KHZ, CPU_SPEED_KHZ);
        put32(VirtualRegisters.MEMORY_SIZE, memorySize);
        put32(VirtualRegisters.IMAGE_END, (int) ((elf.imageEnd() + 4095) & ~4095L));
        put32(VirtualRegisters.DISK_COUNT, diskBlocks > 0 ? 1 : 0);
        put32(VirtualRegisters.DISK_BLOCKS, diskBlocks);
        cpu = new Cpu(memory, this);
        cpu.setEip((int) elf.entryPoint());
        cpu.setRegister(Registers.ESP, memorySize);
    }

    static GuestMachine load(Path image) throws IOException, ElfFormatException {
        return new GuestMachine(image, 16 << 20, 0);
    }

    static GuestMachine withDisk(Path image, int blocks) throws IOException, ElfFormatException {
        return new GuestMachine(image, 16 << 20, blocks);
    }

    byte[] disk() {
        return disk;
    }

    /** Bytes that arrive on the keyboard at virtual time {@code atUs}. */
    GuestMachine type(long atUs, String text) {
        schedule(atUs, () -> {
            boolean wasEmpty = keyboard.isEmpty();
            for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
                keyboard.add(b & 0xFF);
            }
            if (wasEmpty && !keyboard.isEmpty()) {
                raise(InterruptLines.KEYBOARD);
            }
        });
        return this;
    }

    /** Runs until the guest terminates; any other stop is a test failure that names it. */
    Outcome run(long instructionLimit) {
        long used = 0;
        while (used < instructionLimit) {
            refreshRegisters();
            deliverInterrupts();
            RunResult result = cpu.run(Math.min(QUANTUM, instructionLimit - used));
            used += result.instructions();
            advanceClock(result.instructions());
            switch (result.reason()) {
                case BUDGET_EXHAUSTED -> { }
                case IDLE -> idle(result.idleTimeoutMicros());
                case TERMINATED -> {
                    return new Outcome(result.exitCode(), consoleText(), List.copyOf(idleTimeouts), consoleWrites,
                            deliveries, clockUs);
                }
                default -> throw new AssertionError("guest stopped: " + result + " at eip 0x"
                        + Integer.toHexString(cpu.eip()) + "; console so far:\n" + consoleText());
            }
        }
        throw new AssertionError("guest did not terminate within " + instructionLimit
                + " instructions; console so far:\n" + consoleText());
    }

    String consoleText() {
        return console.toString(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ devices (CpuHost)

    @Override
    public int in(int port, int size) {
        if (port == Ports.KEYBOARD_READ && size == 4) {
            Integer next = keyboard.poll();
            return next == null ? -1 : next;
        }
        throw new AssertionError("in from port 0x" + Integer.toHexString(port) + " size " + size);
    }

    @Override
    public void out(int port, int size, int value) {
        switch (port) {
            case Ports.CONSOLE_PUTC -> console.write(value & 0xFF);
            case Ports.CONSOLE_WRITE -> {
                int length = memory.read32(value + 4);
                byte[] bytes = new byte[length];
                memory.readBytes(memory.read32(value), bytes, 0, length);
                console.writeBytes(bytes);
                consoleWrites++;
            }
            case Ports.TIMER_ARM -> timerDeadline = value == 0 ? -1 : clockUs + Integer.toUnsignedLong(value);
            case Ports.DISK_SUBMIT -> submitDisk(value);
            default -> throw new AssertionError("out to port 0x" + Integer.toHexString(port));
        }
    }

    private void submitDisk(int descriptor) {
        int op = memory.read32(descriptor);
        int block = memory.read32(descriptor + 8);
        int buffer = memory.read32(descriptor + 12);
        boolean badDisk = memory.read32(descriptor + 4) != 0 || disk.length == 0;
        memory.write32(descriptor + 16, -1);
        schedule(clockUs + DISK_LATENCY_US, () -> {
            int status;
            if (badDisk) {
                status = 1;
            } else if (block < 0 || (long) block * BLOCK >= disk.length) {
                status = 2;
            } else {
                if (op == 0) {
                    memory.writeBytes(buffer, disk, block * BLOCK, BLOCK);
                } else {
                    memory.readBytes(buffer, disk, block * BLOCK, BLOCK);
                }
                status = 0;
            }
            memory.write32(descriptor + 16, status);
            raise(InterruptLines.DISK);
        });
    }

    // ------------------------------------------------------------------ kernel side

    private static boolean isGuestWritable(int offset) {
        return (offset >= VirtualRegisters.INTERRUPTS_ENABLED && offset < VirtualRegisters.INTERRUPTS_ENABLED + 4)
                || (offset >= VirtualRegisters.INTERRUPT_HANDLER && offset < VirtualRegisters.INTERRUPT_HANDLER + 4);
    }

    private void schedule(long atUs, Runnable action) {
        events.add(new Event(atUs, sequence++, action));
    }

    private void raise(int line) {
        pending |= 1 << line;
    }

    private void advanceClock(long instructions) {
        long total = instructionRemainder + instructions;
        advanceTo(clockUs + total / INSTRUCTIONS_PER_MICROSECOND);
        instructionRemainder = total % INSTRUCTIONS_PER_MICROSECOND;
    }

    private void advanceTo(long timeUs) {
        clockUs = Math.max(clockUs, timeUs);
        if (timerDeadline >= 0 && timerDeadline <= clockUs) {
            timerDeadline = -1;
            raise(InterruptLines.TIMER);
        }
        while (!events.isEmpty() && events.peek().timeUs() <= clockUs) {
            events.poll().action().run();
        }
    }

    /** `idle`: jump the clock to the timeout or the next device event, whichever is first. */
    private void idle(int timeoutMicros) {
        idleTimeouts.add(timeoutMicros);
        int reason;
        if (pending != 0) {
            reason = VirtualInstructions.WOKE_BY_INTERRUPT;
        } else {
            long wake = timeoutMicros == VirtualInstructions.IDLE_FOREVER
                    ? Long.MAX_VALUE : clockUs + Integer.toUnsignedLong(timeoutMicros);
            long device = Math.min(timerDeadline >= 0 ? timerDeadline : Long.MAX_VALUE,
                    events.isEmpty() ? Long.MAX_VALUE : events.peek().timeUs());
            if (wake == Long.MAX_VALUE && device == Long.MAX_VALUE) {
                throw new AssertionError("guest idles forever with nothing that could wake it; console:\n"
                        + consoleText());
            }
            advanceTo(Math.min(wake, device));
            reason = pending != 0 ? VirtualInstructions.WOKE_BY_INTERRUPT : VirtualInstructions.WOKE_BY_TIMEOUT;
        }
        cpu.setRegister(Registers.EAX, reason);
        put32(VirtualRegisters.WAKE_REASON, reason);
    }

    private void deliverInterrupts() {
        if (pending == 0 || get32(VirtualRegisters.INTERRUPTS_ENABLED) != 1
                || get32(VirtualRegisters.INTERRUPT_HANDLER) == 0) {
            return;
        }
        put32(VirtualRegisters.DELIVERED_INTERRUPTS, pending);
        pending = 0;
        put32(VirtualRegisters.PENDING_INTERRUPTS, 0);
        put32(VirtualRegisters.INTERRUPTS_ENABLED, 0);
        int sp = cpu.register(Registers.ESP);
        memory.write32(sp - 4, cpu.eflags());
        memory.write32(sp - 8, 0x08);
        memory.write32(sp - 12, cpu.eip());
        cpu.setRegister(Registers.ESP, sp - 12);
        cpu.setEip(get32(VirtualRegisters.INTERRUPT_HANDLER));
        deliveries++;
    }

    private void refreshRegisters() {
        put64(VirtualRegisters.SYSTEM_TIME_US, clockUs);
        put64(VirtualRegisters.INSTRUCTIONS_RETIRED, cpu.instructionsRetired());
        put32(VirtualRegisters.PENDING_INTERRUPTS, pending);
        put32(VirtualRegisters.KEYBOARD_AVAILABLE, keyboard.size());
    }

    private int get32(int offset) {
        return (registers[offset] & 0xFF) | (registers[offset + 1] & 0xFF) << 8 | (registers[offset + 2] & 0xFF) << 16
                | (registers[offset + 3] & 0xFF) << 24;
    }

    private void put32(int offset, int value) {
        for (int i = 0; i < 4; i++) {
            registers[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private void put64(int offset, long value) {
        put32(offset, (int) value);
        put32(offset + 4, (int) (value >>> 32));
    }
}
