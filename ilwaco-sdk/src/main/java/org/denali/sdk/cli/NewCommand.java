package org.denali.sdk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.denali.sdk.templates.ProjectTemplate;
import org.denali.sdk.templates.ProjectTemplates;

/** {@code denali new [--template NAME] DIR}: a guest project from the same templates the IDE wizard offers. */
final class NewCommand implements Command {
    @Override
    public String name() {
        return "new";
    }

    @Override
    public String summary() {
        return "create a guest project from a template";
    }

    @Override
    public String usage() {
        String templates = ProjectTemplates.all().stream()
                .map(t -> String.format("  %-10s %s", t.id(), t.description())).collect(Collectors.joining("\n"));
        return "usage: denali new [--template NAME] DIR\n"
                + "Creates DIR (which must not hold the template's files) with a guest named after DIR.\n"
                + "Templates (default " + ProjectTemplates.DEFAULT_TEMPLATE + "):\n" + templates;
    }

    @Override
    public int run(List<String> args, CommandContext context) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("template"), Set.of());
        Path dir = context.resolve(parsed.positional(1, "one directory").get(0));
        String templateId = parsed.option("template", ProjectTemplates.DEFAULT_TEMPLATE);
        ProjectTemplate template = ProjectTemplates.find(templateId).orElseThrow(
                () -> new UsageException("no template '" + templateId + "'"));
        String name = dir.getFileName().toString();
        if (!ProjectTemplates.isValidProjectName(name)) {
            throw new UsageException("'" + name + "' cannot name a guest: use letters, digits, '-', '_' and '.',"
                    + " starting with a letter");
        }
        try {
            for (Path file : ProjectTemplates.instantiate(template, dir, name)) {
                context.out().println("created " + file);
            }
            return 0;
        } catch (IOException e) {
            context.err().println("denali new: " + e.getMessage());
            return 1;
        }
    }
}
