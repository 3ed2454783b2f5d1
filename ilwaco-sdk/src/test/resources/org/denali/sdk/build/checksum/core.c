/*
 * A freestanding computation with no library calls, built two ways: as a Denali guest with `denali build`
 * and with gcc -m32 -ffreestanding -nostdlib + a Linux int 0x80 shim run natively. Both must print the
 * same checksum. It mixes sorting, CRC-32, 64-bit multiply/shift arithmetic, recursion, switch tables
 * and byte/halfword memory traffic so that a compiler- or CPU-level divergence changes the result.
 */
#include <stdint.h>

#define N 512

static uint32_t lcg_state = 12345;
static uint32_t next(void)
{
    lcg_state = lcg_state * 1103515245u + 12345u;
    return lcg_state >> 1;
}

static uint32_t crc32(const uint8_t *data, uint32_t length)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < length; i++) {
        crc ^= data[i];
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
        }
    }
    return ~crc;
}

static uint32_t fib(uint32_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static int classify(uint32_t v)
{
    switch (v % 9) {
    case 0: return 3;
    case 1: return -7;
    case 2: return 11;
    case 3: return 0;
    case 4: return 5;
    case 5: return -2;
    case 6: return 17;
    case 7: return 1;
    default: return -13;
    }
}

uint32_t checksum_core(void)
{
    static int32_t values[N];
    static uint16_t halves[N];
    for (int i = 0; i < N; i++) {
        values[i] = (int32_t)next() - 0x20000000;
        halves[i] = (uint16_t)next();
    }
    for (int i = 1; i < N; i++) { /* insertion sort */
        int32_t v = values[i];
        int j = i - 1;
        while (j >= 0 && values[j] > v) {
            values[j + 1] = values[j];
            j--;
        }
        values[j + 1] = v;
    }
    uint64_t mix = 0x9E3779B97F4A7C15ull;
    int64_t signed_sum = 0;
    for (int i = 0; i < N; i++) {
        mix ^= (uint64_t)(uint32_t)values[i] * 0xFF51AFD7ED558CCDull;
        mix = (mix << 13) | (mix >> 51);
        signed_sum += (int64_t)values[i] * halves[i] - classify((uint32_t)values[i]);
    }
    uint32_t crc = crc32((const uint8_t *)values, sizeof values) ^ crc32((const uint8_t *)halves, sizeof halves);
    return crc ^ (uint32_t)mix ^ (uint32_t)(mix >> 32) ^ (uint32_t)signed_sum ^ (uint32_t)(signed_sum >> 40)
        ^ fib(20);
}
