package org.denali.ide.views.monitor;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the monitor's JSON reply lines into records (docs/views.md lists the fields). Every reply may instead be
 * {@code {"error": "..."}}, which becomes a {@link MonitorException} with that text; so does a reply that is
 * not the documented shape, so a view never shows half-parsed data.
 */
public final class MonitorReplies {
    private MonitorReplies() {
    }

    public static KernelStats stats(String json) throws MonitorException {
        return parse(json, o -> new KernelStats(o.get("nowNanos").getAsLong(), o.get("vms").getAsInt(),
                o.get("instructions").getAsLong(), o.get("quanta").getAsLong(), o.get("interruptBatches").getAsLong(),
                o.get("interruptLines").getAsLong(), o.get("pageIns").getAsLong(), o.get("pageOuts").getAsLong(),
                o.get("faults").getAsLong(), o.get("elapsedNanos").getAsLong(),
                o.has("physicalPages") ? o.get("physicalPages").getAsLong() : -1,
                o.has("usedPages") ? o.get("usedPages").getAsLong() : -1));
    }

    public static Timeline timeline(String json) throws MonitorException {
        return parse(json, o -> {
            List<Timeline.Event> events = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("events")) {
                JsonObject v = e.getAsJsonObject();
                events.add(new Timeline.Event(Timeline.Kind.valueOf(v.get("kind").getAsString()), v.get("at").getAsLong(),
                        v.get("length").getAsLong(), v.get("ns").getAsLong(),
                        v.has("detail") ? v.get("detail").getAsString() : ""));
            }
            return new Timeline(o.get("vm").getAsInt(), o.get("icount").getAsLong(), o.get("recordedUpTo").getAsLong(),
                    o.get("dropped").getAsLong(), List.copyOf(events));
        });
    }

    public static SchedulerState scheduler(String json) throws MonitorException {
        return parse(json, o -> {
            JsonObject c = o.getAsJsonObject("counts");
            List<SchedulerState.IdleVm> idle = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("idle")) {
                JsonObject i = e.getAsJsonObject();
                idle.add(new SchedulerState.IdleVm(i.get("vm").getAsInt(), i.get("timeoutMicros").getAsLong(),
                        i.get("wakeAtNanos").getAsLong()));
            }
            return new SchedulerState(o.get("nowNanos").getAsLong(),
                    new SchedulerState.Counts(c.get("admitted").getAsInt(), c.get("running").getAsInt(),
                            c.get("runQueue").getAsInt(), c.get("idle").getAsInt(),
                            c.get("gatekeeperQueue").getAsInt(), c.get("held").getAsInt()),
                    ints(o.getAsJsonArray("admitted")), ints(o.getAsJsonArray("running")),
                    ints(o.getAsJsonArray("runQueue")), List.copyOf(idle), ints(o.getAsJsonArray("gatekeeperQueue")),
                    ints(o.getAsJsonArray("held")));
        });
    }

    public static VmPage vms(String json) throws MonitorException {
        return parse(json, o -> {
            List<VmRow> rows = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("vms")) {
                rows.add(vm(e.getAsJsonObject()));
            }
            return new VmPage(o.get("total").getAsInt(), o.get("matching").getAsInt(), o.get("first").getAsInt(),
                    List.copyOf(rows));
        });
    }

    public static VmRow vm(String json) throws MonitorException {
        return parse(json, MonitorReplies::vm);
    }

    private static VmRow vm(JsonObject o) {
        return new VmRow(o.get("id").getAsInt(), o.get("name").getAsString(), o.get("state").getAsString(),
                o.get("stopped").getAsBoolean(), text(o, "lastStop"), text(o, "lastStopDetail"),
                o.get("instructions").getAsLong(), text(o, "exit"));
    }

    public static InterruptQueue interrupts(String json) throws MonitorException {
        return parse(json, o -> {
            List<String> lines = new ArrayList<>();
            o.getAsJsonArray("lines").forEach(e -> lines.add(e.getAsString()));
            List<InterruptQueue.Event> history = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("history")) {
                JsonObject h = e.getAsJsonObject();
                history.add(new InterruptQueue.Event(h.get("kind").getAsString(), h.get("lines").getAsInt(),
                        h.get("timeNanos").getAsLong()));
            }
            return new InterruptQueue(o.get("vm").getAsInt(), o.get("pending").getAsInt(),
                    o.get("enabled").getAsBoolean(), o.get("handler").getAsLong(), o.get("beingHandled").getAsInt(),
                    o.get("nextDelivery").getAsInt(), List.copyOf(lines), List.copyOf(history));
        });
    }

    public static SwapState swap(String json) throws MonitorException {
        return parse(json, o -> new SwapState(o.get("vm").getAsInt(), o.get("admitted").getAsBoolean(),
                o.get("memoryPages").getAsInt(), o.get("mappedPages").getAsInt(), o.get("backingPages").getAsLong(),
                o.get("footprintPages").getAsLong(), o.get("swapRegionBytes").getAsLong(),
                o.get("pageIns").getAsLong(), o.get("pageOuts").getAsLong(),
                o.has("faults") ? o.get("faults").getAsLong() : 0, runs(o.getAsJsonArray("residency")),
                o.has("resident") ? runs(o.getAsJsonArray("resident")) : List.of(),
                o.has("swapped") ? runs(o.getAsJsonArray("swapped")) : List.of()));
    }

    /** Reply to {@code vregs VM}: register name to value, in the kernel's order. */
    public static Map<String, Long> virtualRegisters(String json) throws MonitorException {
        return parse(json, o -> {
            Map<String, Long> values = new LinkedHashMap<>();
            o.entrySet().forEach(e -> values.put(e.getKey(), e.getValue().getAsLong()));
            return values;
        });
    }

    public static CpuState cpu(String json) throws MonitorException {
        return parse(json, o -> new CpuState(o.get("vm").getAsInt(), o.get("eax").getAsLong(),
                o.get("ecx").getAsLong(), o.get("edx").getAsLong(), o.get("ebx").getAsLong(), o.get("esp").getAsLong(),
                o.get("ebp").getAsLong(), o.get("esi").getAsLong(), o.get("edi").getAsLong(), o.get("eip").getAsLong(),
                o.get("eflags").getAsLong()));
    }

    /** Reply to {@code mem VM ADDR LEN}: the bytes, -1 where the page is not mapped. */
    public static int[] memory(String json) throws MonitorException {
        return parse(json, o -> {
            JsonArray bytes = o.getAsJsonArray("bytes");
            int[] out = new int[bytes.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes.get(i).getAsInt();
            }
            return out;
        });
    }

    private static <T> T parse(String json, Function<JsonObject, T> read) throws MonitorException {
        JsonObject object;
        try {
            object = JsonParser.parseString(json).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new MonitorException("not a monitor reply: " + shorten(json));
        }
        if (object.has("error")) {
            throw new MonitorException(object.get("error").getAsString());
        }
        try {
            return read.apply(object);
        } catch (RuntimeException e) { // a missing field (NullPointerException) or a wrong type
            throw new MonitorException("unexpected monitor reply (" + e + "): " + shorten(json));
        }
    }

    private static String text(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static List<Integer> ints(JsonArray array) {
        List<Integer> out = new ArrayList<>(array.size());
        array.forEach(e -> out.add(e.getAsInt()));
        return List.copyOf(out);
    }

    private static List<int[]> runs(JsonArray array) {
        List<int[]> out = new ArrayList<>(array.size());
        for (JsonElement e : array) {
            JsonArray run = e.getAsJsonArray();
            out.add(new int[] {run.get(0).getAsInt(), run.get(1).getAsInt()});
        }
        return List.copyOf(out);
    }

    private static String shorten(String text) {
        return text == null ? "null" : text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
