package org.denali.sdk.paper;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Locale;

/** How {@code denali bench --format} writes a {@link Table}: a Markdown table, RFC 4180 CSV or JSON. */
public enum TableFormat {
    TEXT, CSV, JSON;

    /** {@code text}, {@code csv} or {@code json}; an IllegalArgumentException naming them otherwise. */
    public static TableFormat of(String name) {
        return switch (name) {
            case "text" -> TEXT;
            case "csv" -> CSV;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("--format expects text, csv or json, got " + name);
        };
    }

    public String extension() {
        return switch (this) {
            case TEXT -> "md";
            case CSV -> "csv";
            case JSON -> "json";
        };
    }

    public String format(Table table) {
        return switch (this) {
            case TEXT -> text(table);
            case CSV -> csv(table);
            case JSON -> json(table);
        };
    }

    private static String text(Table table) {
        StringBuilder out = new StringBuilder(table.title()).append("\n\n| ")
            .append(String.join(" | ", table.columns())).append(" |\n|");
        for (int i = 0; i < table.columns().size(); i++) {
            out.append("---:|");
        }
        out.append('\n');
        for (List<Object> row : table.rows()) {
            out.append("| ");
            for (int i = 0; i < row.size(); i++) {
                out.append(i == 0 ? "" : " | ").append(textCell(row.get(i)));
            }
            out.append(" |\n");
        }
        for (String note : table.notes()) {
            out.append('\n').append(note).append('\n');
        }
        return out.toString();
    }

    private static String textCell(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Math.abs(d) >= 100 || d == Math.rint(d) ? String.format(Locale.ROOT, "%,.0f", d)
                : String.format(Locale.ROOT, "%.2f", d);
        }
        if (value instanceof Number n) {
            return String.format(Locale.ROOT, "%,d", n.longValue());
        }
        return String.valueOf(value);
    }

    private static String csv(Table table) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", table.columns().stream().map(TableFormat::csvCell).toList())).append('\n');
        for (List<Object> row : table.rows()) {
            out.append(String.join(",", row.stream().map(TableFormat::csvValue).toList())).append('\n');
        }
        return out.toString();
    }

    private static String csvValue(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return String.format(Locale.ROOT, "%.3f", ((Number) value).doubleValue());
        }
        return value instanceof Number ? value.toString() : csvCell(String.valueOf(value));
    }

    private static String csvCell(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
            ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String json(Table table) {
        JsonObject root = new JsonObject();
        root.addProperty("name", table.name());
        root.addProperty("title", table.title());
        JsonArray columns = new JsonArray();
        table.columns().forEach(columns::add);
        root.add("columns", columns);
        JsonArray rows = new JsonArray();
        for (List<Object> row : table.rows()) {
            JsonObject object = new JsonObject();
            for (int i = 0; i < row.size(); i++) {
                Object value = row.get(i);
                object.add(table.columns().get(i), value instanceof Number n ? new JsonPrimitive(n)
                    : new JsonPrimitive(String.valueOf(value)));
            }
            rows.add(object);
        }
        root.add("rows", rows);
        JsonArray notes = new JsonArray();
        table.notes().forEach(notes::add);
        root.add("notes", notes);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }
}
