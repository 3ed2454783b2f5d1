package org.denali.emulator.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.HostToolchain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Compiles C with the host gcc at several optimisation levels and DWARF versions and compares every row of our
 * line table with {@code readelf --debug-dump=decodedline}.
 */
class DebugLineReaderTest {
    /** Main file: a loop, an inlined static function, and a function from a header in a subdirectory. */
    static final String MAIN_C = """
            #include "inc/util.h"
            static int square(int x) { return x * x; }
            int counter;
            int sum(int n) {
                int s = 0;
                for (int i = 0; i < n; i++)
                    s += square(i) + twice(i);
                return s;
            }
            int main(void) {
                counter = sum(10);
                return counter;
            }
            """;
    static final String UTIL_H = """
            static inline int twice(int v)
            {
                return v + v;
            }
            """;
    static final int LINE_OF_CALL_TO_SUM = 11;

    @TempDir
    static Path dir;
    static HostToolchain tools;

    @BeforeAll
    static void setUp() throws Exception {
        tools = new HostToolchain(dir);
        Files.createDirectories(dir.resolve("inc"));
        tools.write("inc/util.h", UTIL_H);
    }

    @ParameterizedTest(name = "gcc {0} {1}")
    @CsvSource({"-O0,-gdwarf-5", "-O2,-gdwarf-5", "-O0,-gdwarf-4", "-O2,-gdwarf-4", "-O1,-gdwarf-3",
            "-Os,-gdwarf-2", "-O2,-gdwarf-5 -march=i686"})
    void everyRowMatchesReadelf(String optimisation, String debugFlags) throws Exception {
        String name = "prog" + (optimisation + debugFlags).replaceAll("[^A-Za-z0-9]", "");
        List<String> flags = new ArrayList<>(List.of(optimisation));
        flags.addAll(List.of(debugFlags.split(" ")));
        Path elf = tools.compileAndLink(name, MAIN_C, flags.toArray(String[]::new));
        LineTable table = DebugLineReader.read(ElfParser.parse(Files.readAllBytes(elf)));
        assertEquals(readelfRows(elf), ourRows(table));
    }

    @Test
    void assemblerLineInfoMatchesReadelf() throws Exception {
        for (String version : List.of("--gdwarf-3", "--gdwarf-5")) {
            tools.write("a.s", ".text\n.globl _start\n_start:\n  movl $1, %eax\n  addl %eax, %eax\n\n  ret\n");
            tools.run("as", "--32", version, "-o", "a.o", "a.s");
            tools.run("ld", "-m", "elf_i386", "-Ttext=0x100000", "-o", "a.elf", "a.o");
            Path elf = dir.resolve("a.elf");
            LineTable table = DebugLineReader.read(ElfParser.parse(Files.readAllBytes(elf)));
            assertEquals(readelfRows(elf), ourRows(table), version);
            assertEquals(List.of(0x100005L), table.addressesFor("a.s", 5), version);
            assertEquals(7, table.lineFor(0x100007).orElseThrow().line(), version);
        }
    }

    @Test
    void queriesAtO0() throws Exception {
        Path elf = tools.compileAndLink("queries", MAIN_C, "-O0", "-gdwarf-5");
        ElfImage image = ElfParser.parse(Files.readAllBytes(elf));
        LineTable table = DebugLineReader.read(image);
        long main = image.symbols().byName("main").orElseThrow().value();
        LineRow first = table.lineFor(main).orElseThrow();
        assertEquals(10, first.line());
        assertTrue(first.file().endsWith("/queries.c"), first.file());
        assertTrue(first.isStmt());

        List<Long> call = table.addressesFor("queries.c", LINE_OF_CALL_TO_SUM);
        // At -O0 gcc marks two statements on this line: the call to sum and the store to counter.
        assertEquals(2, call.size(), call::toString);
        assertTrue(call.get(0) > main && call.get(0) < main + 16, "after main's prologue");
        assertEquals(LINE_OF_CALL_TO_SUM, table.lineFor(call.get(0)).orElseThrow().line());
        // A full path and a directory-qualified suffix name the same file.
        assertEquals(call, table.addressesFor(first.file(), LINE_OF_CALL_TO_SUM));

        long twice = image.symbols().byName("twice").orElseThrow().value();
        LineRow inHeader = table.lineFor(twice).orElseThrow();
        assertTrue(inHeader.file().endsWith("inc/util.h"), inHeader.file());
        assertEquals(2, inHeader.line());
        assertFalse(table.addressesFor("inc/util.h", 3).isEmpty());
        assertTrue(table.addressesFor("nonexistent.c", 3).isEmpty());

        assertTrue(table.lineFor(0x1000).isEmpty(), "no code there");
        long end = image.section(".text").orElseThrow().address() + image.section(".text").orElseThrow().size();
        assertTrue(table.lineFor(end).isEmpty(), "past the end of the last sequence");
    }

    @Test
    void columnsFollowTheProgram() throws Exception {
        Path elf = tools.compileAndLink("columns", MAIN_C, "-O0", "-gdwarf-5");
        LineTable table = DebugLineReader.read(ElfParser.parse(Files.readAllBytes(elf)));
        String raw = tools.run("readelf", "--debug-dump=rawline", elf.toString());
        // The columns the program sets, in order, must be the columns our rows carry when they change.
        List<Integer> expected = new ArrayList<>();
        for (String line : raw.split("\n")) {
            int at = line.indexOf("Set column to ");
            if (at >= 0) {
                expected.add(Integer.parseInt(line.substring(at + 14).trim()));
            }
        }
        List<Integer> seen = new ArrayList<>();
        int last = 0;
        for (LineRow row : table.rows()) {
            if (!row.endSequence() && row.column() != last) {
                seen.add(row.column());
                last = row.column();
            }
        }
        assertFalse(expected.isEmpty());
        assertTrue(expected.containsAll(seen) && seen.size() >= expected.size() / 2, expected + " vs " + seen);
    }

    /** "base-name line-or-dash address stmt" per row, as readelf's decoded dump shows it. */
    static String readelfRows(Path elf) {
        StringBuilder out = new StringBuilder();
        for (String line : tools.run("readelf", "--debug-dump=decodedline", "-W", elf.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[2].startsWith("0x")) {
                boolean end = f[1].equals("-");
                boolean stmt = !end && f[f.length - 1].equals("x");
                out.append(baseName(f[0])).append(' ').append(f[1]).append(' ')
                        .append(Long.decode(f[2])).append(stmt ? " x" : "").append('\n');
            }
        }
        return out.toString();
    }

    static String ourRows(LineTable table) {
        StringBuilder out = new StringBuilder();
        for (LineRow row : table.rows()) {
            out.append(baseName(row.file())).append(' ').append(row.endSequence() ? "-" : row.line()).append(' ')
                    .append(row.address()).append(!row.endSequence() && row.isStmt() ? " x" : "").append('\n');
        }
        return out.toString();
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
