package org.denali.emulator.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.arch.Ports;
import org.denali.emulator.memory.PagedMemory;
import org.junit.jupiter.api.Test;

/**
 * A quantum's end drains the transmit queues, and a VM's end unplugs its NIC; neither may cost anything per VM in
 * the kernel (10,000 idle VMs made every quantum end scan 10,000 queues). Only NICs with frames take turns, in
 * round-robin order, and a removed NIC loses its turn and its frames.
 */
class PacketSchedulerScaleTest {
    private static final int DESC = 0x1000;
    private static final int TX_BUF = 0x2000;

    @Test
    void onlyNicsWithFramesTakeTurnsAndRemovedOnesAreSkipped() {
        EthernetSwitch lan = new EthernetSwitch();
        PacketScheduler tx = new PacketScheduler(lan);
        List<VirtualNic> nics = new ArrayList<>();
        for (int vm = 1; vm <= 10_000; vm++) {
            VirtualNic nic = new VirtualNic(MacAddress.forVm(vm), 1500, line -> { }, 4, 4);
            tx.add(nic, lan.attach(nic, nic.mac()));
            nics.add(nic);
        }
        assertEquals(0, tx.waitingSenders(), "idle NICs wait for nothing");
        assertEquals(0, tx.drain(64));

        List<Integer> wire = new ArrayList<>();
        lan.addTap((nanos, frame) -> wire.add(frame[14] & 0xff));
        PagedMemory memory = new PagedMemory();
        send(nics.get(9_000), nics.get(0), 1, memory);
        send(nics.get(9_000), nics.get(0), 2, memory);
        send(nics.get(17), nics.get(0), 3, memory);
        send(nics.get(5_000), nics.get(0), 4, memory);
        assertEquals(3, tx.waitingSenders());

        tx.remove(nics.get(5_000));
        assertEquals(2, tx.waitingSenders(), "a removed NIC loses its turn");
        assertEquals(3, tx.drain(64));
        assertEquals(List.of(1, 3, 2), wire, "one frame per sender per turn, in the order they became ready");
        assertEquals(0, tx.waitingSenders());
    }

    @Test
    void unpluggingAPortForgetsExactlyItsOwnMacs() {
        EthernetSwitch lan = new EthernetSwitch();
        VirtualNic a = new VirtualNic(MacAddress.forVm(1), 1500, line -> { });
        VirtualNic b = new VirtualNic(MacAddress.forVm(2), 1500, line -> { });
        int portA = lan.attach(a, a.mac());
        int portB = lan.attach(b, b.mac());
        MacAddress learned = MacAddress.forVm(77);
        lan.forward(portA, Frames.tagged(b.mac(), learned, 1, 60)); // A relays a frame from a MAC behind it
        assertEquals(portA, lan.portOf(learned));
        lan.detach(portA);
        assertEquals(0, lan.portOf(a.mac()));
        assertEquals(0, lan.portOf(learned));
        assertEquals(portB, lan.portOf(b.mac()));
    }

    private static void send(VirtualNic from, VirtualNic to, int tag, PagedMemory memory) {
        byte[] frame = Frames.tagged(to.mac(), from.mac(), tag, 60);
        memory.writeBytes(TX_BUF, frame, 0, frame.length);
        memory.write32(DESC, TX_BUF);
        memory.write32(DESC + 4, frame.length);
        from.out(Ports.NIC_SEND, 4, DESC, memory);
    }
}
