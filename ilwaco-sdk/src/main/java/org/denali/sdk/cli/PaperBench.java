package org.denali.sdk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.FileTrees;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.denali.sdk.build.ProjectException;
import org.denali.sdk.paper.ChartWriter;
import org.denali.sdk.paper.Figure;
import org.denali.sdk.paper.PaperExperiments;
import org.denali.sdk.paper.TableFormat;
import org.denali.sdk.paper.WebFarm;
import org.denali.sdk.templates.ProjectTemplates;

/**
 * {@code denali bench paper [FIGURE…] [--quick] [--out DIR] [--format text|csv|json]}: re-runs the paper's
 * evaluation ({@link PaperExperiments}) and writes, per figure, NAME.csv, NAME.json and NAME.png into DIR; the
 * tables also go to stdout in the chosen format, progress to stderr. The web-server guests are built from the SDK's
 * own httpd and loadgen templates, so no checkout is needed.
 */
final class PaperBench {
    static final String USAGE = """
                   denali bench paper [interrupts|idle|zipf|switch|record ...] [--quick] [--out DIR]
              The paper's evaluation on the emulated kernel, each figure with the paper's own knob: batched vs
              synchronous interrupts, idle-with-timeout vs spinning guests, Zipf scaling under a memory budget
              (whole-VM swapping), VM switch cost and the swapped-out VM record. For each figure writes NAME.csv,
              NAME.json and NAME.png (the paper's claim overlaid) into DIR (default paper-results). Web-server
              figures run in virtual time with the paper machine's switch and disk costs (docs/experiments.md).
              --quick: fewer, smaller points (under two minutes).
            """;

    private PaperBench() {
    }

    static int run(List<String> args, TableFormat format, CommandContext context) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("out"), Set.of("quick"));
        List<String> figures = parsed.positional().isEmpty() ? PaperExperiments.FIGURES : parsed.positional();
        for (String figure : figures) {
            if (!PaperExperiments.FIGURES.contains(figure)) {
                throw new UsageException("no figure '" + figure + "'; the figures are "
                    + String.join(", ", PaperExperiments.FIGURES));
            }
        }
        Path out = context.resolve(parsed.option("out", "paper-results"));
        PrintStream err = context.err();
        Path scratch = null;
        try {
            Files.createDirectories(out);
            scratch = Files.createTempDirectory("denali-bench-paper");
            WebFarm farm = needsWebFarm(figures) ? webFarm(scratch, err) : new WebFarm(null, null, scratch);
            PaperExperiments experiments = new PaperExperiments(farm, parsed.has("quick"), err);
            long start = System.nanoTime();
            for (String name : figures) {
                err.println("denali bench paper: " + name + (parsed.has("quick") ? " (quick)" : ""));
                Figure figure = experiments.run(name);
                Files.writeString(out.resolve(name + ".csv"), TableFormat.CSV.format(figure.table()));
                Files.writeString(out.resolve(name + ".json"), TableFormat.JSON.format(figure.table()));
                ChartWriter.write(figure, out.resolve(name + ".png"));
                context.out().println(format.format(figure.table()));
                context.out().flush();
            }
            err.printf("denali bench paper: %d figure(s) in %.0f s; files in %s%n", figures.size(),
                (System.nanoTime() - start) / 1e9, out);
            return 0;
        } catch (IOException | ProjectException e) {
            err.println("denali bench paper: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (scratch != null) {
                try {
                    FileTrees.delete(scratch);
                } catch (IOException e) {
                    err.println("denali bench paper: could not remove " + scratch);
                }
            }
        }
    }

    private static boolean needsWebFarm(List<String> figures) {
        return figures.stream().anyMatch(f -> List.of("interrupts", "idle", "zipf").contains(f));
    }

    /** httpd and loadgen from the SDK's templates (the shipped examples' sources), built by the SDK. */
    private static WebFarm webFarm(Path scratch, PrintStream err)
            throws IOException, InterruptedException, ProjectException {
        err.println("denali bench paper: building the httpd and loadgen guests");
        List<byte[]> images = new ArrayList<>();
        GuestBuilder builder = GuestBuilder.forInstalledSdk();
        for (String template : List.of("httpd", "loadgen")) {
            Path dir = scratch.resolve(template);
            ProjectTemplates.instantiate(ProjectTemplates.find(template).orElseThrow(), dir, template);
            GuestProject project = GuestProject.load(dir);
            BuildResult result = builder.build(project);
            if (!result.succeeded()) {
                throw new IOException("the SDK build of " + template + " failed: " + result.errors());
            }
            images.add(Files.readAllBytes(project.imageFile()));
        }
        return new WebFarm(images.get(0), images.get(1), scratch);
    }
}
