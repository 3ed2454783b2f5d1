package org.denali.sdk.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Writes a guest project's compilation database, {@code compile_commands.json} (the Clang JSON format: one entry
 * per source with its directory, file and exact argument list), so a language server such as clangd sees
 * exactly what gcc sees. Next to it go a {@code .clangd} that removes the few gcc-only options clang does not
 * know (they only shape gcc's diagnostic output) and a {@code .clang-format} with the SDK's C style (what the
 * editor's Format applies; clang-format's default, LLVM style, would re-indent every file). A {@code .clangd} or
 * {@code .clang-format} the user wrote (without our first line) is left alone.
 */
public final class CompileCommandsWriter {
    public static final String DATABASE = "compile_commands.json";
    public static final String CLANGD_CONFIG = ".clangd";
    public static final String CLANG_FORMAT = ".clang-format";

    /** First line of a {@code .clangd} we wrote: only such a file is ever rewritten. */
    static final String GENERATED_MARK = "# Written by denali build for clangd";

    /** gcc options clang rejects ("unknown argument"); none of them changes the meaning of the code. */
    static final List<String> GCC_ONLY_OPTIONS = List.of("-fno-diagnostics-show-caret",
            "-fdiagnostics-column-unit=*", "-fdiagnostics-format=*", "-fno-diagnostics-show-line-numbers",
            "-fno-tree-loop-distribute-patterns");

    /** One compiled file and the command line that compiles it. */
    public record Entry(Path directory, Path file, List<String> arguments) {
        public Entry {
            arguments = List.copyOf(arguments);
        }
    }

    private CompileCommandsWriter() {
    }

    /** Writes both files into {@code projectDir}; the database is replaced atomically (clangd may be reading it). */
    public static void write(Path projectDir, List<Entry> entries) throws IOException {
        JsonArray database = new JsonArray();
        for (Entry entry : entries) {
            JsonObject object = new JsonObject();
            object.addProperty("directory", entry.directory().toString());
            object.addProperty("file", entry.file().toString());
            JsonArray arguments = new JsonArray();
            entry.arguments().forEach(arguments::add);
            object.add("arguments", arguments);
            database.add(object);
        }
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(database) + "\n";
        replaceIfChanged(projectDir.resolve(DATABASE), json);
        writeUnlessUsers(projectDir.resolve(CLANGD_CONFIG), clangdConfig());
        writeUnlessUsers(projectDir.resolve(CLANG_FORMAT), SDK_STYLE);
    }

    private static void writeUnlessUsers(Path file, String content) throws IOException {
        if (!Files.exists(file) || Files.readString(file).startsWith(GENERATED_MARK)) {
            replaceIfChanged(file, content);
        }
    }

    /** The C style of the SDK and its examples: 4 spaces, 120 columns, function braces on their own line. */
    static final String SDK_STYLE = GENERATED_MARK
            + " (rewritten on every build; delete this line to keep your own edits).\n"
            + "# The Ilwaco SDK's C style, applied by Format (Ctrl+Shift+F) in the Denali C editor.\n"
            + "BasedOnStyle: LLVM\n"
            + "IndentWidth: 4\n"
            + "ColumnLimit: 120\n"
            + "BreakBeforeBraces: Linux\n"
            + "AllowShortFunctionsOnASingleLine: None\n"
            + "AllowShortIfStatementsOnASingleLine: Never\n"
            + "AllowShortLoopsOnASingleLine: false\n"
            + "IndentCaseLabels: true\n"
            + "SortIncludes: Never\n";

    static String clangdConfig() {
        return GENERATED_MARK + " (rewritten on every build; delete this line to keep your own edits).\n"
                + "# clangd reads the exact gcc command lines from compile_commands.json; these options shape only\n"
                + "# gcc's own messages and are unknown to clang.\n"
                + "CompileFlags:\n"
                + "  Remove: [" + String.join(", ", GCC_ONLY_OPTIONS) + "]\n";
    }

    /** An unchanged file keeps its time stamp, so neither clangd nor the IDE sees a change. */
    private static void replaceIfChanged(Path file, String content) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file).equals(content)) {
            return;
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
