package org.denali.lang.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.denali.lang.check.LanguageChecker;
import org.denali.lang.check.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid inputs with the exact diagnostics expected: each file under src/test/resources/invalid/ has a sibling
 * NAME.expected listing `line:col: severity: message` lines, in order.
 */
class InvalidCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/invalid");

    static List<Path> inputs() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> !p.toString().endsWith(".expected")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void reportsExactlyTheExpectedDiagnostics(Path input) throws IOException {
        List<String> expected = Files.readAllLines(Path.of(input + ".expected")).stream()
            .filter(l -> !l.isBlank()).toList();
        List<String> actual = new LanguageChecker().check(input).stream()
            .map(p -> p.line() + ":" + p.column() + ": " + p.severity().label() + ": " + p.message()).toList();
        assertEquals(expected, actual, input.toString());
    }
}
