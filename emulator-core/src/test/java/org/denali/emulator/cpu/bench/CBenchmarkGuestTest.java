package org.denali.emulator.cpu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.cpu.diff.Toolchain;
import org.junit.jupiter.api.Test;

/**
 * The realistic guest of docs/performance.md ("C benchmark guest"): {@link #SOURCE}, compiled by gcc -m32 -O2
 * freestanding, linked once as a Denali image (ends in terminate) and once as a Linux executable (ends in
 * exit). Checks that the emulated checksum equals the native one, so the MIPS measured on this guest are MIPS of
 * correct execution; never asserts a speed. To measure: build it as below with ROUNDS=400 (about 330 million
 * instructions) and run {@code denali bench cpu bench.elf}.
 */
class CBenchmarkGuestTest {
    /** Sorting, hashing, CRC, string scanning and a small matrix product; main returns a checksum. */
    static final String SOURCE = """
        /* A CPU-bound C guest for `denali bench cpu FILE`: sorting, hashing, string scanning and a small matrix product,
           the kinds of loops gcc -m32 -O2 emits for real programs. Returns a checksum in eax (terminate's exit code). */
        typedef unsigned int u32;
        typedef unsigned char u8;

        #define N 512
        static int data[N];
        static u8 text[4096];
        static int ma[16][16], mb[16][16], mc[16][16];

        static u32 seed = 12345;
        static u32 next_random(void) { seed = seed * 1103515245u + 12345u; return seed >> 8; }

        static void fill(void) {
            for (int i = 0; i < N; i++) data[i] = (int)next_random() - 0x400000;
            for (int i = 0; i < (int)sizeof text; i++) text[i] = (u8)('a' + next_random() % 26);
            text[sizeof text - 1] = 0;
        }

        static void insertion_sort(int *a, int n) {
            for (int i = 1; i < n; i++) {
                int v = a[i], j = i - 1;
                while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
                a[j + 1] = v;
            }
        }

        static u32 fnv(const u8 *p, int n) {
            u32 h = 2166136261u;
            for (int i = 0; i < n; i++) { h ^= p[i]; h *= 16777619u; }
            return h;
        }

        static u32 crc32(const u8 *p, int n) {
            u32 c = 0xFFFFFFFFu;
            for (int i = 0; i < n; i++) {
                c ^= p[i];
                for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
            }
            return ~c;
        }

        static int count_char(const char *s, char ch) {
            int n = 0;
            while (*s) { if (*s == ch) n++; s++; }
            return n;
        }

        static void matmul(void) {
            for (int i = 0; i < 16; i++)
                for (int j = 0; j < 16; j++) {
                    int s = 0;
                    for (int k = 0; k < 16; k++) s += ma[i][k] * mb[k][j];
                    mc[i][j] = s;
                }
        }

        int main(int rounds) {
            u32 sum = 0;
            for (int r = 0; r < rounds; r++) {
                fill();
                insertion_sort(data, N);
                sum += (u32)data[r % N];
                sum = sum * 31 + fnv(text, sizeof text);
                sum = sum * 31 + crc32(text, 1024);
                sum += (u32)count_char((const char *)text, (char)('a' + r % 26));
                for (int i = 0; i < 16; i++)
                    for (int j = 0; j < 16; j++) { ma[i][j] = (int)(next_random() & 255); mb[i][j] = i - j; }
                matmul();
                sum += (u32)mc[r & 15][(r >> 4) & 15];
            }
            return (int)sum;
        }
        """;

    private static String start(int rounds, String exit) {
        return """
                .section .text.startup,"ax"
                .globl _start
            _start:
                pushl $%d
                call main
            %s
            """.formatted(rounds, exit);
    }

    @Test
    void emulatedChecksumEqualsTheNativeOne() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "cpu-bench").toAbsolutePath());
        Path source = dir.resolve("bench.c");
        Files.writeString(source, SOURCE);
        Path main = Toolchain.compileC(dir, source, new String[] {"-O2"}, "bench");
        Path denaliStart = Toolchain.assembleObject(dir, "start-denali", start(3, ".byte 0x0f, 0x0c  # terminate"));
        Path linuxStart = Toolchain.assembleObject(dir, "start-linux",
            start(3, "mov %eax, %ebx\n    mov $1, %eax\n    int $0x80"));
        Path image = Toolchain.link(dir, "bench.elf", List.of(denaliStart, main));
        Path linux = Toolchain.link(dir, "bench-linux", List.of(linuxStart, main));

        int nativeExit = Toolchain.runNative(linux).exitCode();
        CpuBenchmark.Measurement m = CpuBenchmark.measure(BenchGuest.elf(image), 100_000_000L);

        assertEquals(StopReason.TERMINATED, m.result().reason(), m.result().toString());
        assertEquals(nativeExit, m.result().value() & 0xFF, "checksum (low byte, the native exit status)");
        assertTrue(m.instructions() > 2_000_000, "three rounds run millions of instructions: " + m.instructions());
    }
}
