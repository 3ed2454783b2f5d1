package org.denali.sdk.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Reads gcc's machine-readable diagnostics ({@code -fdiagnostics-format=json}, gcc 10 and later): one JSON array
 * per compiler run, each message with its kind, the underlined range, its notes ({@code children}) and fix-its.
 * gcc prints the array on one line; everything else in a run's output (GNU as assembling a {@code .S}, the gcc
 * driver's own complaints) is text and goes to {@link DiagnosticParser}.
 */
public final class GccJsonDiagnostics {
    private GccJsonDiagnostics() {
    }

    /** Every diagnostic of one tool run's output; relative paths are resolved against {@code workingDirectory}. */
    public static List<Diagnostic> parse(String output, Path workingDirectory) {
        List<Diagnostic> found = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String line : output.split("\\R")) {
            String trimmed = line.strip();
            JsonArray array = trimmed.startsWith("[") && trimmed.endsWith("]") ? array(trimmed) : null;
            if (array == null) {
                text.append(line).append('\n');
                continue;
            }
            for (JsonElement element : array) {
                if (element.isJsonObject()) {
                    found.add(diagnostic(element.getAsJsonObject(), workingDirectory));
                }
            }
        }
        found.addAll(DiagnosticParser.parse(text.toString(), workingDirectory));
        return found;
    }

    private static JsonArray array(String line) {
        try {
            JsonElement parsed = JsonParser.parseString(line);
            return parsed.isJsonArray() ? parsed.getAsJsonArray() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static Diagnostic diagnostic(JsonObject json, Path workingDirectory) {
        String kind = string(json, "kind", "error");
        String message = string(json, "message", "");
        if (json.has("option")) {
            message += " [" + json.get("option").getAsString() + "]"; // as gcc's text output shows it
        }
        Path file = null;
        int line = 0;
        int column = 0;
        int endLine = 0;
        int endColumn = 0;
        JsonArray locations = json.has("locations") ? json.getAsJsonArray("locations") : new JsonArray();
        if (!locations.isEmpty()) {
            JsonObject location = locations.get(0).getAsJsonObject();
            JsonObject caret = location.getAsJsonObject("caret");
            if (caret != null) {
                // the caret is the point gcc's text output names (file:line:column); finish ends the range
                file = resolve(workingDirectory, string(caret, "file", null));
                line = integer(caret, "line");
                column = column(caret);
                JsonObject finish = location.getAsJsonObject("finish");
                if (finish != null) {
                    endLine = integer(finish, "line");
                    endColumn = column(finish) + 1; // gcc's finish is the last byte of the range
                }
            }
        }
        List<Diagnostic> notes = new ArrayList<>();
        if (json.has("children")) {
            for (JsonElement child : json.getAsJsonArray("children")) {
                notes.add(diagnostic(child.getAsJsonObject(), workingDirectory));
            }
        }
        List<Diagnostic.FixIt> fixIts = new ArrayList<>();
        if (json.has("fixits")) {
            for (JsonElement element : json.getAsJsonArray("fixits")) {
                JsonObject fix = element.getAsJsonObject();
                JsonObject start = fix.getAsJsonObject("start");
                JsonObject next = fix.getAsJsonObject("next");
                fixIts.add(new Diagnostic.FixIt(integer(start, "line"), column(start), integer(next, "line"),
                        column(next), string(fix, "string", "")));
            }
        }
        return new Diagnostic(file, line, column, severity(kind), message, endLine, endColumn, notes, fixIts);
    }

    private static Severity severity(String kind) {
        if (kind.contains("error")) {
            return Severity.ERROR;
        }
        return kind.equals("warning") ? Severity.WARNING : Severity.NOTE;
    }

    /** The byte column (what the editor's offsets need), falling back to gcc's display column. */
    private static int column(JsonObject position) {
        return position.has("byte-column") ? position.get("byte-column").getAsInt() : integer(position, "column");
    }

    private static int integer(JsonObject object, String key) {
        return object != null && object.has(key) ? object.get(key).getAsInt() : 0;
    }

    private static String string(JsonObject object, String key, String fallback) {
        return object.has(key) && !object.get(key).isJsonNull() ? object.get(key).getAsString() : fallback;
    }

    private static Path resolve(Path workingDirectory, String file) {
        if (file == null) {
            return null;
        }
        Path path = Path.of(file);
        return workingDirectory == null ? path : workingDirectory.resolve(path).normalize();
    }
}
