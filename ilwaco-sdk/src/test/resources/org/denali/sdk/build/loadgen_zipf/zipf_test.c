/*
 * Prints what examples/loadgen/zipf.c computes, for LoadgenZipfTest to compare with exact arithmetic:
 * "log2 K VALUE_Q16", "exp2 E VALUE_Q32", "ppm N ALPHA RANK PPM" and "sample N ALPHA DRAWS COUNT0 COUNT1 ...".
 */
#include <stdio.h>

#include "zipf.h"

int main(void)
{
    static const uint32_t ks[] = {1, 2, 3, 10, 100, 1000, 4095, 65536, 1000000, 4000000000u};
    for (unsigned i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        printf("log2 %u %u\n", ks[i], zipf_log2_q16(ks[i]));
    }
    static const uint32_t es[] = {0, 1, 32768, 65536, 100000, 655360, 1000000, 2000000};
    for (unsigned i = 0; i < sizeof es / sizeof es[0]; i++) {
        printf("exp2 %u %llu\n", es[i], zipf_exp2_neg_q16(es[i]));
    }
    static const uint32_t configs[][2] = {{3, 1000}, {100, 800}, {100, 1000}, {1000, 1200}, {10, 500}};
    for (unsigned c = 0; c < sizeof configs / sizeof configs[0]; c++) {
        struct zipf z;
        if (zipf_init(&z, configs[c][0], configs[c][1]) < 0) {
            printf("out of memory\n");
            return 1;
        }
        for (uint32_t r = 0; r < z.n; r += z.n > 20 ? z.n / 10 : 1) {
            printf("ppm %u %u %u %u\n", z.n, configs[c][1], r, zipf_ppm(&z, r));
        }
    }
    struct zipf z;
    zipf_init(&z, 5, 1000);
    uint32_t counts[5] = {0};
    uint64_t state = 1;
    for (int i = 0; i < 100000; i++) {
        counts[zipf_rank(&z, zipf_random(&state))]++;
    }
    printf("sample 5 1000 100000 %u %u %u %u %u\n", counts[0], counts[1], counts[2], counts[3], counts[4]);
    return 0;
}
