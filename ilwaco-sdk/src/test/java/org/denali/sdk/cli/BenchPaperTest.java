package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, part 1: {@code denali bench paper --quick} writes, for every figure, a CSV and a JSON file with the
 * expected columns and one row per point, and a PNG chart. Only the files' shape is checked, never a speed.
 */
class BenchPaperTest {
    /** Each figure's columns and how many rows --quick gives it. */
    private static final Map<String, List<String>> COLUMNS = Map.of(
        "interrupts", List.of("httpd VMs", "batched requests/s", "synchronous requests/s", "batching gain %",
            "batched VM switches", "synchronous VM switches", "errors"),
        "idle", List.of("httpd VMs", "idle-with-timeout requests/s", "spinning requests/s", "timeout / spin ratio",
            "errors"),
        "zipf", List.of("httpd VMs", "requests/s", "page-ins", "page-outs", "p99 latency us", "errors"),
        "switch", List.of("VMs", "ns per VM switch", "CPU ns per VM switch", "quanta", "VMs that ran"),
        "record", List.of("VMs", "heap per VM out of memory B", "paper B"));

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int denali(String... args) {
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), temp);
        return new DenaliCli(List.of(new BenchCommand())).run(List.of(args), context);
    }

    @Test
    void quickRunWritesEveryFiguresCsvJsonAndChart() throws Exception {
        assertEquals(0, denali("bench", "paper", "--quick", "--out", "figures", "--format", "csv"),
            err.toString(StandardCharsets.UTF_8));
        Path dir = temp.resolve("figures");
        for (var figure : COLUMNS.entrySet()) {
            String name = figure.getKey();
            List<String> csv = Files.readAllLines(dir.resolve(name + ".csv"));
            assertEquals(String.join(",", figure.getValue()), csv.get(0), name);
            assertEquals(2, csv.size() - 1, name + ": one row per quick point\n" + csv);
            for (String row : csv.subList(1, csv.size())) {
                String[] cells = row.split(",");
                assertEquals(figure.getValue().size(), cells.length, row);
                Arrays.stream(cells).forEach(Double::parseDouble); // numbers only, units live in the header
            }
            JsonObject json = JsonParser.parseString(Files.readString(dir.resolve(name + ".json"))).getAsJsonObject();
            assertEquals(name, json.get("name").getAsString());
            JsonArray rows = json.getAsJsonArray("rows");
            assertEquals(2, rows.size(), name);
            for (String column : figure.getValue()) {
                assertTrue(rows.get(0).getAsJsonObject().get(column).getAsJsonPrimitive().isNumber(),
                    name + " " + column);
            }
            BufferedImage png = ImageIO.read(dir.resolve(name + ".png").toFile());
            assertEquals(List.of(900, 560), List.of(png.getWidth(), png.getHeight()), name);
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertTrue(stdout.contains("httpd VMs,batched requests/s,synchronous requests/s"), stdout);
        // the web-server points served every request without an error
        for (String name : List.of("interrupts", "idle", "zipf")) {
            for (String row : Files.readAllLines(dir.resolve(name + ".csv")).subList(1, 3)) {
                assertTrue(row.endsWith(",0"), name + ": " + row);
            }
        }
    }

    @Test
    void badFigureAndFormatAreUsageErrors() {
        assertEquals(2, denali("bench", "paper", "fig9"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no figure 'fig9'"), err.toString());
        assertEquals(2, denali("bench", "scale", "--format", "xml"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--format expects text, csv or json"));
    }

    @Test
    void scaleWritesCsvAndJson() {
        assertEquals(0, denali("bench", "scale", "--counts", "10,20", "--seconds", "1", "--format", "csv"));
        List<String> csv = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("VMs,heap per VM out of memory B,heap per admitted VM B,instantiate per VM us,quanta,"
            + "ns per VM switch,run s,result", csv.get(0));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("10,"), csv.get(1));
        out.reset();
        assertEquals(0, denali("bench", "scale", "--counts", "10", "--seconds", "1", "--format=json"));
        JsonObject json = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(10, json.getAsJsonArray("rows").get(0).getAsJsonObject().get("VMs").getAsInt());
    }
}
