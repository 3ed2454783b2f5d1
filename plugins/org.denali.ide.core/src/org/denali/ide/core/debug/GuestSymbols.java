package org.denali.ide.core.debug;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.denali.emulator.dwarf.DebugLineReader;
import org.denali.emulator.dwarf.DwarfFormatException;
import org.denali.emulator.dwarf.LineRow;
import org.denali.emulator.dwarf.LineTable;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.ElfSymbol;
import org.denali.emulator.elf.Section;

/**
 * What the debugger knows about the guest image, from the kernel's own ELF and DWARF readers (emulator-core):
 * function symbols, the line table, and the file bytes of the loaded sections. All addresses are unsigned 32-bit.
 */
public final class GuestSymbols {
    private final Path file;
    private final ElfImage elf;
    private final LineTable lines;

    private GuestSymbols(Path file, ElfImage elf, LineTable lines) {
        this.file = file;
        this.elf = elf;
        this.lines = lines;
    }

    /** Reads {@code image}; the message of the exception names the file and what is wrong with it. */
    public static GuestSymbols read(Path image) throws IOException {
        try {
            ElfImage elf = ElfParser.parse(image);
            return new GuestSymbols(image, elf, DebugLineReader.read(elf));
        } catch (IOException e) {
            throw new IOException("Cannot read the guest image " + image + ": " + e.getMessage(), e);
        } catch (ElfFormatException | DwarfFormatException e) {
            throw new IOException("Not a valid Denali guest image " + image + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public ElfImage elf() {
        return elf;
    }

    public Optional<ElfSymbol> functionAt(int address) {
        return elf.symbols().functionContaining(Integer.toUnsignedLong(address));
    }

    public Optional<ElfSymbol> symbol(String name) {
        return elf.symbols().byName(name);
    }

    /** The line-table row in effect at {@code address}. */
    public Optional<LineRow> lineAt(int address) {
        return lines.lineFor(Integer.toUnsignedLong(address));
    }

    /** True if {@code address} is where a statement row of the line table begins (a line's first instruction). */
    public boolean isStatementStart(int address) {
        Optional<LineRow> row = lineAt(address);
        return row.isPresent() && row.get().isStmt() && row.get().address() == Integer.toUnsignedLong(address);
    }

    /** Breakpoint addresses for {@code file:line} ({@code file} a path, path suffix or base name). */
    public List<Long> addressesFor(String file, int line) {
        return lines.addressesFor(file, line);
    }

    /** True if {@code address} lies in an executable section of the image: where a return address may point. */
    public boolean isCode(int address) {
        long a = Integer.toUnsignedLong(address);
        for (Section s : elf.sections()) {
            if (s.isExecutable() && s.isAllocated() && a >= s.address() && a < s.address() + s.size()) {
                return true;
            }
        }
        return false;
    }

    /** "main+0x12" or the hex address when no symbol covers it. */
    public String describe(int address) {
        Optional<ElfSymbol> function = functionAt(address);
        if (function.isEmpty()) {
            return String.format("0x%08x", address);
        }
        long offset = Integer.toUnsignedLong(address) - function.get().value();
        return offset == 0 ? function.get().name() : function.get().name() + "+0x" + Long.toHexString(offset);
    }
}
