package org.denali.emulator.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.denali.emulator.cpu.decode.ByteSource;
import org.denali.emulator.elf.HostToolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arbitrary bytes: the disassembler never throws, always advances, and wherever objdump and the decoder both see a
 * Denali-ISA instruction at the same place, the text is objdump's.
 */
class ArbitraryBytesTest {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(.*)$");

    @Test
    void neverThrowsAndAlwaysAdvances() {
        SplittableRandom random = new SplittableRandom(42);
        Disassembler disassembler = new Disassembler(AddressNamer.plain());
        for (int round = 0; round < 200; round++) {
            byte[] bytes = new byte[1 + random.nextInt(600)];
            random.nextBytes(bytes);
            long base = random.nextLong() & 0xFFFF_FFF0L;
            List<DisassembledInstruction> listing = disassembler.disassemble(bytes, base);
            int covered = listing.stream().mapToInt(DisassembledInstruction::length).sum();
            assertTrue(covered >= bytes.length && covered < bytes.length + 15, "round " + round);
            listing.forEach(i -> assertFalse(i.text().isBlank()));
        }
    }

    @Test
    void randomBytesMatchObjdumpWhereBothSeeAnInstruction(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[120_000];
        new SplittableRandom(2002).nextBytes(bytes);
        Path bin = dir.resolve("random.bin");
        Files.write(bin, bytes);
        String objdump = new HostToolchain(dir).run("objdump", "-D", "-w", "-b", "binary", "-m", "i386",
                bin.toString());
        Disassembler disassembler = new Disassembler(AddressNamer.plain());
        ByteSource source = ByteSource.of(bytes, 0);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String line : objdump.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long address = Long.parseLong(m.group(1), 16);
            int length = HexFormat.of().parseHex(m.group(2).replace(" ", "")).length;
            DisassembledInstruction ours = disassembler.disassembleOne(source, address);
            if (!ours.decoded().isInDenaliIsa() || m.group(3).contains("(bad)")) {
                continue; // outside the subset the disassembler promises to print exactly
            }
            compared++;
            String want = ObjdumpOracle.normalise(m.group(3));
            String got = ObjdumpOracle.normalise(ours.text());
            if (!want.equals(got) || length != ours.length()) {
                mismatches.add(Long.toHexString(address) + ": " + m.group(2) + "\n    objdump: " + want
                        + "\n    ours:    " + got);
            }
        }
        assertEquals("", String.join("\n", mismatches.subList(0, Math.min(40, mismatches.size()))),
                mismatches.size() + " of " + compared + " differ");
        assertTrue(compared > 5000, "compared " + compared);
    }
}
