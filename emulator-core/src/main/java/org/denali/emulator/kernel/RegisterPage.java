package org.denali.emulator.kernel;

import static org.denali.emulator.arch.VirtualRegisters.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import org.denali.emulator.memory.GuestMemory;
import org.denali.emulator.memory.Page;
import org.denali.emulator.memory.WriteInterceptor;

/**
 * The virtual-register page (page 0, docs/architecture.md §3). The kernel writes its registers straight into the
 * page's bytes; guest stores go through {@link #interceptor()}, which keeps the bytes of the two RW registers
 * (INTERRUPTS_ENABLED, INTERRUPT_HANDLER) and silently drops every other byte, so a stray memset of page 0 cannot
 * forge the kernel's values and does not kill the VM.
 *
 * <p>Registers that other threads change (PENDING_INTERRUPTS, KEYBOARD_AVAILABLE) are written with volatile
 * semantics so the running guest sees them promptly.
 */
public final class RegisterPage {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Page page = Page.zeroed();
    private final byte[] data = page.data();

    public RegisterPage(int vmId, int cpuSpeedKhz, VmConfig config, int imageEnd) {
        put(MAGIC, MAGIC_VALUE);
        put(VERSION, VERSION_VALUE);
        put(VM_ID, vmId);
        put(CPU_SPEED_KHZ, cpuSpeedKhz);
        put(MEMORY_SIZE, config.memorySize());
        put(IMAGE_END, imageEnd);
        long mac = config.nicMac();
        for (int i = 0; i < 6; i++) {
            data[NIC_MAC + i] = (byte) (mac >>> (40 - 8 * i)); // wire order
        }
        put(NIC_IPV4, Integer.reverseBytes(config.nicIpv4())); // network byte order in memory
        put(NIC_NETMASK, Integer.reverseBytes(config.nicNetmask()));
        put(NIC_GATEWAY, Integer.reverseBytes(config.nicGateway()));
        put(NIC_MTU, config.nicMtu());
        setDisks(config.diskBlocks());
    }

    /** DISK_COUNT and DISK_BLOCKS: the sizes in 4 KB blocks of the disks granted, at most 8. */
    public void setDisks(List<Integer> blocks) {
        if (blocks.size() > MAX_DISKS) {
            throw new IllegalArgumentException("at most " + MAX_DISKS + " disks per VM");
        }
        put(DISK_COUNT, blocks.size());
        for (int i = 0; i < MAX_DISKS; i++) {
            put(DISK_BLOCKS + 4 * i, i < blocks.size() ? blocks.get(i) : 0);
        }
    }

    /** Maps the page at address 0 of {@code memory} and routes guest writes through the RO filter. */
    public void installIn(GuestMemory memory) {
        memory.map(0, page);
        memory.intercept(0, interceptor());
    }

    /** Guest writes: only bytes inside an RW register are stored. */
    public WriteInterceptor interceptor() {
        return (target, offset, size, value) -> {
            for (int i = 0; i < size; i++) {
                int at = offset + i;
                if (isGuestWritable(at)) {
                    target.data()[at] = (byte) (value >>> (8 * i));
                }
            }
        };
    }

    static boolean isGuestWritable(int offset) {
        return offset >= INTERRUPTS_ENABLED && offset < INTERRUPTS_ENABLED + 4
            || offset >= INTERRUPT_HANDLER && offset < INTERRUPT_HANDLER + 4;
    }

    public void setTime(long systemTimeMicros, long instructionsRetired) {
        LONG.setVolatile(data, SYSTEM_TIME_US, systemTimeMicros);
        LONG.setVolatile(data, INSTRUCTIONS_RETIRED, instructionsRetired);
    }

    public void setPending(int mask) {
        put(PENDING_INTERRUPTS, mask);
    }

    public void setDelivered(int mask) {
        put(DELIVERED_INTERRUPTS, mask);
    }

    public void setWakeReason(int reason) {
        put(WAKE_REASON, reason);
    }

    public void setKeyboardAvailable(int count) {
        put(KEYBOARD_AVAILABLE, count);
    }

    public void setNicReceiveQueued(int count) {
        put(NIC_RX_QUEUED, count);
    }

    public boolean interruptsEnabled() {
        return get(INTERRUPTS_ENABLED) != 0;
    }

    public void setInterruptsEnabled(boolean enabled) {
        put(INTERRUPTS_ENABLED, enabled ? 1 : 0);
    }

    public int interruptHandler() {
        return get(INTERRUPT_HANDLER);
    }

    /** Reads any register (for tests and the debugger's register view). */
    public int get(int offset) {
        return (int) INT.getVolatile(data, offset);
    }

    public long getLong(int offset) {
        return (long) LONG.getVolatile(data, offset);
    }

    private void put(int offset, int value) {
        INT.setVolatile(data, offset, value);
    }
}
