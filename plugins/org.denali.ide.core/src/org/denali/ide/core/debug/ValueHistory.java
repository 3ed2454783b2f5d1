package org.denali.ide.core.debug;

import java.util.HashMap;
import java.util.Map;

/**
 * What each variable showed at earlier stops, to mark values that changed (the Variables view's highlight). Keys
 * are VM, function and C expression path, so a variable of another function with the same name does not count.
 */
final class ValueHistory {
    private Map<String, String> earlier = new HashMap<>();
    private Map<String, String> current = new HashMap<>();

    /** A new stop: what was seen becomes "earlier". */
    synchronized void nextStop() {
        earlier.putAll(current);
        current = new HashMap<>();
    }

    /** Records {@code value} for {@code key} at this stop; true if it differs from an earlier stop's value. */
    synchronized boolean record(String key, String value) {
        current.put(key, value);
        String before = earlier.get(key);
        return before != null && !before.equals(value);
    }
}
