package org.denali.emulator.debug.rsp;

import java.util.ArrayList;
import java.util.List;

/**
 * One action of a vCont packet (or of c/s): continue or step, for one thread or for all threads ({@code thread}
 * = {@link #ALL}). Signals are accepted and ignored — Denali has no signal delivery into a guest.
 */
record ResumeAction(char kind, int thread) {
    static final int ALL = -1;

    /** Parses "c;s:1;C05:2"-style action lists (after "vCont;"); null if malformed. */
    static List<ResumeAction> parseVCont(String actions) {
        List<ResumeAction> parsed = new ArrayList<>();
        for (String part : actions.split(";", -1)) {
            if (part.isEmpty()) {
                return null;
            }
            char kind = part.charAt(0);
            int colon = part.indexOf(':');
            String head = colon < 0 ? part : part.substring(0, colon);
            if (kind == 'C' || kind == 'S') {
                if (head.length() != 3 || Hex.number(head.substring(1)) < 0) {
                    return null;
                }
                kind = Character.toLowerCase(kind);
            } else if ((kind != 'c' && kind != 's' && kind != 't') || head.length() != 1) {
                return null;
            }
            int thread = ALL;
            if (colon >= 0) {
                thread = ThreadIds.parse(part.substring(colon + 1));
                if (thread == ThreadIds.INVALID) {
                    return null;
                }
            }
            parsed.add(new ResumeAction(kind, thread));
        }
        return parsed;
    }

    /** The action for {@code thread}: the first naming it, else the first default one; null if none. */
    static ResumeAction forThread(List<ResumeAction> actions, int thread) {
        for (ResumeAction a : actions) {
            if (a.thread == thread) {
                return a;
            }
        }
        for (ResumeAction a : actions) {
            if (a.thread == ALL) {
                return a;
            }
        }
        return null;
    }
}
