package org.denali.emulator.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.arch.GuestException;
import org.denali.emulator.memory.PageFault;
import org.denali.emulator.memory.PagedMemory;
import org.denali.emulator.memory.PageProvider;
import org.junit.jupiter.api.Test;

/** The NIC driven exactly as a guest drives it: descriptors in guest memory, one 32-bit out per frame. */
class VirtualNicTest {
    private static final int DESC = 0x1000;
    private static final int TX_BUF = 0x2000;
    private static final int RX_BUF = 0x3000;

    /** One VM's side: its memory, NIC and the interrupt lines raised for it. */
    private static final class Guest {
        final PagedMemory memory = new PagedMemory(64 * 4096, PageProvider.ZERO_FILL);
        final List<Integer> raised = new ArrayList<>();
        final VirtualNic nic;
        final int port;

        Guest(EthernetSwitch lan, PacketScheduler tx, int id, int rxCapacity, int txCapacity) {
            nic = new VirtualNic(MacAddress.forVm(id), 1500, raised::add, rxCapacity, txCapacity);
            port = lan.attach(nic, nic.mac());
            tx.add(nic, port);
        }

        int send(byte[] frame) {
            memory.writeBytes(TX_BUF, frame, 0, frame.length);
            memory.write32(DESC, TX_BUF);
            memory.write32(DESC + 4, frame.length);
            memory.write32(DESC + 8, 0xDEAD);
            nic.out(Ports.NIC_SEND, 4, DESC, memory);
            return memory.read32(DESC + 8);
        }

        /** NIC_RECEIVE with capacity {@code cap}; returns the frame as copied (null if the queue was empty). */
        byte[] receive(int cap) {
            memory.write32(DESC, RX_BUF);
            memory.write32(DESC + 4, cap);
            memory.write32(DESC + 8, 0xDEAD);
            nic.out(Ports.NIC_RECEIVE, 4, DESC, memory);
            int length = memory.read32(DESC + 8);
            if (length == 0) {
                return null;
            }
            byte[] copy = new byte[Math.min(length, cap)];
            memory.readBytes(RX_BUF, copy, 0, copy.length);
            return copy;
        }

        long nicReceiveInterrupts() {
            return raised.stream().filter(l -> l == InterruptLines.NIC_RECEIVE).count();
        }
    }

    private final EthernetSwitch lan = new EthernetSwitch();
    private final PacketScheduler tx = new PacketScheduler(lan);

    private Guest guest(int id) {
        return new Guest(lan, tx, id, VirtualNic.RECEIVE_QUEUE_FRAMES, VirtualNic.TRANSMIT_QUEUE_FRAMES);
    }

    @Test
    void frameTravelsFromOneNicToAnotherThroughTheSwitch() {
        Guest a = guest(1);
        Guest b = guest(2);
        byte[] frame = Frames.tagged(b.nic.mac(), a.nic.mac(), 7, 100);

        assertEquals(VirtualNic.SEND_OK, a.send(frame));
        assertEquals(0, b.nic.receiveQueued(), "nothing moves until the packet scheduler runs");
        assertEquals(1, tx.drain(64));

        assertEquals(1, b.nic.receiveQueued(), "NIC_RX_QUEUED");
        assertEquals(List.of(InterruptLines.NIC_RECEIVE), b.raised);
        assertEquals(List.of(), a.raised);
        assertArrayEquals(frame, b.receive(2048));
        assertEquals(0, b.nic.receiveQueued());
        assertEquals(null, b.receive(2048), "an empty queue answers len = 0");
        assertEquals(new NicStats(1, 1, 0, 0, 0, 0), a.nic.stats());
        assertEquals(new NicStats(0, 0, 0, 1, 0, 1), b.nic.stats());
    }

    @Test
    void interruptOnlyWhenTheQueueBecomesNonEmpty() {
        Guest a = guest(1);
        Guest b = guest(2);
        for (int i = 0; i < 3; i++) {
            a.send(Frames.tagged(b.nic.mac(), a.nic.mac(), i, 50));
        }
        tx.drain(64);
        assertEquals(1, b.nicReceiveInterrupts());
        b.receive(2048);
        b.receive(2048);
        b.receive(2048);
        a.send(Frames.tagged(b.nic.mac(), a.nic.mac(), 9, 50));
        tx.drain(64);
        assertEquals(2, b.nicReceiveInterrupts());
    }

    @Test
    void fullReceiveQueueDropsNewestAndCounts() {
        Guest a = guest(1);
        Guest b = new Guest(lan, tx, 2, 4, 64);
        for (int i = 0; i < 6; i++) {
            a.send(Frames.tagged(b.nic.mac(), a.nic.mac(), i, 60));
        }
        tx.drain(64);
        assertEquals(4, b.nic.receiveQueued());
        assertEquals(2, b.nic.stats().receiveDropped());
        for (int i = 0; i < 4; i++) {
            assertEquals((byte) i, b.receive(2048)[14], "the oldest frames were kept");
        }
    }

