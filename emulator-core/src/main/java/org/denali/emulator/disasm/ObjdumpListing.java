package org.denali.emulator.disasm;

import java.util.List;

import org.denali.emulator.cpu.decode.ByteSource;
import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.ElfSymbol;
import org.denali.emulator.elf.Section;

/**
 * A whole image listed the way {@code objdump -d} lists it: every executable section, split at its symbols into
 * {@code <symbol>:} blocks, one line per instruction with address, up to seven raw bytes (the rest on continuation
 * lines) and the AT&amp;T text; long runs of zero bytes collapse into {@code ...}. This is what
 * {@code denali disasm IMAGE.elf} prints.
 */
public final class ObjdumpListing {
    /** objdump's SKIP_ZEROES and SKIP_ZEROES_AT_END: when a run of zero bytes is shown as "...". */
    private static final int SKIP_ZEROES = 8;
    private static final int SKIP_ZEROES_AT_END = 3;
    private static final int BYTES_PER_LINE = 7;

    private final ElfImage image;
    private final Disassembler disassembler;

    public ObjdumpListing(ElfImage image) {
        this.image = image;
        this.disassembler = new Disassembler(new ObjdumpSymbolizer(image.symbols()));
    }

    /** The full listing; {@code fileName} appears in the header line as objdump shows the path it was given. */
    public String render(String fileName) {
        StringBuilder out = new StringBuilder();
        out.append('\n').append(fileName).append(":     file format elf32-i386\n\n");
        for (Section section : image.sections()) {
            if (section.isExecutable() && section.hasFileData() && section.size() > 0) {
                out.append("\nDisassembly of section ").append(section.name()).append(":\n");
                renderSection(section, out);
            }
        }
        return out.toString();
    }

    private void renderSection(Section section, StringBuilder out) {
        byte[] data = image.sectionData(section);
        ByteSource sectionBytes = ByteSource.of(data, (int) section.address());
        List<ElfSymbol> labels = image.symbols().labelsByAddress().stream()
                .filter(s -> s.sectionIndex() == section.index()).toList();
        long start = section.address();
        long end = start + section.size();
        ElfSymbol symbol = firstSymbol(labels, start);
        long address = start;
        while (address < end) {
            out.append('\n').append(String.format("%08x ", address)).append(header(section, symbol, address))
                    .append(":\n");
            ElfSymbol next;
            long stop;
            if (symbol != null && symbol.value() > address) {
                next = symbol;
                stop = symbol.value();
            } else {
                next = symbol == null ? null : nextSymbolAfter(labels, symbol.value());
                stop = next == null ? end : next.value();
            }
            long regionStart = address;
            long regionStop = Math.min(stop, end);
            // objdump never decodes across a symbol boundary: an instruction cut there becomes ".byte".
            ByteSource region = a -> {
                long unsigned = Integer.toUnsignedLong(a);
                return unsigned >= regionStart && unsigned < regionStop ? sectionBytes.read(a) : -1;
            };
            renderRegion(region, data, section.address(), regionStart, regionStop, out);
            address = stop;
            symbol = next;
        }
    }

    /** The symbol objdump starts a section with: the preferred one at or before its start, else the first after. */
    private static ElfSymbol firstSymbol(List<ElfSymbol> labels, long start) {
        ElfSymbol atOrBefore = null;
        for (ElfSymbol label : labels) {
            if (label.value() > start) {
                return atOrBefore != null ? atOrBefore : label;
            }
            if (atOrBefore == null || label.value() != atOrBefore.value()) {
                atOrBefore = label; // first of equal-valued labels is the preferred one
            }
        }
        return atOrBefore;
    }

    private static ElfSymbol nextSymbolAfter(List<ElfSymbol> labels, long value) {
        for (ElfSymbol label : labels) {
            if (label.value() > value) {
                return label;
            }
        }
        return null;
    }

    private static String header(Section section, ElfSymbol symbol, long address) {
        String name = symbol == null ? section.name() : symbol.name();
        long base = symbol == null ? section.address() : symbol.value();
        if (address == base) {
            return "<" + name + ">";
        }
        return "<" + name + (address > base ? "+0x" + Long.toHexString(address - base)
                : "-0x" + Long.toHexString(base - address)) + ">";
    }

    private void renderRegion(ByteSource source, byte[] data, long sectionBase, long from, long stop,
            StringBuilder out) {
        long address = from;
        while (address < stop) {
            long zeroes = zeroRun(data, (int) (address - sectionBase), (int) (stop - sectionBase));
            boolean runsToStop = address + zeroes == stop;
            if (zeroes >= SKIP_ZEROES || runsToStop && zeroes < SKIP_ZEROES_AT_END && zeroes > 0) {
                // Mid-region runs are skipped in whole words, so an instruction starting with 00 is not swallowed.
                address += runsToStop ? zeroes : zeroes & ~3L;
                out.append("\t...\n");
                continue;
            }
            DisassembledInstruction insn = disassembler.disassembleOne(source, address);
            byte[] bytes = insn.bytes();
            appendLine(out, address, bytes, 0, insn.text());
            for (int offset = BYTES_PER_LINE; offset < bytes.length; offset += BYTES_PER_LINE) {
                appendLine(out, address + offset, bytes, offset, null);
            }
            address += insn.length();
        }
    }

    private static long zeroRun(byte[] data, int from, int to) {
        int i = from;
        while (i < to && i < data.length && data[i] == 0) {
            i++;
        }
        return i - from;
    }

    /** One objdump line; {@code text} null for a continuation line that only carries more raw bytes. */
    private static void appendLine(StringBuilder out, long address, byte[] bytes, int offset, String text) {
        out.append(String.format("%8x:\t", address));
        int count = Math.min(BYTES_PER_LINE, bytes.length - offset);
        for (int i = 0; i < count; i++) {
            out.append(String.format("%02x ", bytes[offset + i] & 0xFF));
        }
        if (text == null) {
            out.append('\n');
            return;
        }
        out.append("   ".repeat(BYTES_PER_LINE - count)).append('\t').append(text).append('\n');
    }
}
