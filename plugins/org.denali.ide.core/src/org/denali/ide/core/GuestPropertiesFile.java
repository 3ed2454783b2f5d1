package org.denali.ide.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.denali.sdk.build.GuestProject;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;

/**
 * A guest project's {@code denali.properties} (what {@code denali build} and the builder read), edited in place:
 * changed keys keep their line, new keys are appended, and comments and other keys stay as they were, so the
 * file remains the user's. An empty value removes the key (the build then uses its default).
 */
public final class GuestPropertiesFile {
    public static final String IMAGE_NAME = "image.name";
    public static final String MEMORY = "vm.memory";
    public static final String CFLAGS = "cflags";
    public static final String CONFIGURATION = org.denali.sdk.build.BuildConfiguration.PROPERTY;

    private final IFile file;

    public GuestPropertiesFile(IProject project) {
        this.file = project.getFile(GuestProject.PROPERTIES_FILE);
    }

    /** The file's key/value pairs (none if it does not exist). */
    public Map<String, String> read() throws CoreException {
        Properties properties = new Properties();
        if (file.exists()) {
            try {
                properties.load(new StringReader(text()));
            } catch (IOException | IllegalArgumentException e) {
                throw new CoreException(Status.error(file.getFullPath() + ": cannot read: " + e.getMessage(), e));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
        return values;
    }

    /** Sets each key to its value (an empty value removes it) and saves the file, which triggers a build. */
    public void write(Map<String, String> changes) throws CoreException {
        List<String> lines = new ArrayList<>(file.exists() ? text().lines().toList() : List.of());
        Map<String, String> pending = new LinkedHashMap<>(changes);
        for (int i = 0; i < lines.size(); i++) {
            String key = keyOf(lines.get(i));
            if (key != null && pending.containsKey(key)) {
                String value = pending.remove(key);
                if (value.isBlank()) {
                    lines.remove(i--);
                } else {
                    lines.set(i, key + "=" + value.trim());
                }
            }
        }
        pending.forEach((key, value) -> {
            if (!value.isBlank()) {
                lines.add(key + "=" + value.trim());
            }
        });
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        if (file.exists()) {
            file.setContents(new ByteArrayInputStream(bytes), true, true, null);
        } else {
            file.create(new ByteArrayInputStream(bytes), true, null);
        }
    }

    private static String keyOf(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
            return null;
        }
        int end = 0;
        while (end < trimmed.length() && "=: \t".indexOf(trimmed.charAt(end)) < 0) {
            end++;
        }
        return trimmed.substring(0, end);
    }

    private String text() throws CoreException {
        try (var in = file.getContents(true)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CoreException(Status.error(file.getFullPath() + ": cannot read: " + e.getMessage(), e));
        }
    }
}