    @Test
    void shortCapacityTruncatesAndReportsFullLength() {
        Guest a = guest(1);
        Guest b = guest(2);
        byte[] frame = Frames.tagged(b.nic.mac(), a.nic.mac(), 1, 500);
        a.send(frame);
        tx.drain(1);
        byte[] got = b.receive(64);
        assertEquals(64, got.length);
        assertEquals(frame.length, b.memory.read32(DESC + 8));
        assertArrayEquals(java.util.Arrays.copyOf(frame, 64), got);
        assertEquals(0, b.memory.read8(RX_BUF + 64), "nothing written past cap");
    }

    @Test
    void sendRejectsBadLengthsAndFullQueue() {
        Guest a = new Guest(lan, tx, 1, 64, 2);
        Guest b = guest(2);
        assertEquals(VirtualNic.SEND_BAD_LENGTH, a.send(new byte[13]));
        assertEquals(VirtualNic.SEND_BAD_LENGTH, a.send(Frames.tagged(b.nic.mac(), a.nic.mac(), 0, 1501)));
        assertEquals(VirtualNic.SEND_OK, a.send(Frames.tagged(b.nic.mac(), a.nic.mac(), 0, 1500)));
        assertEquals(VirtualNic.SEND_OK, a.send(Frames.tagged(b.nic.mac(), a.nic.mac(), 0, 46)));
        assertEquals(VirtualNic.SEND_QUEUE_FULL, a.send(Frames.tagged(b.nic.mac(), a.nic.mac(), 0, 46)));
        assertEquals(3, a.nic.stats().sendRejected());
        assertEquals(2, tx.drain(64));
    }

    @Test
    void badDescriptorsFaultTheGuestWithoutSideEffects() {
        Guest a = guest(1);
        Guest b = guest(2);
        assertThrows(PageFault.class, () -> a.nic.out(Ports.NIC_SEND, 4, 0xC000_0000, a.memory));
        a.memory.write32(DESC, 0x3F_F000); // buffer runs past the end of the 256 KB memory
        a.memory.write32(DESC + 4, 100);
        assertThrows(PageFault.class, () -> a.nic.out(Ports.NIC_SEND, 4, DESC, a.memory));
        assertEquals(0, a.nic.stats().sent());

        a.send(Frames.tagged(b.nic.mac(), a.nic.mac(), 1, 100));
        tx.drain(1);
        b.memory.write32(DESC, 0x7FFF_0000);
        b.memory.write32(DESC + 4, 2048);
        assertThrows(PageFault.class, () -> b.nic.out(Ports.NIC_RECEIVE, 4, DESC, b.memory));
        assertEquals(1, b.nic.receiveQueued(), "the frame stays queued when the copy faults");
        assertThrows(GuestException.class, () -> b.nic.out(Ports.NIC_RECEIVE, 1, DESC, b.memory));
        assertThrows(GuestException.class, () -> b.nic.in(Ports.NIC_RECEIVE, 4, b.memory));
        assertEquals(java.util.List.of(org.denali.emulator.devices.PortRange.of(Ports.NIC_SEND),
            org.denali.emulator.devices.PortRange.of(Ports.NIC_RECEIVE)), b.nic.ports());
    }

    @Test
    void transmitQueuesAreDrainedRoundRobin() {
        Guest a = guest(1);
        Guest b = guest(2);
        Guest c = guest(3);
        Guest sink = guest(4);
        List<MacAddress> order = new ArrayList<>();
        lan.addTap((t, f) -> order.add(MacAddress.of(f, 6)));
        for (int i = 0; i < 10; i++) {
            a.send(Frames.tagged(sink.nic.mac(), a.nic.mac(), i, 46));
        }
        for (int i = 0; i < 3; i++) {
            b.send(Frames.tagged(sink.nic.mac(), b.nic.mac(), i, 46));
            c.send(Frames.tagged(sink.nic.mac(), c.nic.mac(), i, 46));
        }
        // One frame per call: the turn position persists between drains.
        for (int i = 0; i < 9; i++) {
            assertEquals(1, tx.drain(1));
        }
        MacAddress ma = a.nic.mac();
        MacAddress mb = b.nic.mac();
        MacAddress mc = c.nic.mac();
        assertEquals(List.of(ma, mb, mc, ma, mb, mc, ma, mb, mc), order);
        assertEquals(7, tx.drain(100), "then A, the only sender left, gets every turn");
        assertEquals(0, tx.drain(100));
        tx.remove(a.nic);
        a.send(Frames.tagged(sink.nic.mac(), a.nic.mac(), 0, 46));
        assertEquals(0, tx.drain(100), "a removed NIC is not drained");
    }
}
