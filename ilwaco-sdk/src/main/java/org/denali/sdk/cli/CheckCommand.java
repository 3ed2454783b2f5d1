package org.denali.sdk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.denali.lang.check.DenaliLanguages;
import org.denali.lang.check.LanguageChecker;
import org.denali.lang.check.Problem;

/**
 * {@code denali check FILE...}: validates Denali assembly (.S, .s) and deployments (.denali) with the same
 * language services as the editors, printing {@code file:line:col: error|warning: message} to stderr. Exit status
 * 1 if any error (or an unreadable file), 0 otherwise; warnings do not fail the check.
 */
final class CheckCommand implements Command {
    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "validate .S/.s assembly and .denali deployments (editor diagnostics, for CI)";
    }

    @Override
    public String usage() {
        return "usage: denali check FILE|DIR...\n"
            + "Parses and validates each file (a directory: every .S, .s and .denali below it) against the Denali\n"
            + "ISA and the kernel's deployment rules. Prints file:line:col: error|warning: message to stderr;\n"
            + "exits 1 if there is any error, 0 otherwise.";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws UsageException {
        List<String> given = Arguments.parse(args, Set.of(), Set.of()).positional();
        if (given.isEmpty()) {
            throw new UsageException("no files to check");
        }
        LanguageChecker checker = new LanguageChecker();
        int errors = 0;
        int warnings = 0;
        boolean failed = false;
        for (String name : given) {
            try {
                for (Path file : sources(context.resolve(name), name)) {
                    Path shown = Path.of(name).isAbsolute() ? file : relativize(context.workingDirectory(), file);
                    List<Problem> problems = checker.check(shown.toString(), file, Files.readString(file));
                    for (Problem problem : problems) {
                        context.err().println(problem.format());
                        if (problem.severity() == Problem.Severity.ERROR) {
                            errors++;
                        } else {
                            warnings++;
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                context.err().println("denali check: " + name + ": no such file");
                failed = true;
            } catch (IOException e) {
                context.err().println("denali check: " + name + ": " + e.getMessage());
                failed = true;
            }
        }
        if (errors > 0 || warnings > 0) {
            context.err().println("denali check: " + errors + " error(s), " + warnings + " warning(s)");
        }
        return errors > 0 || failed ? 1 : 0;
    }

    /** The file itself, or every Denali source below a directory (sorted, build outputs skipped). */
    private static List<Path> sources(Path path, String given) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(given);
        }
        if (!Files.isDirectory(path)) {
            if (DenaliLanguages.forFile(path.getFileName().toString()).isEmpty()) {
                throw new IOException("not a Denali source (.S, .s or .denali)");
            }
            return List.of(path);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(path)) {
            walk.filter(Files::isRegularFile)
                .filter(p -> DenaliLanguages.forFile(p.getFileName().toString()).isPresent())
                .filter(p -> !path.relativize(p).toString().matches("(.*/)?(build|target)/.*"))
                .sorted().forEach(files::add);
        }
        return files;
    }

    private static Path relativize(Path base, Path file) {
        return file.startsWith(base) ? base.relativize(file) : file;
    }
}
