package org.denali.emulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.denali.emulator.arch.Ports;
import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.devices.PortRange;
import org.denali.emulator.memory.GuestMemory;
import org.junit.jupiter.api.Test;

/** The port table: devices register ranges, overlaps are refused at assembly, a lookup finds the one device. */
class PortTableTest {
    /** A device serving the given ranges; its PIOs are never called here. */
    private record Device(String label, List<PortRange> ports) implements PortDevice {
        @Override
        public int in(int port, int size, GuestMemory memory) {
            throw new AssertionError();
        }

        @Override
        public void out(int port, int size, int value, GuestMemory memory) {
            throw new AssertionError();
        }
    }

    @Test
    void eachPortFindsTheDeviceWhoseRangeHoldsIt() {
        Device console = new Device("console", List.of(PortRange.of(Ports.CONSOLE_PUTC), PortRange.of(Ports.CONSOLE_WRITE)));
        Device block = new Device("block", List.of(new PortRange(0x60, 0x6F)));
        Device nic = new Device("nic", List.of(PortRange.of(Ports.NIC_SEND), PortRange.of(Ports.NIC_RECEIVE)));
        PortTable table = new PortTable(List.of(block, nic, console));
        assertSame(console, table.deviceFor(Ports.CONSOLE_PUTC));
        assertSame(console, table.deviceFor(Ports.CONSOLE_WRITE));
        assertSame(nic, table.deviceFor(Ports.NIC_RECEIVE));
        assertSame(block, table.deviceFor(0x60));
        assertSame(block, table.deviceFor(0x6F));
        assertNull(table.deviceFor(0x70));
        assertNull(table.deviceFor(0x0F));
        assertNull(table.deviceFor(0xFFFF));
    }

    /** Every VM has its own devices but the same ranges: those are kept once, not in each VM's fixed record. */
    @Test
    void tablesWithTheSameRangesShareThemAndKeepTheirOwnDevices() {
        Device console1 = new Device("console", List.of(PortRange.of(Ports.CONSOLE_PUTC)));
        Device console2 = new Device("console", List.of(PortRange.of(Ports.CONSOLE_PUTC)));
        Device nic = new Device("nic", List.of(PortRange.of(Ports.NIC_SEND)));
        PortTable first = new PortTable(List.of(console1, nic));
        PortTable second = new PortTable(List.of(nic, console2));
        assertSame(first.layout(), second.layout());
        assertSame(console1, first.deviceFor(Ports.CONSOLE_PUTC));
        assertSame(console2, second.deviceFor(Ports.CONSOLE_PUTC));
        assertNotSame(first.layout(), new PortTable(List.of(console1)).layout());
    }

    @Test
    void overlappingRangesAreRefusedWhenTheVmIsAssembledNamingBoth() {
        Device block = new Device("block", List.of(new PortRange(0x38, 0x41)));
        Device nic = new Device("nic", List.of(PortRange.of(Ports.NIC_SEND)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new PortTable(List.of(nic, block)));
        assertEquals("ports 0x38..0x41 of Device and 0x40 of Device overlap", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PortRange(0x50, 0x4F));
    }
}
