package org.denali.emulator.elf;

import org.denali.emulator.arch.MemoryMap;

/**
 * Checks that a structurally valid image fits a VM's memory map (docs/architecture.md, "Memory"): every loadable
 * segment lies inside the accessible range, clear of page 0 (the virtual registers) and of the kernel region,
 * and the entry point is in an executable segment.
 */
public final class DenaliImageRules {
    private DenaliImageRules() {
    }

    /** @param memorySize the VM's accessible range [0, memorySize), an unsigned 32-bit byte count */
    public static void check(ElfImage image, long memorySize) throws ElfFormatException {
        if (memorySize <= MemoryMap.PAGE_SIZE || memorySize > Integer.toUnsignedLong(MemoryMap.MAX_MEMORY_SIZE)) {
            throw new IllegalArgumentException("memory size " + Hex.of(memorySize) + " is not a valid VM size");
        }
        long kernelBase = Integer.toUnsignedLong(MemoryMap.KERNEL_REGION_BASE);
        for (ProgramSegment segment : image.loadSegments()) {
            if (segment.memorySize() == 0) {
                continue;
            }
            if (segment.memorySize() > memorySize) {
                throw new ElfFormatException(segment.describe() + ": memory size " + Hex.of(segment.memorySize())
                        + " exceeds the VM's whole memory (" + Hex.of(memorySize) + " bytes)");
            }
            if (segment.virtualAddress() < MemoryMap.PAGE_SIZE) {
                throw new ElfFormatException(segment.describe()
                        + " overlaps page 0, which holds the virtual registers; link at 0x100000 (-Ttext=0x100000)");
            }
            if (segment.endAddress() > kernelBase) {
                throw new ElfFormatException(segment.describe() + " reaches into the kernel region (from "
                        + Hex.of(kernelBase) + "), which a VM can never access");
            }
            if (segment.endAddress() > memorySize) {
                throw new ElfFormatException(segment.describe() + " lies outside the VM's accessible memory [0, "
                        + Hex.of(memorySize) + ")");
            }
        }
        long entry = image.entryPoint();
        boolean entryExecutable = image.loadSegments().stream()
                .anyMatch(s -> s.isExecutable() && s.containsAddress(entry));
        if (!entryExecutable) {
            throw new ElfFormatException("entry point " + Hex.of(entry) + " is not inside an executable segment");
        }
    }

    /** Parses and checks in one step, for the common case of loading an image into a VM of a given size. */
    public static ElfImage parseAndCheck(byte[] file, long memorySize) throws ElfFormatException {
        ElfImage image = ElfParser.parse(file);
        check(image, memorySize);
        return image;
    }
}
