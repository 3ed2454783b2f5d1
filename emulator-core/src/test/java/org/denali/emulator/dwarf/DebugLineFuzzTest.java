package org.denali.emulator.dwarf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.HostToolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupted .debug_line data must produce a table or a DwarfFormatException, never a host exception. */
class DebugLineFuzzTest {
    @TempDir
    Path dir;

    @Test
    void mutatedLineProgramsNeverCrashTheReader() throws Exception {
        HostToolchain tools = new HostToolchain(dir);
        Files.createDirectories(dir.resolve("inc"));
        tools.write("inc/util.h", DebugLineReaderTest.UTIL_H);
        ElfImage image = ElfParser.parse(Files.readAllBytes(
                tools.compileAndLink("fuzz", DebugLineReaderTest.MAIN_C, "-O2", "-gdwarf-5")));
        byte[] lines = image.sectionData(".debug_line").orElseThrow();
        byte[] lineStrings = image.sectionData(".debug_line_str").orElseThrow();
        Random random = new Random(0xD3A2F);
        int ok = 0;
        int rejected = 0;
        for (int n = 0; n < 3000; n++) {
            byte[] mutant = lines.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                mutant[random.nextInt(mutant.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(8) == 0) {
                mutant = java.util.Arrays.copyOf(mutant, random.nextInt(mutant.length));
            }
            try {
                LineTable table = DebugLineReader.read(mutant, lineStrings, null);
                table.lineFor(random.nextInt(0x200) + 0x100000L);
                table.addressesFor("fuzz.c", random.nextInt(20));
                ok++;
            } catch (DwarfFormatException e) {
                rejected++;
            } catch (RuntimeException e) {
                throw new AssertionError("mutant " + n + " crashed the reader", e);
            }
        }
        assertTrue(ok > 100 && rejected > 100, "ok " + ok + ", rejected " + rejected);
    }
}
