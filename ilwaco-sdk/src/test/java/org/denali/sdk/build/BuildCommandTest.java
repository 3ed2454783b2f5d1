package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.denali.sdk.cli.CommandContext;
import org.denali.sdk.cli.DenaliCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code denali build}: exit codes 0/1/2, gcc-style messages, the image path on success. */
class BuildCommandTest {
    @TempDir
    Path temp;

    private record Result(int code, String out, String err) {
    }

    private Result denali(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), temp);
        int code = new DenaliCli(DenaliCli.commands()).run(List.of(args), context);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void buildingHelloPrintsTheImagePath() throws Exception {
        TestBuilds.copyExample("hello", temp);
        Result r = denali("build", "hello");
        assertEquals(0, r.code(), r.err());
        assertEquals("hello/hello.elf\n", r.out());
        assertTrue(Files.isRegularFile(temp.resolve("hello/hello.elf")));
    }

    @Test
    void aCompileErrorIsPrintedLikeGccAndExitsWithOne() {
        TestBuilds.write(temp.resolve("bad/main.c"), "int main(void)\n{\n    return x;\n}\n");
        Result r = denali("build", "bad");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("bad/main.c:3:12: error: 'x' undeclared"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void inputThatCannotBeBuiltIsOneLineAndExitCodeTwo() {
        Result missing = denali("build", "nowhere");
        assertEquals(2, missing.code());
        assertEquals("denali build: nowhere: no such directory\n", missing.err());

        TestBuilds.write(temp.resolve("empty/notes.txt"), "no sources\n");
        Result notProject = denali("build", "empty");
        assertEquals(2, notProject.code());
        assertEquals("denali build: empty: not a guest project: no .c or .S sources and no denali.properties\n",
                notProject.err());

        TestBuilds.write(temp.resolve("mem/main.c"), "int main(void) { return 0; }\n");
        TestBuilds.write(temp.resolve("mem/denali.properties"), "vm.memory=lots\n");
        Result badProperty = denali("build", "mem");
        assertEquals(2, badProperty.code());
        assertEquals(1, badProperty.err().lines().count(), badProperty.err());
        assertTrue(badProperty.err().contains("vm.memory 'lots' is not a number of bytes"), badProperty.err());
    }

    @Test
    void theCompilationDatabaseIsWrittenUnlessSwitchedOff() throws Exception {
        TestBuilds.copyExample("hello", temp);
        assertEquals(0, denali("build", "--no-compile-commands", "hello").code());
        assertTrue(Files.notExists(temp.resolve("hello/compile_commands.json")));
        assertEquals(0, denali("build", "hello").code());
        assertTrue(Files.readString(temp.resolve("hello/compile_commands.json")).contains("hello.c"));
        assertTrue(Files.isRegularFile(temp.resolve("hello/.clangd")));
    }

    @Test
    void buildIsListedInHelp() {
        assertTrue(denali("help").out().contains("build "));
    }
}
