#include "rt.h"

static u8 buffer[8192];
static u32 crc_table[256];

static u32 fnv1a(const u8 *p, u32 n) {
    u32 h = 2166136261u;
    while (n--) { h ^= *p++; h *= 16777619u; }
    return h;
}

static u64 fnv1a64(const u8 *p, u32 n) {
    u64 h = 14695981039346656037ull;
    while (n--) { h ^= *p++; h *= 1099511628211ull; }
    return h;
}

static void crc_init(void) {
    for (u32 i = 0; i < 256; i++) {
        u32 c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static u32 crc32(const u8 *p, u32 n) {
    u32 c = 0xFFFFFFFFu;
    while (n--) c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static u32 crc32_bitwise(const u8 *p, u32 n) {
    u32 c = 0xFFFFFFFFu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
    }
    return ~c;
}

static u32 adler32(const u8 *p, u32 n) {
    u32 a = 1, b = 0;
    while (n--) { a = (a + *p++) % 65521; b = (b + a) % 65521; }
    return b << 16 | a;
}

static u32 rotl(u32 x, int r) { return x << r | x >> (32 - r); }

static u32 murmur_mix(u32 h) {
    h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16;
    return h;
}

int main(void) {
    for (u32 i = 0; i < sizeof buffer; i++) buffer[i] = (u8)(rng_next() >> 8);
    crc_init();
    print_str("fnv1a="); print_hex(fnv1a(buffer, sizeof buffer)); print_nl();
    u64 h64 = fnv1a64(buffer, sizeof buffer);
    print_str("fnv1a64="); print_hex((u32)(h64 >> 32)); print_hex((u32)h64); print_nl();
    print_str("crc32="); print_hex(crc32(buffer, sizeof buffer)); print_nl();
    print_str("crc32b="); print_hex(crc32_bitwise(buffer, 1024)); print_nl();
    print_str("adler32="); print_hex(adler32(buffer, sizeof buffer)); print_nl();
    u32 m = 0;
    for (u32 i = 0; i < 5000; i++) m = rotl(m, 5) ^ murmur_mix(i * 2654435761u);
    print_str("murmur="); print_hex(m); print_nl();
    return 0;
}
