package org.denali.emulator.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

import org.denali.emulator.arch.Ports;
import org.denali.emulator.memory.PagedMemory;
import org.junit.jupiter.api.Test;

/**
 * Kernel workers drain transmit queues concurrently (each at the end of its own VM's quantum); a VM's frames must
 * still reach the wire in the order the VM sent them, as on a real NIC — TCP and request/response protocols rely
 * on it.
 */
class PacketSchedulerOrderTest {
    private static final int DESC = 0x1000;
    private static final int TX_BUF = 0x2000;

    @Test
    void concurrentDrainsKeepEachVmsFramesInSendingOrder() throws Exception {
        EthernetSwitch lan = new EthernetSwitch();
        PacketScheduler tx = new PacketScheduler(lan);
        VirtualNic sender = new VirtualNic(MacAddress.forVm(1), 1500, line -> { }, 64, 64);
        VirtualNic receiver = new VirtualNic(MacAddress.forVm(2), 1500, line -> { }, 64, 64);
        tx.add(sender, lan.attach(sender, sender.mac()));
        tx.add(receiver, lan.attach(receiver, receiver.mac()));
        List<Integer> wireOrder = new ArrayList<>();
        lan.addTap((nanos, frame) -> {
            synchronized (wireOrder) {
                wireOrder.add(frame[14] & 0xff); // the first payload byte is the sequence number
            }
        });
        PagedMemory memory = new PagedMemory();

        for (int round = 0; round < 300; round++) {
            for (int seq = 0; seq < 64; seq++) {
                byte[] frame = Frames.tagged(receiver.mac(), sender.mac(), seq, 60);
                memory.writeBytes(TX_BUF, frame, 0, frame.length);
                memory.write32(DESC, TX_BUF);
                memory.write32(DESC + 4, frame.length);
                sender.out(Ports.NIC_SEND, 4, DESC, memory);
            }
            CyclicBarrier start = new CyclicBarrier(2);
            Runnable worker = () -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                while (tx.drain(1) > 0) {
                    Thread.onSpinWait();
                }
            };
            Thread a = new Thread(worker);
            Thread b = new Thread(worker);
            a.start();
            b.start();
            a.join();
            b.join();
            List<Integer> expected = new ArrayList<>();
            for (int seq = 0; seq < 64; seq++) {
                expected.add(seq);
            }
            synchronized (wireOrder) {
                assertEquals(expected, wireOrder, "round " + round);
                wireOrder.clear();
            }
            while (receiver.receiveQueued() > 0) {
                memory.write32(DESC, TX_BUF);
                memory.write32(DESC + 4, 2048);
                receiver.out(Ports.NIC_RECEIVE, 4, DESC, memory);
            }
        }
    }
}
