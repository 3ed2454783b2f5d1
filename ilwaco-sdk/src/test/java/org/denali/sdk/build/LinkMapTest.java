package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.ProgramSegment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** link/denali.ld, checked on a linked hello with readelf and the emulator's ELF parser. */
class LinkMapTest {
    @TempDir
    static Path temp;
    static Path image;
    static String programHeaders;

    @BeforeAll
    static void buildHello() throws Exception {
        image = TestBuilds.buildOk(TestBuilds.copyExample("hello", temp)).image();
        programHeaders = HostTools.run(temp, "readelf", "-lW", image.toString());
    }

    @Test
    void textStartsAtTheLinkBaseWithTheEntryPointFirst() throws Exception {
        ElfImage elf = ElfParser.parse(image);
        assertEquals(MemoryMap.LINK_BASE, elf.entryPoint());
        assertEquals(MemoryMap.LINK_BASE, elf.section(".text").orElseThrow().address());
        assertEquals(elf.entryPoint(), elf.symbols().byName("_start").orElseThrow().value());
        assertTrue(programHeaders.contains("Entry point 0x100000"), programHeaders);
    }

    @Test
    void noSegmentIsBothWritableAndExecutableAndTheStackIsInTheDataSegment() throws Exception {
        ElfImage elf = ElfParser.parse(image);
        List<ProgramSegment> loads = elf.loadSegments();
        assertEquals(3, loads.size(), programHeaders);
        for (ProgramSegment s : loads) {
            assertFalse(s.isWritable() && s.isExecutable(), "RWX segment " + s);
            assertEquals(0, s.virtualAddress() % MemoryMap.PAGE_SIZE, "page-aligned " + s);
        }
        assertTrue(loads.get(0).isExecutable() && !loads.get(0).isWritable(), "text is R+X");
        assertTrue(!loads.get(1).isExecutable() && !loads.get(1).isWritable(), "rodata is R only");
        assertTrue(!loads.get(2).isExecutable() && loads.get(2).isWritable(), "data/bss/stack are R+W");
        long stackTop = elf.symbols().byName("__stack_top").orElseThrow().value();
        assertTrue(loads.get(2).containsAddress(stackTop - 4), "the initial stack lies in the R+W segment");
        // readelf's view of the same flags: exactly "R E", "R", "RW" in that order.
        Matcher m = Pattern.compile("LOAD\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+(R?W?E?)\\s+0x1000").matcher(
                programHeaders.replace("R E", "RE"));
        StringBuilder flags = new StringBuilder();
        while (m.find()) {
            flags.append(m.group(1)).append(' ');
        }
        assertEquals("RE R RW ", flags.toString(), programHeaders);
    }

    @Test
    void dwarfSectionsAreKeptForTheDebugger() throws Exception {
        ElfImage elf = ElfParser.parse(image);
        for (String section : List.of(".debug_info", ".debug_line", ".debug_abbrev")) {
            assertTrue(elf.section(section).isPresent(), section);
        }
        String lines = HostTools.run(temp, "objdump", "--dwarf=decodedline", image.toString());
        assertTrue(lines.contains("hello.c"), "line table names the guest's source");
    }

    @Test
    void theImageEndsOnAPageBoundaryAboveTheStack() throws Exception {
        ElfImage elf = ElfParser.parse(image);
        long end = elf.symbols().byName("_end").orElseThrow().value();
        assertEquals(0, end % MemoryMap.PAGE_SIZE);
        assertTrue(end >= elf.imageEnd());
        assertTrue(end >= elf.symbols().byName("__stack_top").orElseThrow().value());
    }
}
