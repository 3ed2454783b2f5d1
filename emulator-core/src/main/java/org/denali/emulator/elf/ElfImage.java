package org.denali.emulator.elf;

import java.util.List;
import java.util.Optional;

/**
 * A parsed, structurally valid ELF32 i386 executable. Immutable: the file bytes are private and section contents
 * are handed out as copies.
 */
public final class ElfImage {
    private final byte[] file;
    private final long entryPoint;
    private final List<ProgramSegment> segments;
    private final List<Section> sections;
    private final SymbolTable symbols;

    ElfImage(byte[] file, long entryPoint, List<ProgramSegment> segments, List<Section> sections,
            SymbolTable symbols) {
        this.file = file;
        this.entryPoint = entryPoint;
        this.segments = List.copyOf(segments);
        this.sections = List.copyOf(sections);
        this.symbols = symbols;
    }

    /** e_entry, an unsigned 32-bit address. */
    public long entryPoint() {
        return entryPoint;
    }

    /** Every program header in table order. */
    public List<ProgramSegment> segments() {
        return segments;
    }

    public List<ProgramSegment> loadSegments() {
        return segments.stream().filter(ProgramSegment::isLoad).toList();
    }

    /** Every section header in table order (index 0 is the null section); empty if the file has none. */
    public List<Section> sections() {
        return sections;
    }

    public Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public SymbolTable symbols() {
        return symbols;
    }

    /** The file bytes of a section (empty for .bss-like sections). The parser has checked they lie in the file. */
    public byte[] sectionData(Section section) {
        if (!section.hasFileData()) {
            return new byte[0];
        }
        byte[] out = new byte[(int) section.size()];
        System.arraycopy(file, (int) section.fileOffset(), out, 0, out.length);
        return out;
    }

    /** Convenience for optional sections such as .debug_line. */
    public Optional<byte[]> sectionData(String name) {
        return section(name).map(this::sectionData);
    }

    /** First address after the highest loadable segment: where the heap may start (before page rounding). */
    public long imageEnd() {
        return loadSegments().stream().mapToLong(ProgramSegment::endAddress).max().orElse(0);
    }

    /** Writes every PT_LOAD segment's file bytes and zero-fills the rest of its memory size. */
    public void loadInto(SegmentSink sink) {
        for (ProgramSegment segment : loadSegments()) {
            int address = (int) segment.virtualAddress();
            sink.write(address, file, (int) segment.fileOffset(), (int) segment.fileSize());
            long bss = segment.memorySize() - segment.fileSize();
            if (bss > 0) {
                sink.zero((int) (segment.virtualAddress() + segment.fileSize()), (int) bss);
            }
        }
    }
}
