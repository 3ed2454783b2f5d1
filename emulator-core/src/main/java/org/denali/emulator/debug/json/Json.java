package org.denali.emulator.debug.json;

import java.util.List;

/** A minimal JSON writer for the qDenali replies and the kernel monitor (objects, arrays, numbers, strings, booleans, null). */
public final class Json {
    private final StringBuilder sb = new StringBuilder();
    private boolean needComma;

    public Json beginObject() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    public Json endObject() {
        sb.append('}');
        needComma = true;
        return this;
    }

    public Json beginArray() {
        comma();
        sb.append('[');
        needComma = false;
        return this;
    }

    public Json endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    public Json key(String name) {
        comma();
        string(name);
        sb.append(':');
        needComma = false;
        return this;
    }

    public Json value(long number) {
        comma();
        sb.append(number);
        needComma = true;
        return this;
    }

    public Json value(boolean b) {
        comma();
        sb.append(b);
        needComma = true;
        return this;
    }

    public Json value(String text) {
        comma();
        if (text == null) {
            sb.append("null");
        } else {
            string(text);
        }
        needComma = true;
        return this;
    }

    public Json field(String name, long number) {
        return key(name).value(number);
    }

    public Json field(String name, boolean b) {
        return key(name).value(b);
    }

    public Json field(String name, String text) {
        return key(name).value(text);
    }

    public Json field(String name, List<Integer> numbers) {
        key(name).beginArray();
        numbers.forEach(this::value);
        return endArray();
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
