/*
 * zipf.h: Zipf-distributed ranks without floating point (Denali's virtual CPU has no FPU): rank r
 * (0 = most popular) of n has probability proportional to 1 / (r + 1)^alpha, alpha given in thousandths.
 * Weights are computed in fixed point (Q16 logarithms, Q32 powers of two), accurate to about 1e-4.
 */
#ifndef LOADGEN_ZIPF_H
#define LOADGEN_ZIPF_H

#include <stdint.h>

struct zipf {
    uint32_t n;
    uint64_t *cdf;  /* cdf[r] = sum of the weights of ranks 0..r */
};

/* Prepares the distribution over n >= 1 ranks; 0, or -1 if out of memory. */
int zipf_init(struct zipf *zipf, uint32_t n, uint32_t alpha_milli);

/* The rank for a uniformly distributed 64-bit random number. */
uint32_t zipf_rank(const struct zipf *zipf, uint64_t random);

/* The probability of `rank` in parts per million. */
uint32_t zipf_ppm(const struct zipf *zipf, uint32_t rank);

/* log2(k) in Q16 for k >= 1, and 2^-(e / 65536) in Q32 (exposed for tests). */
uint32_t zipf_log2_q16(uint32_t k);
uint64_t zipf_exp2_neg_q16(uint64_t e);

/* xorshift64*: a fast generator whose state must not be 0. */
static inline uint64_t zipf_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

#endif
