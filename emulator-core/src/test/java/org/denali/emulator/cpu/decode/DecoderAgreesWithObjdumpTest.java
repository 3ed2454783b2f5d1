package org.denali.emulator.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instruction lengths must agree with GNU objdump on random byte streams (the libriscv "verify against objdump"
 * idea): objdump walks the stream, and at every address where it found an instruction we decode one too.
 */
class DecoderAgreesWithObjdumpTest {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*(?:\\t(.*))?$");

    @Test
    void lengthsMatchObjdumpOnRandomBytes(@TempDir Path dir) throws IOException, InterruptedException {
        byte[] bytes = new byte[120_000];
        new SplittableRandom(2002).nextBytes(bytes);
        Path bin = dir.resolve("random.bin");
        Files.write(bin, bytes);
        Process p = new ProcessBuilder("objdump", "-D", "-b", "binary", "-m", "i386", "-M", "intel", bin.toString())
            .redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor(), "objdump failed");
        List<int[]> starts = new ArrayList<>(); // {address, objdumpLength, bad?}
        List<String> texts = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int address = Integer.parseInt(m.group(1), 16);
            int count = m.group(2).trim().split(" ").length;
            if (m.group(3) == null) { // continuation line of a long instruction
                starts.get(starts.size() - 1)[1] += count;
                continue;
            }
            starts.add(new int[] {address, count});
            texts.add(m.group(3));
        }
        assertTrue(starts.size() > 10_000, "objdump output not understood");
        ByteSource source = ByteSource.of(bytes, 0);
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < starts.size() - 1; i++) {
            int address = starts.get(i)[0];
            String text = texts.get(i);
            DecodedInstruction d = Decoder.decode(source, address);
            if (text.contains("(bad)") || d.mnemonic() == Mnemonic.INVALID || d.fetchFaulted()
                || text.contains("fs:") && d.length() == 1) {
                continue; // both sides agree only that nothing valid starts here, or objdump split prefixes
            }
            if (objdumpSplitsPrefix(text) || d.opcode() == 0x9B) {
                continue; // objdump prints a dangling prefix (e.g. "data16", "repz") as its own line
            }
            if (starts.get(i)[1] != d.length()) {
                mismatches.add("at " + Integer.toHexString(address) + ": objdump '" + text + "' ("
                    + starts.get(i)[1] + " bytes) vs " + d);
            }
            compared++;
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(40, mismatches.size())));
        assertTrue(compared > 10_000, "too few instructions compared: " + compared);
    }

    private static boolean objdumpSplitsPrefix(String text) {
        String t = text.trim();
        return t.equals("data16") || t.equals("addr16") || t.equals("repz") || t.equals("repnz") || t.equals("lock")
            || t.matches("(es|cs|ss|ds|fs|gs)") || t.startsWith("rex");
    }
}
