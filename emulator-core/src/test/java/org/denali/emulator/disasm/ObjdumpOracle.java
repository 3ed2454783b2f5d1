package org.denali.emulator.disasm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.denali.emulator.elf.HostToolchain;

/** Runs {@code objdump -d -w} and reads back its instruction lines. */
final class ObjdumpOracle {
    private static final Pattern INSTRUCTION = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+)\\t(.*)$");

    /** One objdump instruction line. {@code text} has the whitespace normalised. */
    record Line(long address, byte[] bytes, String text) {
    }

    private ObjdumpOracle() {
    }

    static List<Line> disassemble(HostToolchain tools, Path elf) {
        List<Line> lines = new ArrayList<>();
        for (String line : tools.run("objdump", "-d", "-w", elf.toString()).split("\n")) {
            Matcher m = INSTRUCTION.matcher(line);
            if (m.matches()) {
                byte[] bytes = HexFormat.of().parseHex(m.group(2).replace(" ", ""));
                lines.add(new Line(Long.parseLong(m.group(1), 16), bytes, normalise(m.group(3))));
            }
        }
        return lines;
    }

    /** Whitespace is the only thing the comparison forgives. */
    static String normalise(String text) {
        return text.trim().replaceAll("\\s+", " ");
    }

    /**
     * What we expect where objdump knows better than Denali: objdump has never heard of the virtual instructions
     * and prints them as {@code (bad)}.
     */
    static String expectedText(Line line) {
        if (line.bytes().length == 2 && (line.bytes()[0] & 0xFF) == 0x0F) {
            if (line.bytes()[1] == 0x0A) {
                return "idle";
            }
            if (line.bytes()[1] == 0x0C) {
                return "terminate";
            }
        }
        return line.text();
    }
}
