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
 * <p>Registers that other threads change (PENDING_INTERRUPTS, KEYBOARD_AVAILABLE) are written under this object's
 * lock, like every access here, so the lock orders them. The byte-array views are used with plain access only:
 * since Java 23 they refuse volatile and atomic modes (UnsupportedOperationException), and a kernel must run on
 * whatever Java the IDE runs on.
 *
 * <p>While the VM is swapped out the 4 KB page is dropped ({@link #shrinkToRecord()}): the registers occupy only
 * the first {@link #RECORD_BYTES} bytes and the rest of the page is always zero (guest writes there are dropped),
 * so those bytes are the whole state. Other threads keep raising interrupts meanwhile, so every access takes
 * this object's lock to see a consistent {@code data} array.
 */
public final class RegisterPage {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bytes holding registers: everything up to and including the last one, NIC_RX_QUEUED. */
    static final int RECORD_BYTES = NIC_RX_QUEUED + 4;

    /** The mapped page, or null while shrunk to the record (from the start: a new VM waits for admission). */
    private Page page;
    /** The page's bytes, or the {@link #RECORD_BYTES}-long record while the VM is swapped out or not yet admitted. */
    private byte[] data = new byte[RECORD_BYTES];

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
    public synchronized void setDisks(List<Integer> blocks) {
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
        Page mapped;
        synchronized (this) {
            if (page == null) {
                page = RECYCLED.take();
                System.arraycopy(data, 0, page.data(), 0, RECORD_BYTES);
                data = page.data();
            }
            mapped = page;
        }
        memory.map(0, mapped);
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

    /**
     * The VM is swapped out whole: keep only the register bytes ({@value #RECORD_BYTES}) and let the page go.
     * The next {@link #installIn} brings the page back with the same contents. Call only while the VM is not
     * running (its memory must drop its mapping of page 0 too).
     */
    public synchronized void shrinkToRecord() {
        if (page != null) {
            byte[] record = new byte[RECORD_BYTES];
            System.arraycopy(data, 0, record, 0, RECORD_BYTES);
            data = record;
            RECYCLED.give(page);
            page = null;
        }
    }

    /** Register pages of shrunk VMs, for the next VM that needs one (a million VMs taking turns; bounded). */
    private static final Recycled RECYCLED = new Recycled();

    private static final class Recycled {
        private static final int MAX_PAGES = 4096;
        private final java.util.ArrayDeque<Page> free = new java.util.ArrayDeque<>();

        synchronized void give(Page page) {
            if (free.size() < MAX_PAGES) {
                free.push(page);
            }
        }

        /** A zero-filled page: recycled (cleared here, so nothing of its last VM shows) or new. */
        Page take() {
            Page page;
            synchronized (this) {
                page = free.poll();
            }
            if (page == null) {
                return Page.zeroed();
            }
            java.util.Arrays.fill(page.data(), (byte) 0);
            return page; // page 0 is never executable, so it carries no decoded code (Cpu)
        }
    }

    /** True while only the record is kept ({@link #shrinkToRecord}). */
    public synchronized boolean isShrunk() {
        return page == null;
    }

    static boolean isGuestWritable(int offset) {
        return offset >= INTERRUPTS_ENABLED && offset < INTERRUPTS_ENABLED + 4
            || offset >= INTERRUPT_HANDLER && offset < INTERRUPT_HANDLER + 4;
    }

    public synchronized void setTime(long systemTimeMicros, long instructionsRetired) {
        LONG.set(data, SYSTEM_TIME_US, systemTimeMicros);
        LONG.set(data, INSTRUCTIONS_RETIRED, instructionsRetired);
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

    public synchronized boolean interruptsEnabled() {
        return get(INTERRUPTS_ENABLED) != 0;
    }

    public synchronized void setInterruptsEnabled(boolean enabled) {
        put(INTERRUPTS_ENABLED, enabled ? 1 : 0);
    }

    public synchronized int interruptHandler() {
        return get(INTERRUPT_HANDLER);
    }

    /** The whole page as the guest sees it at address 0, also while the VM is swapped out (core files). */
    public synchronized byte[] pageCopy() {
        byte[] page = new byte[org.denali.emulator.memory.Page.SIZE];
        System.arraycopy(data, 0, page, 0, Math.min(data.length, page.length));
        return page;
    }

    /** The register bytes (the first {@value #RECORD_BYTES} of the page): all of the page's state, for checkpoints. */
    public synchronized byte[] record() {
        byte[] record = new byte[RECORD_BYTES];
        System.arraycopy(data, 0, record, 0, RECORD_BYTES);
        return record;
    }

    /** Puts back the bytes {@link #record()} returned (a checkpoint being restored; the VM is not running). */
    public synchronized void restoreRecord(byte[] record) {
        if (record.length != RECORD_BYTES) {
            throw new IllegalArgumentException("a register record has " + RECORD_BYTES + " bytes, not " + record.length);
        }
        System.arraycopy(record, 0, data, 0, RECORD_BYTES);
    }

    /** Reads any register (for tests and the debugger's register view). */
    public synchronized int get(int offset) {
        return (int) INT.get(data, offset);
    }

    public synchronized long getLong(int offset) {
        return (long) LONG.get(data, offset);
    }

    private synchronized void put(int offset, int value) {
        INT.set(data, offset, value);
    }
}
