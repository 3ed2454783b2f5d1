package org.denali.ide.core.gdb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses lines of gdb's MI output syntax (the GDB manual, "GDB/MI Output Syntax") into {@link MiRecord}s. */
public final class MiParser {
    private final String line;
    private int pos;

    private MiParser(String line) {
        this.line = line;
    }

    /** The record on {@code line}; a line MI does not define (a program's own output) is a {@code ~} stream. */
    public static MiRecord parse(String line) {
        try {
            return new MiParser(line).record();
        } catch (RuntimeException e) {
            return new MiRecord(-1, '~', line, new MiValue.Tuple(Map.of()));
        }
    }

    private MiRecord record() {
        if (line.startsWith("(gdb)")) {
            return new MiRecord(-1, '(', "", new MiValue.Tuple(Map.of()));
        }
        int start = pos;
        while (pos < line.length() && Character.isDigit(line.charAt(pos))) {
            pos++;
        }
        long token = pos > start ? Long.parseLong(line.substring(start, pos)) : -1;
        char kind = line.charAt(pos++);
        switch (kind) {
            case '~', '@', '&' -> {
                return new MiRecord(token, kind, cString(), new MiValue.Tuple(Map.of()));
            }
            case '^', '*', '+', '=' -> {
                int nameStart = pos;
                while (pos < line.length() && line.charAt(pos) != ',') {
                    pos++;
                }
                String name = line.substring(nameStart, pos);
                Map<String, MiValue> results = new LinkedHashMap<>();
                while (pos < line.length() && line.charAt(pos) == ',') {
                    pos++;
                    result(results);
                }
                return new MiRecord(token, kind, name, new MiValue.Tuple(results));
            }
            default -> throw new IllegalArgumentException("not an MI record: " + line);
        }
    }

    private void result(Map<String, MiValue> into) {
        int eq = line.indexOf('=', pos);
        String name = line.substring(pos, eq);
        pos = eq + 1;
        into.putIfAbsent(name, value());
    }

    private MiValue value() {
        char c = line.charAt(pos);
        if (c == '"') {
            return new MiValue.Text(cString());
        }
        if (c == '{') {
            pos++;
            Map<String, MiValue> fields = new LinkedHashMap<>();
            while (line.charAt(pos) != '}') {
                result(fields);
                if (line.charAt(pos) == ',') {
                    pos++;
                }
            }
            pos++;
            return new MiValue.Tuple(fields);
        }
        if (c == '[') {
            pos++;
            List<MiValue> elements = new ArrayList<>();
            while (line.charAt(pos) != ']') {
                char first = line.charAt(pos);
                if (first == '"' || first == '{' || first == '[') {
                    elements.add(value());
                } else {
                    Map<String, MiValue> one = new LinkedHashMap<>();
                    result(one);
                    elements.add(one.values().iterator().next());
                }
                if (line.charAt(pos) == ',') {
                    pos++;
                }
            }
            pos++;
            return new MiValue.MiList(elements);
        }
        throw new IllegalArgumentException("bad MI value at " + pos + ": " + line);
    }

    private String cString() {
        if (line.charAt(pos) != '"') {
            throw new IllegalArgumentException("expected a C string at " + pos);
        }
        pos++;
        StringBuilder text = new StringBuilder();
        while (true) {
            char c = line.charAt(pos++);
            if (c == '"') {
                return text.toString();
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char e = line.charAt(pos++);
            switch (e) {
                case 'n' -> text.append('\n');
                case 't' -> text.append('\t');
                case 'r' -> text.append('\r');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int end = pos - 1;
                    while (end < pos + 2 && end < line.length() && line.charAt(end) >= '0' && line.charAt(end) <= '7') {
                        end++;
                    }
                    text.append((char) Integer.parseInt(line.substring(pos - 1, end), 8));
                    pos = end;
                }
                default -> text.append(e);
            }
        }
    }
}
