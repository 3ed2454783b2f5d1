package org.denali.sdk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.denali.sdk.build.BuildConfiguration;
import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.Diagnostic;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.denali.sdk.build.ProjectException;
import org.denali.sdk.build.ToolRun;

/**
 * {@code denali build [--config debug|release] [--verbose] [--no-compile-commands] [DIR]}: builds the guest project in DIR (default: the working directory) into
 * {@code NAME.elf}. Diagnostics go to stderr in gcc's format; on success the image path goes to stdout.
 * Exit codes: 0 built, 1 the sources have errors, 2 DIR is not something that can be built.
 */
final class BuildCommand implements Command {
    @Override
    public String name() {
        return "build";
    }

    @Override
    public String summary() {
        return "build a guest project into a Denali ELF image";
    }

    @Override
    public String usage() {
        return "usage: denali build [--config debug|release] [--verbose] [--no-compile-commands] [DIR]\n"
                + "Compiles the .c and .S files of DIR (default .) with gcc -m32 -ffreestanding against Ilwaco,\n"
                + "links them with the Denali link map and prints the image path (DIR/NAME.elf). Only changed\n"
                + "files are recompiled. DIR/denali.properties may set image.name, vm.memory, cflags and\n"
                + "build.configuration.\n"
                + "DIR/compile_commands.json (the exact gcc command of every source), DIR/.clangd and\n"
                + "DIR/.clang-format (the SDK's C style) let clangd and the Denali C editor see the code as gcc does.\n"
                + "  --config C              build configuration: debug (-O0 -fno-omit-frame-pointer, for the\n"
                + "                          debugger) or release (-O2); default: the project's\n"
                + "                          build.configuration, else release\n"
                + "  --verbose               print every gcc/ar/ld command line\n"
                + "  --no-compile-commands   do not write compile_commands.json, .clangd and .clang-format";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("config"), Set.of("verbose", "no-compile-commands"));
        BuildConfiguration configuration = null;
        String chosen = parsed.option("config", null);
        if (chosen != null) {
            try {
                configuration = BuildConfiguration.parse(chosen);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--config " + e.getMessage());
            }
        }
        List<String> positional = parsed.positional();
        if (positional.size() > 1) {
            throw new UsageException("expected at most one project directory, got " + positional);
        }
        String given = positional.isEmpty() ? "." : positional.get(0);
        Path dir = context.resolve(given);
        BuildResult result;
        try {
            GuestProject loaded = GuestProject.load(dir);
            GuestProject project = configuration == null ? loaded : loaded.withConfiguration(configuration);
            result = GuestBuilder.forInstalledSdk()
                    .writeCompileCommands(!parsed.has("no-compile-commands"))
                    .build(project);
        } catch (ProjectException e) {
            // name the folder as the user typed it, not as resolved
            context.err().println("denali build: " + e.getMessage().replace(dir.toString(), given));
            return 2;
        } catch (IOException e) {
            context.err().println("denali build: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.err().println("denali build: interrupted");
            return 1;
        }
        if (parsed.has("verbose")) {
            for (ToolRun run : result.runs()) {
                context.err().println(String.join(" ", run.command()));
            }
        }
        for (Diagnostic diagnostic : result.diagnostics()) {
            context.err().println(diagnostic.formatWithNotes(context.workingDirectory()));
        }
        if (!result.succeeded()) {
            context.err().println("denali build: " + result.errors().size() + " error(s); no image written");
            return 1;
        }
        Path image = result.image();
        context.out().println(image.startsWith(context.workingDirectory())
                ? context.workingDirectory().relativize(image) : image);
        return 0;
    }
}
