/* zipf.c: see zipf.h. */
#include <stdlib.h>

#include "zipf.h"

/* 2^-(2^-j) in Q32 for j = 1..16: multiplying them in per set fraction bit gives 2^-fraction. */
static const uint32_t negative_roots[16] = {
    0xB504F334u, 0xD744FCCBu, 0xEAC0C6E8u, 0xF5257D15u, 0xFA83B2DBu, 0xFD3E0C0Du, 0xFE9E115Cu, 0xFF4ECB59u,
    0xFFA75652u, 0xFFD3A752u, 0xFFE9D2B3u, 0xFFF4E91Cu, 0xFFFA747Fu, 0xFFFD3A3Bu, 0xFFFE9D1Du, 0xFFFF4E8Eu,
};

uint32_t zipf_log2_q16(uint32_t k)
{
    uint32_t integer = 31u - (uint32_t)__builtin_clz(k);
    uint64_t m = (uint64_t)k << (31 - integer); /* the mantissa in [1, 2) as Q31 */
    uint32_t fraction = 0;
    for (int bit = 15; bit >= 0; bit--) {
        m = (m * m) >> 31; /* squaring doubles the logarithm: its next bit shows as m >= 2 */
        if (m >= (1ull << 32)) {
            m >>= 1;
            fraction |= 1u << bit;
        }
    }
    return integer << 16 | fraction;
}

uint64_t zipf_exp2_neg_q16(uint64_t e)
{
    uint64_t integer = e >> 16;
    if (integer >= 32) {
        return 0;
    }
    uint64_t w = 0xFFFFFFFFull; /* 1.0 in Q32, short of one ulp so products stay within 64 bits */
    for (int j = 1; j <= 16; j++) {
        if (e & (1u << (16 - j))) {
            w = (w * negative_roots[j - 1]) >> 32;
        }
    }
    return w >> integer;
}

int zipf_init(struct zipf *zipf, uint32_t n, uint32_t alpha_milli)
{
    zipf->n = n;
    zipf->cdf = malloc(n * sizeof zipf->cdf[0]);
    if (!zipf->cdf) {
        return -1;
    }
    uint64_t sum = 0;
    for (uint32_t r = 0; r < n; r++) {
        uint64_t e = (uint64_t)alpha_milli * zipf_log2_q16(r + 1) / 1000u;
        uint64_t w = zipf_exp2_neg_q16(e);
        sum += w ? w : 1; /* every rank stays possible */
        zipf->cdf[r] = sum;
    }
    return 0;
}

uint32_t zipf_rank(const struct zipf *zipf, uint64_t random)
{
    uint64_t target = random % zipf->cdf[zipf->n - 1];
    uint32_t low = 0, high = zipf->n - 1; /* the first rank whose cdf exceeds target */
    while (low < high) {
        uint32_t mid = low + (high - low) / 2;
        if (zipf->cdf[mid] > target) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    return low;
}

uint32_t zipf_ppm(const struct zipf *zipf, uint32_t rank)
{
    uint64_t w = zipf->cdf[rank] - (rank ? zipf->cdf[rank - 1] : 0);
    return (uint32_t)(w * 1000000u / zipf->cdf[zipf->n - 1]);
}
