package org.denali.emulator.kernel;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.net.FrameTap;

/**
 * A small deterministic LAN for checkpoint tests: two pingers broadcast a counter every 20 µs and add up what
 * they receive, an echo VM sends every frame back changed, and a sleeper dirties four pages and idles for 3 ms at a
 * time, so with room for only a few VMs the gatekeeper keeps swapping VMs out (the sleeper most of the time).
 * Every VM prints now and then. {@link #build} assembles the same kernel every time.
 */
final class CheckpointGuests {
    static final int VM_MEMORY = 2 << 20;

    private static final String NIC = """
        .set NIC_SEND, 0x40
        .set NIC_RECEIVE, 0x41
        .set NIC_RX_QUEUED, 0x088
        """;

    static final String PINGER = NIC + """
            mov VM_ID, %eax
            mov %al, frame + 11
        1:  incl count
            mov count, %eax
            mov %eax, frame + 14
            mov $desc, %eax
            out %eax, $NIC_SEND
        2:  cmpl $0, NIC_RX_QUEUED
            je 3f
            mov $rdesc, %eax
            out %eax, $NIC_RECEIVE
            mov rbuf + 14, %eax
            add %eax, sum
            jmp 2b
        3:  testl $7, count
            jne 4f
            mov count, %eax
            and $15, %eax
            add $'a', %eax
            out %al, $CONSOLE_PUTC
        4:  mov $20, %eax
            denali_idle
            mov count, %ecx
            and $4095, %ecx
            mov sum, %eax
            mov %eax, big(,%ecx,4)
            jmp 1b
        .data
        frame: .byte 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x52, 0x54, 0, 0, 0, 0, 0x88, 0xb5
               .fill 46, 1, 0
        desc:  .long frame, 60, 0
        rdesc: .long rbuf, 2048, 0
        count: .long 0
        sum:   .long 0
        rbuf:  .fill 2048, 1, 0
        .balign 4096
        big:   .fill 16384, 1, 0
        """;

    static final String ECHO = NIC + """
        1:  mov $-1, %eax
            denali_idle
        2:  cmpl $0, NIC_RX_QUEUED
            je 1b
            mov $rdesc, %eax
            out %eax, $NIC_RECEIVE
            mov rdesc + 8, %ecx
            mov %ecx, sdesc + 4
            addl $1000, rbuf + 14
            mov VM_ID, %eax
            mov %al, rbuf + 11
            mov $sdesc, %eax
            out %eax, $NIC_SEND
            incl echoed
            testl $15, echoed
            jne 2b
            putc 'e'
            jmp 2b
        .data
        rdesc:  .long rbuf, 2048, 0
        sdesc:  .long rbuf, 0, 0
        echoed: .long 0
        rbuf:   .fill 2048, 1, 0
        """;

    static final String SLEEPER = """
            xor %ecx, %ecx
        1:  mov %ecx, big(,%ecx,4)
            inc %ecx
            cmp $4096, %ecx
            jne 1b
        2:  putc 's'
            mov $3000, %eax
            denali_idle
            incl big + 8192
            jmp 2b
        .data
        .balign 4096
        big: .fill 16384, 1, 0
        """;

    /** One assembled kernel with its consoles and the frames its switch forwarded, in order. */
    record Lan(Kernel kernel, LocalNetwork network, List<VirtualMachine> vms, List<ByteArrayOutputStream> consoles,
            List<byte[]> frames) {
        String console(int index) {
            return Guests.text(consoles.get(index));
        }
    }

    private final GuestImage pinger;
    private final GuestImage echo;
    private final GuestImage sleeper;

    CheckpointGuests() throws Exception {
        pinger = Guests.image(PINGER);
        echo = Guests.image(ECHO);
        sleeper = Guests.image(SLEEPER);
    }

    GuestImage pinger() {
        return pinger;
    }

    /** Pinger, pinger, echo, sleeper, sleeper on one LAN; memory for about two of them at a time. */
    Lan build() throws Exception {
        return build(new Kernel(config(), memory()), network -> { });
    }

    /** The kernel's settings: deterministic, a minimum of one free backing page. */
    static KernelConfig config() {
        return KernelTesting.deterministic(1000).withMinFreeBackingPages(1);
    }

    /** Backing for about two of the five VMs at a time. */
    static MemoryManager memory() {
        return InHeapMemoryManager.ofBytes(8 * 4096);
    }

    /** The five VMs on {@code kernel}; {@code beforeVms} sees the LAN before any VM exists (a journal attaches). */
    Lan build(Kernel kernel, java.util.function.Consumer<LocalNetwork> beforeVms) throws Exception {
        LocalNetwork network = new LocalNetwork();
        beforeVms.accept(network);
        List<byte[]> frames = new ArrayList<>();
        FrameTap tap = (nanos, frame) -> {
            synchronized (frames) {
                frames.add(frame.clone());
            }
        };
        network.lan().addTap(tap);
        List<VirtualMachine> vms = new ArrayList<>();
        List<ByteArrayOutputStream> consoles = new ArrayList<>();
        for (GuestImage image : List.of(pinger, pinger, echo, sleeper, sleeper)) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            consoles.add(console);
            // the sleepers are off the LAN: only their timeouts wake them, so they idle long enough to be swapped out
            vms.add(kernel.instantiate(image, VmConfig.defaults().withMemorySize(VM_MEMORY), console,
                image == sleeper ? List.of() : List.of(network)));
        }
        return new Lan(kernel, network, vms, consoles, frames);
    }
}
