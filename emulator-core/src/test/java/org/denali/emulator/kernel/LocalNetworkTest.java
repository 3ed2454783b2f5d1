package org.denali.emulator.kernel;

import static org.denali.emulator.kernel.KernelTesting.deterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.denali.emulator.arch.VirtualRegisters;
import org.denali.emulator.net.MacAddress;
import org.junit.jupiter.api.Test;

class LocalNetworkTest {
    private static final String PORTS = """
        .set NIC_SEND, 0x40
        .set NIC_RECEIVE, 0x41
        .set NIC_RX_QUEUED, 0x088
        """;

    /** VM 1 broadcasts one 60-byte frame; VM 2 idles until NIC_RECEIVE wakes it and reads the frame. */
    @Test
    void vmsExchangeFramesOverTheKernelsSwitch() throws Exception {
        Kernel kernel = KernelTesting.kernel(deterministic(1000));
        LocalNetwork network = new LocalNetwork();
        VirtualMachine sender = kernel.instantiate(Guests.image(PORTS + """
                mov VM_ID, %eax
                mov %al, frame + 11          # source MAC 52:54:00:00:00:<id>
                mov $desc, %eax
                out %eax, $NIC_SEND
                mov desc + 8, %eax           # status: 0 = queued
                denali_terminate
            .data
            frame: .byte 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x52, 0x54, 0, 0, 0, 0, 0x88, 0xb5
                   .fill 46, 1, 0xab
            desc:  .long frame, 60, 0xffffffff
            """), VmConfig.defaults(), new ByteArrayOutputStream(), List.of(network));
        VirtualMachine receiver = kernel.instantiate(Guests.image(PORTS + """
            1:  mov $-1, %eax
                denali_idle
                cmpl $1, NIC_RX_QUEUED
                jne 1b
                mov $desc, %eax
                out %eax, $NIC_RECEIVE
                cmpb $0xab, buf + 59
                jne 2f
                cmpl $0, NIC_RX_QUEUED
                jne 2f
                mov desc + 8, %eax           # length received
                denali_terminate
            2:  exit 99
            .data
            buf:  .fill 2048, 1, 0
            desc: .long buf, 2048, 0
            """), VmConfig.defaults(), new ByteArrayOutputStream(), List.of(network));
        kernel.run();
        assertEquals(VmExit.terminated(0), sender.exit());
        assertEquals(VmExit.terminated(60), receiver.exit());
        assertNotEquals(sender.registers().get(VirtualRegisters.NIC_MAC + 4), receiver.registers().get(
            VirtualRegisters.NIC_MAC + 4), "each VM gets its own MAC (bytes 4 and 5 hold the id)");
        assertEquals(1, network.lan().stats().broadcast());
        assertEquals(0, network.lan().portOf(new MacAddress(sender.config().nicMac())),
            "the NIC left the switch when its VM ended");
        assertEquals(0x5254_0000_0000L | sender.id(), sender.config().nicMac());
    }
}
