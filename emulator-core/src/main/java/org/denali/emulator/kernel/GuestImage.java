package org.denali.emulator.kernel;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.elf.DenaliImageRules;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.ProgramSegment;
import org.denali.emulator.elf.SegmentSink;
import org.denali.emulator.memory.Page;

/**
 * A guest image loaded once and shared by every VM instantiated from it (docs/architecture.md §4, "Sharing"):
 * each page the PT_LOAD segments cover becomes one read-only {@link Page} created with {@link Page#sharedCopyOf},
 * and every VM maps the same Page objects. Code pages therefore share their bytes and their decoded-instruction
 * caches; a VM's first write into a page of a writable segment gets it a private copy (copy-on-write); a write
 * into a page no writable segment touches is a #PF.
 */
public final class GuestImage {
    private final ElfImage elf;
    private final Map<Integer, Page> pages;
    private final BitSet writable;
    private final long requiredMemory;
    /** SHA-256 of what the VMs see of the image, computed on first use (snapshots name their image by it). */
    private byte[] digest;

    private GuestImage(ElfImage elf, Map<Integer, Page> pages, BitSet writable) {
        this.elf = elf;
        this.pages = Map.copyOf(pages);
        this.writable = writable;
        this.requiredMemory = elf.loadSegments().stream().mapToLong(ProgramSegment::endAddress).max().orElse(0);
    }

    /** Parses an ELF32 i386 executable and builds its shared pages. */
    public static GuestImage parse(byte[] file) throws ElfFormatException {
        ElfImage elf = ElfParser.parse(file);
        Map<Integer, byte[]> contents = new HashMap<>();
        elf.loadInto(new SegmentSink() {
            @Override
            public void write(int addr, byte[] data, int off, int len) {
                for (int i = 0; i < len; i++) {
                    pageBytes(contents, addr + i)[(addr + i) & (Page.SIZE - 1)] = data[off + i];
                }
            }

            @Override
            public void zero(int addr, int len) {
                for (int i = 0; i < len; i++) {
                    pageBytes(contents, addr + i); // bss pages exist (zero-filled) so the image owns them
                }
            }
        });
        BitSet writable = new BitSet();
        for (ProgramSegment segment : elf.loadSegments()) {
            if (segment.isWritable() && segment.memorySize() > 0) {
                int first = (int) (segment.virtualAddress() >>> MemoryMap.PAGE_SHIFT);
                int last = (int) ((segment.endAddress() - 1) >>> MemoryMap.PAGE_SHIFT);
                writable.set(first, last + 1);
            }
        }
        Map<Integer, Page> pages = new HashMap<>();
        contents.forEach((pn, bytes) -> pages.put(pn, Page.sharedCopyOf(bytes)));
        return new GuestImage(elf, pages, writable);
    }

    private static byte[] pageBytes(Map<Integer, byte[]> contents, int address) {
        return contents.computeIfAbsent(address >>> MemoryMap.PAGE_SHIFT, pn -> new byte[Page.SIZE]);
    }

    /** Rejects the image for a VM of {@code memorySize} bytes (segments outside it, page 0, entry point...). */
    public void checkFits(int memorySize) throws ElfFormatException {
        DenaliImageRules.check(elf, Integer.toUnsignedLong(memorySize));
    }

    public ElfImage elf() {
        return elf;
    }

    public int entryPoint() {
        return (int) elf.entryPoint();
    }

    /** IMAGE_END: first byte after the highest segment, rounded up to a page. */
    public int imageEnd() {
        return (int) ((requiredMemory + Page.SIZE - 1) & ~(long) (Page.SIZE - 1));
    }

    /** Page numbers the image covers. */
    public Set<Integer> pageNumbers() {
        return pages.keySet();
    }

    /** The shared page at {@code pageNumber}, or null if the image does not cover it. */
    public Page sharedPage(int pageNumber) {
        return pages.get(pageNumber);
    }

    /** True if a VM may write into {@code pageNumber} (after copy-on-write): a writable segment covers it. */
    public boolean isWritable(int pageNumber) {
        return writable.get(pageNumber);
    }

    /**
     * SHA-256 over the entry point and, page by page in ascending order, each page's number, writability and
     * bytes: everything a VM sees of the image, so two builds of one program with the same bytes agree.
     */
    public synchronized byte[] digest() {
        if (digest == null) {
            try {
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(9);
                sha.update(head.putInt(entryPoint()).array(), 0, 4);
                for (int pn : new java.util.TreeSet<>(pages.keySet())) {
                    head.clear();
                    head.putInt(0).putInt(pn).put((byte) (writable.get(pn) ? 1 : 0));
                    sha.update(head.array(), 4, 5);
                    sha.update(pages.get(pn).data());
                }
                digest = sha.digest();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }
        return digest.clone();
    }

    /** Pages a VM will privately own if it writes all its data: the writable image pages. */
    public int writablePageCount() {
        return writable.cardinality();
    }
}
