package org.denali.emulator.kernel;

import java.util.List;
import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.memory.GuestMemory;
import org.denali.emulator.net.EthernetSwitch;
import org.denali.emulator.net.MacAddress;
import org.denali.emulator.net.PacketScheduler;
import org.denali.emulator.net.VirtualNic;

/**
 * The kernel's virtual LAN as a device factory: every VM instantiated with it gets a {@link VirtualNic} (NIC_SEND,
 * NIC_RECEIVE) attached to one learning {@link EthernetSwitch} under the MAC in its register page, and a
 * {@link PacketScheduler} moves transmitted frames onto the switch round-robin after each quantum, as the paper's
 * transmit path does [paper §2.4]. NIC_RX_QUEUED is refreshed at the start of each quantum and after each NIC PIO.
 */
public final class LocalNetwork implements VmDeviceFactory {
    /** Frames moved onto the LAN after each quantum: bounded so one quantum boundary stays short. */
    static final int DRAIN_PER_QUANTUM = 64;

    private final EthernetSwitch lan = new EthernetSwitch();
    private final PacketScheduler transmit = new PacketScheduler(lan);
    /** While a checkpoint is restored: each NIC's place in the transmit order, applied once all are restored. */
    private final java.util.TreeMap<Integer, VirtualNic> restoredTurns = new java.util.TreeMap<>();

    /** The switch, e.g. to add a pcap tap or a passt uplink. */
    public EthernetSwitch lan() {
        return lan;
    }

    @Override
    public List<PortDevice> create(VmContext vm) {
        MacAddress mac = new MacAddress(vm.config().nicMac());
        VirtualNic nic = new VirtualNic(mac, vm.config().nicMtu(), vm.interrupts());
        int port = lan.attach(nic, mac);
        transmit.add(nic, port);
        return List.of(new NicPort(nic, port, vm.registers()));
    }

    /** The NIC as the VM's bus sees it, plus its life cycle on the LAN. */
    private final class NicPort implements PortDevice, VmDeviceHooks {
        private final VirtualNic nic;
        private final int port;
        private final RegisterPage registers;

        NicPort(VirtualNic nic, int port, RegisterPage registers) {
            this.nic = nic;
            this.port = port;
            this.registers = registers;
        }

        @Override
        public List<org.denali.emulator.devices.PortRange> ports() {
            return nic.ports();
        }

        @Override
        public int in(int p, int size, GuestMemory memory) {
            return nic.in(p, size, memory);
        }

        @Override
        public void out(int p, int size, int value, GuestMemory memory) {
            nic.out(p, size, value, memory);
            registers.setNicReceiveQueued(nic.receiveQueued());
        }

        @Override
        public void quantumStarting(GuestMemory memory) {
            registers.setNicReceiveQueued(nic.receiveQueued());
        }

        @Override
        public void quantumEnded() {
            transmit.drain(DRAIN_PER_QUANTUM);
        }

        @Override
        public void vmEnded() {
            transmit.remove(nic);
            lan.detach(port);
        }

        /** Switch port, NIC queues and counters, its turn in the transmit order, the MACs learned on its port. */
        @Override
        public void save(java.io.DataOutput out) throws java.io.IOException {
            out.writeInt(port);
            nic.save(out);
            out.writeInt(transmit.turnOf(nic));
            List<MacAddress> macs = lan.macsOf(port);
            out.writeInt(macs.size());
            for (MacAddress mac : macs) {
                out.writeLong(mac.bits());
            }
        }

        @Override
        public void restore(java.io.DataInput in) throws java.io.IOException {
            int savedPort = in.readInt();
            if (savedPort != port) {
                throw new CheckpointException("the NIC was on switch port " + savedPort + " when the snapshot was "
                    + "taken, it is on port " + port + " now: the LAN was assembled differently");
            }
            nic.restore(in);
            int turn = in.readInt();
            if (turn >= 0) {
                synchronized (restoredTurns) {
                    restoredTurns.put(turn, nic);
                }
            }
            int macs = in.readInt();
            for (int i = 0; i < macs; i++) {
                lan.learn(new MacAddress(in.readLong()), port);
            }
            // NIC_RX_QUEUED is not set here: it comes back with the register page, as stale as it was (it is
            // refreshed at the VM's next quantum, as in the run that was checkpointed)
        }

        @Override
        public void restoreFinished() {
            synchronized (restoredTurns) {
                if (!restoredTurns.isEmpty()) { // every VM's NIC is told; the first applies the whole order
                    transmit.restoreTurns(List.copyOf(restoredTurns.values()));
                    restoredTurns.clear();
                }
            }
        }
    }
}
