package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gcc's JSON diagnostics, from a real gcc run of the build: whole ranges, notes as children, fix-its. */
class GccJsonDiagnosticsTest {
    @TempDir
    Path temp;

    @Test
    void rangesNotesAndFixItsComeThrough() throws Exception {
        Path project = temp.resolve("json");
        TestBuilds.write(project.resolve("main.c"), String.join("\n",
                "struct s { int a; };",
                "int f(struct s *p)",
                "{",
                "    return undeclared + p->a;",
                "}",
                "int main(void) { return f(0) }",
                ""));
        BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(project));
        List<Diagnostic> errors = result.errors();

        Diagnostic undeclared = errors.stream().filter(d -> d.message().startsWith("'undeclared' undeclared"))
                .findFirst().orElseThrow(() -> new AssertionError(result.diagnostics().toString()));
        assertEquals(4, undeclared.line());
        assertEquals(12, undeclared.column());
        assertEquals(4, undeclared.endLine());
        assertEquals(22, undeclared.endColumn(), "the whole identifier, not one character");
        assertEquals(1, undeclared.notes().size());
        assertEquals(Severity.NOTE, undeclared.notes().get(0).severity());
        assertTrue(undeclared.notes().get(0).message().contains("reported only once"));

        Diagnostic semicolon = errors.stream().filter(d -> d.message().startsWith("expected ';'"))
                .findFirst().orElseThrow(() -> new AssertionError(result.diagnostics().toString()));
        assertEquals(List.of(new Diagnostic.FixIt(6, 29, 6, 29, ";")), semicolon.fixIts());
        assertEquals("main.c:4:12: error: 'undeclared' undeclared (first use in this function)\n"
                + "main.c:4:12: note: each undeclared identifier is reported only once for each function it appears in",
                undeclared.formatWithNotes(project).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void textLinesBesideTheJsonAreStillRead() {
        String output = "[]\nbad.S: Assembler messages:\nbad.S:7: Error: bad register name `%rax'\n";
        assertEquals(List.of(new Diagnostic(Path.of("/p/bad.S"), 7, 0, Severity.ERROR, "bad register name `%rax'")),
                GccJsonDiagnostics.parse(output, Path.of("/p")));
    }
}
