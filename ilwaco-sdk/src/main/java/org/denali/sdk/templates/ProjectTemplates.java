package org.denali.sdk.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.denali.emulator.arch.MemoryMap;

/** The catalogue of templates shipped inside the SDK jar, and the one way to instantiate them on disk. */
public final class ProjectTemplates {
    public static final String DEFAULT_TEMPLATE = "hello";

    private ProjectTemplates() {
    }

    /** All templates, in the order of the catalogue. */
    public static List<ProjectTemplate> all() {
        Properties index = new Properties();
        List<String> order = new ArrayList<>();
        String text = resourceText("index.properties");
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                order.add(line.substring(0, eq).trim());
            }
        }
        try {
            index.load(new java.io.StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ProjectTemplate> templates = new ArrayList<>();
        for (String id : order) {
            List<String> files = Arrays.stream(resourceText(id + ".files").split("\n"))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            templates.add(new ProjectTemplate(id, index.getProperty(id), files));
        }
        return templates;
    }

    public static Optional<ProjectTemplate> find(String id) {
        return all().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The variables every template may use, for a project of the given name. */
    public static Map<String, String> variablesFor(String projectName) {
        if (!isValidProjectName(projectName)) {
            throw new IllegalArgumentException("'" + projectName
                    + "' is not a valid guest name: use letters, digits, '-', '_' and '.', starting with a letter");
        }
        return Map.of("project", projectName, "memory", Integer.toString(MemoryMap.DEFAULT_MEMORY_SIZE));
    }

    /** Guest names become file names and ELF image names, so keep them portable. */
    public static boolean isValidProjectName(String name) {
        return name != null && name.matches("[A-Za-z][A-Za-z0-9._-]{0,63}");
    }

    /**
     * Writes the template into {@code directory} (created if needed) for a project named after it.
     *
     * @throws IOException if a file already exists there: nothing of the user's is overwritten
     */
    public static List<Path> instantiate(ProjectTemplate template, Path directory, String projectName)
            throws IOException {
        Map<String, String> files = template.render(variablesFor(projectName));
        for (String name : files.keySet()) {
            if (Files.exists(directory.resolve(name))) {
                throw new IOException(directory.resolve(name) + " already exists; choose an empty directory");
            }
        }
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = directory.resolve(file.getKey());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            written.add(target);
        }
        return written;
    }

    private static String resourceText(String name) {
        try (InputStream in = ProjectTemplates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("SDK resource missing: templates/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
