package org.denali.emulator.debug.rsp;

/**
 * gdb thread ids for VMs. VM ids start at 1, which already satisfies gdb's "thread ids are positive" rule, so a
 * thread id is the VM id (thread 3 in gdb is VM 3 in every other view). -1 means all threads, 0 any thread.
 */
final class ThreadIds {
    static final int ALL = -1;
    static final int ANY = 0;
    static final int INVALID = Integer.MIN_VALUE;

    private ThreadIds() {
    }

    /** Parses "1f", "-1", "0" and the multiprocess form "p1.1f"; {@link #INVALID} if malformed. */
    static int parse(String text) {
        String t = text;
        if (t.startsWith("p")) {
            int dot = t.indexOf('.');
            if (dot < 0) {
                return INVALID;
            }
            t = t.substring(dot + 1);
        }
        if (t.equals("-1")) {
            return ALL;
        }
        long id = Hex.number(t);
        return id < 0 || id > Integer.MAX_VALUE ? INVALID : (int) id;
    }
}
