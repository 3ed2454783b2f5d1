package org.denali.emulator.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.cpu.decode.ByteSource;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.HostToolchain;
import org.denali.emulator.elf.Section;

/** Compares our disassembly of every executable section with objdump's, instruction by instruction. */
final class ObjdumpComparison {
    private ObjdumpComparison() {
    }

    /** Asserts that every instruction objdump lists is printed identically by us; returns how many were compared. */
    static int assertSameAsObjdump(HostToolchain tools, Path elf) throws IOException, ElfFormatException {
        ElfImage image = ElfParser.parse(Files.readAllBytes(elf));
        Disassembler disassembler = new Disassembler(new ObjdumpSymbolizer(image.symbols()));
        List<ObjdumpOracle.Line> expected = ObjdumpOracle.disassemble(tools, elf);
        List<String> mismatches = new ArrayList<>();
        for (ObjdumpOracle.Line line : expected) {
            Section section = sectionContaining(image, line.address());
            ByteSource source = ByteSource.of(image.sectionData(section), (int) section.address());
            DisassembledInstruction ours = disassembler.disassembleOne(source, line.address());
            String want = ObjdumpOracle.expectedText(line);
            String got = ObjdumpOracle.normalise(ours.text());
            if (!want.equals(got) || ours.length() != line.bytes().length) {
                mismatches.add(String.format("%x: %s%n    objdump: %s%n    ours:    %s (%d bytes)", line.address(),
                        java.util.HexFormat.ofDelimiter(" ").formatHex(line.bytes()), want, got, ours.length()));
            }
        }
        assertEquals("", String.join("\n", mismatches.subList(0, Math.min(60, mismatches.size()))),
                mismatches.size() + " of " + expected.size() + " instructions differ from objdump in " + elf);
        assertTrue(!expected.isEmpty(), "objdump listed nothing for " + elf);
        return expected.size();
    }

    private static Section sectionContaining(ElfImage image, long address) {
        return image.sections().stream()
                .filter(s -> s.isExecutable() && address >= s.address() && address < s.address() + s.size())
                .findFirst().orElseThrow(() -> new AssertionError("no section holds " + Long.toHexString(address)));
    }

}
