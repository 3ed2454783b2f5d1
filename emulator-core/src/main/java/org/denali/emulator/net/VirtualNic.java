package org.denali.emulator.net;

import java.util.ArrayDeque;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.arch.GuestException;
import org.denali.emulator.devices.InterruptSink;
import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.memory.GuestMemory;

/**
 * A VM's virtual NIC (docs/architecture.md §5): one 32-bit {@code out} per frame each way. NIC_SEND copies the frame
 * out of guest memory into the bounded transmit queue; NIC_RECEIVE copies the oldest queued frame into guest memory.
 * The switch fills the bounded receive queue through {@link #deliver}; when it goes from empty to non-empty the
 * NIC_RECEIVE line is raised. A full receive queue drops the newest frame and counts it.
 */
public final class VirtualNic implements PortDevice, SwitchPort {
    /** Receive queue depth from docs/architecture.md. */
    public static final int RECEIVE_QUEUE_FRAMES = 64;
    /** Transmit queue depth (Decision, docs/architecture.md): NIC_SEND answers "queue full" beyond it. */
    public static final int TRANSMIT_QUEUE_FRAMES = 64;
    public static final int ETHERNET_HEADER = 14;

    public static final int SEND_OK = 0;
    public static final int SEND_BAD_LENGTH = 1;
    public static final int SEND_QUEUE_FULL = 2;

    private final MacAddress mac;
    private final int mtu;
    private final InterruptSink interrupts;
    private final int receiveCapacity;
    private final int transmitCapacity;
    private final ArrayDeque<byte[]> receiveQueue = new ArrayDeque<>();
    private final ArrayDeque<byte[]> transmitQueue = new ArrayDeque<>();
    private volatile Runnable transmitQueuedListener = () -> { };
    private long sent;
    private long transmitted;
    private long sendRejected;
    private long received;
    private long receiveDropped;
    private long delivered;

    public VirtualNic(MacAddress mac, int mtu, InterruptSink interrupts) {
        this(mac, mtu, interrupts, RECEIVE_QUEUE_FRAMES, TRANSMIT_QUEUE_FRAMES);
    }

    public VirtualNic(MacAddress mac, int mtu, InterruptSink interrupts, int receiveCapacity, int transmitCapacity) {
        if (mtu < 46 || receiveCapacity < 1 || transmitCapacity < 1) {
            throw new IllegalArgumentException("bad NIC parameters");
        }
        this.mac = mac;
        this.mtu = mtu;
        this.interrupts = interrupts;
        this.receiveCapacity = receiveCapacity;
        this.transmitCapacity = transmitCapacity;
    }

    public MacAddress mac() {
        return mac;
    }

    /** Value of the NIC_RX_QUEUED virtual register: frames waiting in the receive queue. */
    public synchronized int receiveQueued() {
        return receiveQueue.size();
    }

    public synchronized NicStats stats() {
        return new NicStats(sent, transmitted, sendRejected, received, receiveDropped, delivered);
    }

    // ---- port I/O, on the VM's thread ----

    @Override
    public java.util.List<org.denali.emulator.devices.PortRange> ports() {
        return PORTS;
    }

    private static final java.util.List<org.denali.emulator.devices.PortRange> PORTS = java.util.List.of(
        org.denali.emulator.devices.PortRange.of(Ports.NIC_SEND), org.denali.emulator.devices.PortRange.of(Ports.NIC_RECEIVE));

    @Override
    public int in(int port, int size, GuestMemory memory) {
        throw new GuestException(FaultVector.GP, String.format("in from NIC port %#x: the NIC ports are out-only", port));
    }

    @Override
    public void out(int port, int size, int value, GuestMemory memory) {
        if (size != 4) {
            throw new GuestException(FaultVector.GP, String.format("%d-byte out to NIC port %#x", size, port));
        }
        if (port == Ports.NIC_SEND) {
            send(memory, value);
        } else if (port == Ports.NIC_RECEIVE) {
            receive(memory, value);
        } else {
            throw new IllegalArgumentException("port not claimed: " + port);
        }
    }

    /** NIC_SEND: descriptor {u32 buf, u32 len, u32 status}. A bad address faults before anything is queued. */
    private void send(GuestMemory memory, int descriptor) {
        int buf = memory.read32(descriptor);
        int length = memory.read32(descriptor + 4);
        memory.read32(descriptor + 8); // fault now if the status word is outside memory, before queueing
        int status;
        if (length < ETHERNET_HEADER || length > ETHERNET_HEADER + mtu) {
            synchronized (this) {
                sendRejected++;
            }
            status = SEND_BAD_LENGTH;
        } else {
            byte[] frame = new byte[length];
            memory.readBytes(buf, frame, 0, length);
            status = enqueueTransmit(frame) ? SEND_OK : SEND_QUEUE_FULL;
            if (status == SEND_OK) {
                transmitQueuedListener.run(); // outside this NIC's lock: the scheduler locks itself, then NICs
            }
        }
        memory.write32(descriptor + 8, status);
    }

    private synchronized boolean enqueueTransmit(byte[] frame) {
        if (transmitQueue.size() >= transmitCapacity) {
            sendRejected++;
            return false;
        }
        transmitQueue.add(frame);
        sent++;
        return true;
    }

    /** NIC_RECEIVE: descriptor {u32 buf, u32 cap, u32 len}. The frame leaves the queue only once it was copied. */
    private void receive(GuestMemory memory, int descriptor) {
        int buf = memory.read32(descriptor);
        int capacity = memory.read32(descriptor + 4);
        memory.read32(descriptor + 8);
        byte[] frame;
        synchronized (this) {
            frame = receiveQueue.peek();
        }
        if (frame == null) {
            memory.write32(descriptor + 8, 0);
            return;
        }
        int copy = (int) Math.min(frame.length, capacity & 0xFFFF_FFFFL);
        memory.writeBytes(buf, frame, 0, copy);
        synchronized (this) {
            receiveQueue.remove(); // only this VM's thread removes, so the head is still {@code frame}
            delivered++;
        }
        memory.write32(descriptor + 8, frame.length);
    }

    // ---- switch side ----

    /** A frame from the switch: queued, or dropped and counted if the receive queue is full. */
    @Override
    public void deliver(byte[] frame) {
        boolean becameNonEmpty;
        synchronized (this) {
            if (receiveQueue.size() >= receiveCapacity) {
                receiveDropped++;
                return;
            }
            becameNonEmpty = receiveQueue.isEmpty();
            receiveQueue.add(frame);
            received++;
        }
        if (becameNonEmpty) {
            interrupts.raise(InterruptLines.NIC_RECEIVE);
        }
    }

    /** Tells {@code listener} (the transmit scheduler) after each frame queued for transmission. */
    void onTransmitQueued(Runnable listener) {
        transmitQueuedListener = listener;
    }

    /** The oldest frame waiting to be transmitted, removed from the queue; null if none. For the scheduler. */
    synchronized byte[] pollTransmit() {
        byte[] frame = transmitQueue.poll();
        if (frame != null) {
            transmitted++;
        }
        return frame;
    }

    synchronized int transmitQueued() {
        return transmitQueue.size();
    }
}
