package org.denali.emulator.devices.keyboard;

import java.util.ArrayDeque;
import java.util.function.IntConsumer;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.devices.InterruptSink;
import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.memory.GuestMemory;

/**
 * The keyboard (docs/architecture.md §5): a byte queue the host fills ({@link #type}) and the guest drains with
 * {@code KEYBOARD_READ}, one byte per 32-bit {@code in}, 0xFFFFFFFF when empty. Line {@code KEYBOARD} is raised
 * when the queue goes from empty to non-empty, so a guest that drains the queue in its handler sees one interrupt
 * per burst of typing, not one per byte. Thread-safe: the host types from its own thread.
 */
public final class Keyboard implements PortDevice {
    /** Bound on buffered input so a host that types faster than the guest reads cannot exhaust the heap. */
    public static final int CAPACITY = 64 * 1024;

    /** Created by the first input: most VMs never get any, and a million-VM kernel would pay ~64 bytes each. */
    private ArrayDeque<Byte> queue;
    private final InterruptSink interrupts;
    private final IntConsumer availableChanged;
    private long dropped;

    /**
     * @param interrupts where line KEYBOARD is raised
     * @param availableChanged told the new queue length whenever it changes (the KEYBOARD_AVAILABLE register)
     */
    public Keyboard(InterruptSink interrupts, IntConsumer availableChanged) {
        this.interrupts = interrupts;
        this.availableChanged = availableChanged;
    }

    /** Host input: queues {@code bytes}; bytes beyond {@link #CAPACITY} are dropped and counted. */
    public void type(byte[] bytes, int offset, int length) {
        boolean becameNonEmpty;
        int available;
        synchronized (this) {
            if (queue == null) {
                if (length <= 0) {
                    return;
                }
                queue = new ArrayDeque<>(4);
            }
            becameNonEmpty = queue.isEmpty() && length > 0;
            for (int i = 0; i < length; i++) {
                if (queue.size() < CAPACITY) {
                    queue.add(bytes[offset + i]);
                } else {
                    dropped++;
                }
            }
            available = queue.size();
        }
        availableChanged.accept(available);
        if (becameNonEmpty) {
            interrupts.raise(InterruptLines.KEYBOARD); // outside the lock: the kernel may take its own lock
        }
    }

    public synchronized int available() {
        return queue == null ? 0 : queue.size();
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** The bytes typed and not yet read, oldest first (a checkpoint). */
    public synchronized byte[] queued() {
        byte[] bytes = new byte[available()];
        int i = 0;
        if (queue != null) {
            for (byte b : queue) {
                bytes[i++] = b;
            }
        }
        return bytes;
    }

    /** Replaces the queue and the drop count with a checkpoint's (raises nothing: pending lines are restored too). */
    public void restore(byte[] queued, long droppedBytes) {
        synchronized (this) {
            queue = queued.length == 0 ? null : new ArrayDeque<>(queued.length);
            for (byte b : queued) {
                queue.add(b);
            }
            dropped = droppedBytes;
        }
        availableChanged.accept(queued.length);
    }

    @Override
    public java.util.List<org.denali.emulator.devices.PortRange> ports() {
        return PORTS;
    }

    private static final java.util.List<org.denali.emulator.devices.PortRange> PORTS =
        java.util.List.of(org.denali.emulator.devices.PortRange.of(Ports.KEYBOARD_READ));

    @Override
    public int in(int port, int size, GuestMemory memory) {
        PortDevice.requireWidth(port, size, 4, "in");
        int value;
        int available;
        synchronized (this) {
            Byte next = queue == null ? null : queue.poll();
            value = next == null ? -1 : next & 0xFF;
            available = queue == null ? 0 : queue.size();
        }
        availableChanged.accept(available);
        return value;
    }

    @Override
    public void out(int port, int size, int value, GuestMemory memory) {
        throw PortDevice.generalProtection(String.format("keyboard port %#x is read-only", port));
    }
}
