package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.denali.sdk.templates.ProjectTemplate;
import org.denali.sdk.templates.ProjectTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The compilation database a build writes: the exact gcc command of every source, and (with the .clangd beside
 * it) clean enough that the real clangd accepts every file of every template without an error.
 */
class CompileCommandsTest {
    @TempDir
    Path dir;

    static List<String> templateIds() {
        return ProjectTemplates.all().stream().map(ProjectTemplate::id).toList();
    }

    @ParameterizedTest
    @MethodSource("templateIds")
    void clangdChecksEveryTemplateFileWithoutErrors(String id) throws Exception {
        Path project = dir.resolve("t-" + id);
        ProjectTemplates.instantiate(ProjectTemplates.find(id).orElseThrow(), project, "t-" + id);
        GuestProject guest = GuestProject.load(project);
        BuildResult result = GuestBuilder.forInstalledSdk().build(guest);
        assertTrue(result.succeeded(), result.diagnostics().toString());

        JsonArray database = JsonParser.parseString(
                Files.readString(project.resolve(CompileCommandsWriter.DATABASE))).getAsJsonArray();
        List<String> files = new ArrayList<>();
        for (JsonElement element : database) {
            JsonObject entry = element.getAsJsonObject();
            files.add(entry.get("file").getAsString());
            assertEquals(project.toString(), entry.get("directory").getAsString());
            List<String> arguments = new ArrayList<>();
            entry.getAsJsonArray("arguments").forEach(a -> arguments.add(a.getAsString()));
            assertEquals(ToolchainFlags.COMPILER, arguments.get(0));
            assertTrue(arguments.contains("-m32") && arguments.contains("-c"), arguments.toString());
        }
        assertEquals(guest.sources().stream().map(Path::toString).toList(), files);

        try (Stream<Path> walk = Files.list(project)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".c") || p.toString().endsWith(".h")).toList()) {
                ToolRun check = ToolRun.run(List.of("clangd", "--check=" + file), project);
                assertEquals(0, check.exitCode(), () -> file + ":\n" + check.output());
                assertTrue(check.output().contains("All checks completed, 0 errors"), check.output());
            }
        }
    }

    @Test
    void theSdkStyleIsWhatClangFormatApplies() throws Exception {
        TestBuilds.write(dir.resolve("p/main.c"), "int main(void) { return 0; }\n");
        GuestBuilder.forInstalledSdk().build(GuestProject.load(dir.resolve("p")));
        TestBuilds.write(dir.resolve("p/style.c"), "int badly(int x)\n{\nif (x)\n{\n                return 1;\n}\n"
                + "  return 0;\n}\n");
        ToolRun format = ToolRun.run(List.of("clang-format", "--style=file", "style.c"), dir.resolve("p"));
        assertEquals(0, format.exitCode(), format.output());
        assertEquals("int badly(int x)\n{\n    if (x) {\n        return 1;\n    }\n    return 0;\n}\n", format.output());
    }

    @Test
    void aCompileErrorStillWritesTheDatabase() throws Exception {
        TestBuilds.write(dir.resolve("bad/main.c"), "int main(void)\n{\n    return x;\n}\n");
        BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(dir.resolve("bad")));
        assertFalse(result.succeeded());
        assertTrue(Files.readString(dir.resolve("bad/compile_commands.json")).contains("main.c"));
    }

    @Test
    void noDatabaseWhenSwitchedOffAndAUsersClangdIsKept() throws Exception {
        TestBuilds.write(dir.resolve("p/main.c"), "int main(void) { return 0; }\n");
        GuestBuilder.forInstalledSdk().writeCompileCommands(false).build(GuestProject.load(dir.resolve("p")));
        assertFalse(Files.exists(dir.resolve("p/compile_commands.json")));
        assertFalse(Files.exists(dir.resolve("p/.clangd")));

        TestBuilds.write(dir.resolve("p/.clangd"), "Diagnostics:\n  Suppress: '*'\n");
        GuestBuilder.forInstalledSdk().build(GuestProject.load(dir.resolve("p")));
        assertTrue(Files.exists(dir.resolve("p/compile_commands.json")));
        assertEquals("Diagnostics:\n  Suppress: '*'\n", Files.readString(dir.resolve("p/.clangd")));
    }
}
