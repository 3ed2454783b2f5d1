package org.denali.ide.core.gdb;

import java.util.List;
import java.util.Map;

/**
 * A value of gdb's machine interface output syntax: a C string, a tuple {@code {name=value,...}} or a list
 * {@code [value,...]} / {@code [name=value,...]} (the names of a result list are dropped: MI repeats one name,
 * e.g. {@code frame=}, for every element).
 */
public sealed interface MiValue {
    record Text(String text) implements MiValue {
    }

    record Tuple(Map<String, MiValue> fields) implements MiValue {
        /** The text of field {@code name}, or null when absent or not a string. */
        public String text(String name) {
            return fields.get(name) instanceof Text t ? t.text() : null;
        }

        public MiValue get(String name) {
            return fields.get(name);
        }
    }

    record MiList(List<MiValue> elements) implements MiValue {
    }

    /** The list {@code value} holds, empty when it is absent or not a list. */
    static List<MiValue> elements(MiValue value) {
        return value instanceof MiList l ? l.elements() : List.of();
    }
}
