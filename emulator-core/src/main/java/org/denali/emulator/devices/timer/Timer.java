package org.denali.emulator.devices.timer;

import org.denali.emulator.arch.Ports;
import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.memory.GuestMemory;

/**
 * The timer (docs/architecture.md §5): a 32-bit {@code out} to {@code TIMER_ARM} with EAX = µs arms it to fire
 * once, to {@code TIMER_PERIODIC} to fire every EAX µs; 0 on either port disarms it. Firing raises line TIMER. The guarantee is "fires eventually": not before the deadline, and at
 * the kernel's first scheduling point after it, so a guest's timer resolution is one quantum (the paper's
 * virtual timer "does not track true physical time"). The deadline bookkeeping is the kernel's
 * ({@link TimerService}); this class is only the port.
 */
public final class Timer implements PortDevice {
    private final TimerService service;

    public Timer(TimerService service) {
        this.service = service;
    }

    @Override
    public java.util.List<org.denali.emulator.devices.PortRange> ports() {
        return PORTS;
    }

    private static final java.util.List<org.denali.emulator.devices.PortRange> PORTS = java.util.List.of(
        org.denali.emulator.devices.PortRange.of(Ports.TIMER_ARM), org.denali.emulator.devices.PortRange.of(Ports.TIMER_PERIODIC));

    @Override
    public int in(int port, int size, GuestMemory memory) {
        throw PortDevice.generalProtection(String.format("timer port %#x is write-only", port));
    }

    @Override
    public void out(int port, int size, int value, GuestMemory memory) {
        PortDevice.requireWidth(port, size, 4, "out");
        if (value == 0) {
            service.disarm();
        } else if (port == Ports.TIMER_PERIODIC) {
            service.armPeriodic(Integer.toUnsignedLong(value));
        } else {
            service.arm(Integer.toUnsignedLong(value));
        }
    }
}
