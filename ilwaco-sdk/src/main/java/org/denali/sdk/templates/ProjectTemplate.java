package org.denali.sdk.templates;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A guest project template: a named set of text files with {@code ${variable}} placeholders.
 * The same templates back {@code denali new --template NAME DIR} and the IDE's New Denali Guest Project
 * wizard, so a project looks the same whichever way it was made.
 */
public final class ProjectTemplate {
    private final String id;
    private final String description;
    private final List<String> fileNames;

    ProjectTemplate(String id, String description, List<String> fileNames) {
        this.id = id;
        this.description = description;
        this.fileNames = List.copyOf(fileNames);
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public List<String> fileNames() {
        return fileNames;
    }

    /**
     * Renders every file of the template, in template order, with each {@code ${key}} replaced by its value.
     *
     * @throws IllegalArgumentException if a file uses a variable that {@code variables} does not define
     */
    public Map<String, String> render(Map<String, String> variables) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : fileNames) {
            files.put(name, substitute(name, read(name), variables));
        }
        return files;
    }

    private String read(String fileName) {
        String resource = id + "/" + fileName;
        try (InputStream in = ProjectTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template '" + id + "' lists " + fileName + " but the SDK lacks it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template file " + resource, e);
        }
    }

    static String substitute(String fileName, String text, Map<String, String> variables) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (true) {
            int start = text.indexOf("${", from);
            if (start < 0) {
                break;
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                break;
            }
            String key = text.substring(start + 2, end);
            String value = variables.get(key);
            if (value == null) {
                throw new IllegalArgumentException(fileName + ": template variable ${" + key + "} has no value");
            }
            out.append(text, from, start).append(value);
            from = end + 1;
        }
        return out.append(text, from, text.length()).toString();
    }
}
