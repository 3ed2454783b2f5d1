package org.denali.emulator.kernel;

import java.util.List;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.arch.VirtualRegisters;

/**
 * What a VM is granted at instantiation (docs/architecture.md §3-§5): its accessible memory [0, memorySize),
 * the size of its static swap region, its virtual disks (sizes in 4 KB blocks) and its NIC identity. Values
 * the guest sees appear in the virtual-register page; the kernel and the device factories read the rest.
 *
 * @param nicMac 48-bit MAC address, first wire byte in bits 40-47; 0 = the kernel assigns 52:54:00 + the VM id
 * @param nicIpv4 IPv4 address as a host int (0x0A000002 = 10.0.0.2); 0 = the guest uses DHCP
 */
public record VmConfig(int memorySize, long swapBytes, List<Integer> diskBlocks, long nicMac, int nicIpv4,
        int nicNetmask, int nicGateway, int nicMtu) {

    /**
     * The grant as VM {@code vmId} gets it: with a unique locally administered MAC when none was asked for. Derived
     * on demand rather than stored, so the VMs of one request share one config (a million-VM kernel).
     */
    public VmConfig forVm(int vmId) {
        return nicMac != 0 ? this : withNic(0x5254_0000_0000L | vmId, nicIpv4, nicNetmask, nicGateway);
    }

    public static final int DEFAULT_MTU = 1500;

    public VmConfig {
        long size = Integer.toUnsignedLong(memorySize);
        if (size <= MemoryMap.PAGE_SIZE || size > Integer.toUnsignedLong(MemoryMap.MAX_MEMORY_SIZE)
                || size % MemoryMap.PAGE_SIZE != 0) {
            throw new IllegalArgumentException("memory size must be a multiple of 4 KiB in (4 KiB, 3 GiB]: " + size);
        }
        if (swapBytes < 0) {
            throw new IllegalArgumentException("swap size must not be negative: " + swapBytes);
        }
        diskBlocks = List.copyOf(diskBlocks);
        if (diskBlocks.size() > VirtualRegisters.MAX_DISKS) {
            throw new IllegalArgumentException("at most " + VirtualRegisters.MAX_DISKS + " disks per VM");
        }
        if ((nicMac >>> 48) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits: " + Long.toHexString(nicMac));
        }
    }

    /** 16 MiB, no swap region, no disks, no address configured (DHCP), a MAC assigned by the kernel. */
    public static VmConfig defaults() {
        return new VmConfig(MemoryMap.DEFAULT_MEMORY_SIZE, 0, List.of(), 0, 0, 0, 0, DEFAULT_MTU);
    }

    public VmConfig withMemorySize(int bytes) {
        return new VmConfig(bytes, swapBytes, diskBlocks, nicMac, nicIpv4, nicNetmask, nicGateway, nicMtu);
    }

    public VmConfig withSwapBytes(long bytes) {
        return new VmConfig(memorySize, bytes, diskBlocks, nicMac, nicIpv4, nicNetmask, nicGateway, nicMtu);
    }

    public VmConfig withDisks(List<Integer> blocks) {
        return new VmConfig(memorySize, swapBytes, blocks, nicMac, nicIpv4, nicNetmask, nicGateway, nicMtu);
    }

    public VmConfig withNic(long mac, int ipv4, int netmask, int gateway) {
        return new VmConfig(memorySize, swapBytes, diskBlocks, mac, ipv4, netmask, gateway, nicMtu);
    }
}
