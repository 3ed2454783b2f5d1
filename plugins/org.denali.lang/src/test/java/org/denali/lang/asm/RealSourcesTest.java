package org.denali.lang.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.denali.lang.check.LanguageChecker;
import org.denali.lang.check.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every .S of Ilwaco and the examples parses and validates without a single diagnostic. */
class RealSourcesTest {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    static List<Path> assemblySources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(ROOT.resolve("ilwaco-sdk/libilwaco"), ROOT.resolve("examples"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".S") || p.toString().endsWith(".s"))
                    .filter(p -> !p.toString().contains("/build/"))
                    .forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void theCorpusIsNotEmpty() throws IOException {
        assertTrue(assemblySources().size() >= 3, "expected Ilwaco's crt0.S, context_switch.S, interrupt_entry.S");
    }

    @ParameterizedTest
    @MethodSource("assemblySources")
    void parsesAndValidatesCleanly(Path file) throws IOException {
        List<Problem> problems = new LanguageChecker().check(file);
        assertEquals(List.of(), problems.stream().map(Problem::format).toList(), file.toString());
    }

    /**
     * The disassembler's corpus has every supported instruction form, then a section of forms outside the ISA:
     * the first part must be clean (except the documented warning for int n, which raises #GP), and every
     * instruction of the second must be reported as an error.
     */
    @Test
    void everySupportedFormIsAcceptedAndEveryExcludedOneIsReported() throws IOException {
        Path file = ROOT.resolve("emulator-core/src/test/resources/disasm/all-forms.s");
        List<String> lines = Files.readAllLines(file);
        int marker = lines.indexOf("# outside the Denali ISA: the disassembler still names them") + 1;
        assertTrue(marker > 1000);
        List<Problem> problems = new LanguageChecker().check(file);
        List<String> inSupportedPart = problems.stream()
            .filter(p -> p.line() < marker && !p.message().startsWith("int: ")).map(Problem::format).toList();
        assertEquals(List.of(), inSupportedPart);
        for (int line = marker + 1; line <= lines.size(); line++) {
            String text = lines.get(line - 1);
            if (text.isBlank()) {
                break; // the excluded block ends at the first blank line
            }
            int at = line;
            assertFalse(problems.stream().noneMatch(p -> p.line() == at && p.severity() == Problem.Severity.ERROR),
                "no error for excluded instruction at line " + line + ": " + text);
        }
    }
}
