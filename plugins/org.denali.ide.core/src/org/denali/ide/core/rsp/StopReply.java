package org.denali.ide.core.rsp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stop reply ({@code S}, {@code T}, {@code W}, {@code X}) and why the target stopped. This is the one place
 * that turns the stub's signals and stop fields into reasons; the debug model maps {@link Reason}s to platform
 * events without looking at packets.
 *
 * @param reason   why the target stopped, or that it ended
 * @param signal   the Unix signal of a stop ({@code S}/{@code T}/{@code X}), 0 for an exit
 * @param thread   the stopped thread (Denali: VM id), or -1 if the reply names none
 * @param exitCode the inferior's exit code for {@link Reason#EXITED}, else 0
 * @param fields   the {@code name:value} fields of a {@code T} reply, in order
 */
public record StopReply(Reason reason, int signal, int thread, int exitCode, Map<String, String> fields) {
    public static final int SIGINT = 2;
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGFPE = 8;
    public static final int SIGSEGV = 11;

    public enum Reason {
        BREAKPOINT, WATCHPOINT, STEP, INTERRUPTED, FAULT, EXITED, KILLED,
        /** A reverse step or continue reached the start of the recorded history ({@code replaylog:begin}). */
        HISTORY_BEGIN,
        /** A forward resume of a replayed run reached the end of the recorded history ({@code replaylog:end}). */
        HISTORY_END,
        /** The stub refused the resume with an error reply (e.g. {@code bs} on a kernel that does not record). */
        REFUSED
    }

    /** The stub answered a resume with {@code payload} (an {@code E} error or the empty "unsupported" reply). */
    public static StopReply refused(String payload) {
        return new StopReply(Reason.REFUSED, 0, -1, 0, Map.of("error", payload));
    }

    /** True for a reply that refuses a resume instead of reporting a stop. */
    public static boolean isRefusal(String payload) {
        return payload.isEmpty() || payload.matches("E[0-9a-fA-F]{2}(;.*)?") || payload.startsWith("E.");
    }

    /** True for the replies that end a resume: every {@code S T W X} packet. */
    public static boolean isStopReply(String payload) {
        return !payload.isEmpty() && "STWX".indexOf(payload.charAt(0)) >= 0;
    }

    public static StopReply parse(String payload) {
        char kind = payload.charAt(0);
        int code = Integer.parseInt(payload.substring(1, Math.min(3, payload.length())), 16);
        switch (kind) {
            case 'W':
                return new StopReply(Reason.EXITED, 0, -1, code, Map.of());
            case 'X':
                return new StopReply(Reason.KILLED, code, -1, 0, Map.of());
            case 'S':
                return new StopReply(reasonOf(code, Map.of()), code, -1, 0, Map.of());
            case 'T':
                Map<String, String> fields = fields(payload.substring(3));
                String thread = fields.get("thread");
                int id = thread == null ? -1 : Integer.parseInt(thread, 16);
                return new StopReply(reasonOf(code, fields), code, id, 0, Map.copyOf(fields));
            default:
                throw new IllegalArgumentException("not a stop reply: " + payload);
        }
    }

    /**
     * Denali's stub: SIGTRAP with swbreak/hwbreak is a breakpoint, with a watch field a watchpoint, with
     * {@code replaylog} an end of the recorded history, else a step.
     */
    private static Reason reasonOf(int signal, Map<String, String> fields) {
        if (signal == SIGTRAP) {
            String replaylog = fields.get("replaylog");
            if (replaylog != null) {
                return replaylog.equals("end") ? Reason.HISTORY_END : Reason.HISTORY_BEGIN;
            }
            if (fields.containsKey("swbreak") || fields.containsKey("hwbreak")) {
                return Reason.BREAKPOINT;
            }
            if (fields.containsKey("watch") || fields.containsKey("rwatch") || fields.containsKey("awatch")) {
                return Reason.WATCHPOINT;
            }
            return Reason.STEP;
        }
        return signal == SIGINT ? Reason.INTERRUPTED : Reason.FAULT;
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : text.split(";")) {
            if (field.isEmpty()) {
                continue;
            }
            int colon = field.indexOf(':');
            fields.put(colon < 0 ? field : field.substring(0, colon), colon < 0 ? "" : field.substring(colon + 1));
        }
        return fields;
    }
}
