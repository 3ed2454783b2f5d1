package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics from real gcc, as and ld runs come back located; canned tool lines parse as documented. */
class DiagnosticsTest {
    @TempDir
    Path temp;

    private BuildResult build(Path project) throws Exception {
        return TestBuilds.builder().build(GuestProject.load(project));
    }

    private static Diagnostic only(BuildResult result, Severity severity, String fileName) {
        List<Diagnostic> matching = result.diagnostics().stream()
                .filter(d -> d.severity() == severity && d.file() != null && d.file().endsWith(fileName)).toList();
        assertEquals(1, matching.size(), () -> "one " + severity + " in " + fileName + ": " + result.diagnostics());
        return matching.get(0);
    }

    @Test
    void aSyntaxErrorIsAnErrorAtItsLineAndColumnAndNoImageIsWritten() throws Exception {
        Path project = temp.resolve("broken");
        TestBuilds.write(project.resolve("main.c"), "#include <stdio.h>\n\nint main(void)\n{\n"
                + "    int unused;\n    printf(\"x\\n\")\n    return 0;\n}\n");
        BuildResult result = build(project);
        assertFalse(result.succeeded());
        assertNull(result.image());
        Diagnostic error = only(result, Severity.ERROR, "main.c");
        assertEquals(project.resolve("main.c"), error.file());
        assertEquals(6, error.line());
        assertEquals(18, error.column());
        assertEquals("expected ';' before 'return'", error.message());
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.file().equals(project.resolve("main.c"))
                && d.line() == 5 && d.column() == 9 && d.severity() == Severity.WARNING
                && d.message().equals("unused variable 'unused' [-Wunused-variable]")), result.diagnostics().toString());
        assertEquals("main.c:6:18: error: expected ';' before 'return'", error.format(project));
    }

    @Test
    void aMissingHeaderIsAFatalErrorAtTheInclude() throws Exception {
        Path project = temp.resolve("noheader");
        TestBuilds.write(project.resolve("main.c"), "int x;\n#include <sys/socket.h>\nint main(void) { return 0; }\n");
        Diagnostic error = only(build(project), Severity.ERROR, "main.c");
        assertEquals(2, error.line());
        assertEquals(10, error.column());
        assertTrue(error.message().contains("sys/socket.h: No such file or directory"), error.message());
    }

    @Test
    void anUndefinedFunctionIsALinkerErrorAtTheCallingLine() throws Exception {
        Path project = temp.resolve("undefined");
        TestBuilds.write(project.resolve("main.c"), "int missing(void);\n\nint main(void)\n{\n    return missing();\n}\n");
        BuildResult result = build(project);
        assertFalse(result.succeeded());
        assertTrue(result.linked());
        Diagnostic error = only(result, Severity.ERROR, "main.c");
        assertEquals(5, error.line());
        assertEquals("undefined reference to `missing'", error.message());
    }

    @Test
    void anAssemblerErrorInADotSFileIsLocated() throws Exception {
        Path project = temp.resolve("asm");
        TestBuilds.write(project.resolve("main.c"), "int main(void) { return 0; }\n");
        TestBuilds.write(project.resolve("bad.S"), "    .text\n    movl %eax, %ebx\n    frobnicate %eax\n");
        Diagnostic error = only(build(project), Severity.ERROR, "bad.S");
        assertEquals(3, error.line());
        assertTrue(error.message().contains("frobnicate"), error.message());
    }

    @Test
    void toolLinesWithoutAFileAndContextLinesParseAsDocumented() {
        Path dir = Path.of("/p");
        List<Diagnostic> parsed = DiagnosticParser.parse(String.join("\n",
                "In file included from /p/a.c:1:",
                "/p/a.h:3:5: warning: no return statement [-Wreturn-type]",
                "/p/a.c: In function 'main':",
                "ld: cannot find /x/libilwaco.a: No such file or directory",
                "ld: warning: /p/x.o: missing .note.GNU-stack section",
                "ld: /p/a.o: in function `main':",
                "a.c:(.text+0x5): undefined reference to `f'",
                "gcc: error: unrecognized command-line option '-mfoo'",
                "b.S:7: Error: bad register name `%rax'"), dir);
        assertEquals(List.of(
                new Diagnostic(Path.of("/p/a.h"), 3, 5, Severity.WARNING, "no return statement [-Wreturn-type]"),
                new Diagnostic(null, 0, 0, Severity.ERROR, "cannot find /x/libilwaco.a: No such file or directory"),
                new Diagnostic(null, 0, 0, Severity.WARNING, "/p/x.o: missing .note.GNU-stack section"),
                new Diagnostic(Path.of("/p/a.c"), 0, 0, Severity.ERROR, "undefined reference to `f'"),
                new Diagnostic(null, 0, 0, Severity.ERROR, "unrecognized command-line option '-mfoo'"),
                new Diagnostic(Path.of("/p/b.S"), 7, 0, Severity.ERROR, "bad register name `%rax'")), parsed);
    }
}
