/*
 * divdi3.c: 64-bit division helpers. gcc -m32 calls these for 64-bit `/` and `%`; they normally come
 * from libgcc, which this host has no i386 build of, so Ilwaco provides them. Shift-and-subtract
 * long division, with a 32-bit fast path (the CPU's divl) when both operands fit.
 */
#include <stdint.h>

uint64_t __udivmoddi4(uint64_t num, uint64_t den, uint64_t *rem);
int64_t __divmoddi4(int64_t num, int64_t den, int64_t *rem);
uint64_t __udivdi3(uint64_t num, uint64_t den);
uint64_t __umoddi3(uint64_t num, uint64_t den);
int64_t __divdi3(int64_t num, int64_t den);
int64_t __moddi3(int64_t num, int64_t den);

uint64_t __udivmoddi4(uint64_t num, uint64_t den, uint64_t *rem)
{
    if (den == 0) {
        /* Divide by zero: the same #DE a 32-bit division would raise. */
        volatile uint32_t zero = 0;
        return 1u / zero;
    }
    if ((num >> 32) == 0 && (den >> 32) == 0) {
        uint32_t n = (uint32_t)num;
        uint32_t d = (uint32_t)den;
        if (rem) {
            *rem = n % d;
        }
        return n / d;
    }
    uint64_t quotient = 0;
    uint64_t remainder = 0;
    int bits = 64;
    /* Skip the leading zero bits of the numerator. */
    while (bits > 0 && (num >> 63) == 0) {
        num <<= 1;
        bits--;
    }
    for (; bits > 0; bits--) {
        remainder = (remainder << 1) | (num >> 63);
        num <<= 1;
        quotient <<= 1;
        if (remainder >= den) {
            remainder -= den;
            quotient |= 1;
        }
    }
    if (rem) {
        *rem = remainder;
    }
    return quotient;
}

int64_t __divmoddi4(int64_t num, int64_t den, int64_t *rem)
{
    int negative_quotient = (num < 0) != (den < 0);
    uint64_t n = num < 0 ? 0 - (uint64_t)num : (uint64_t)num;
    uint64_t d = den < 0 ? 0 - (uint64_t)den : (uint64_t)den;
    uint64_t r;
    uint64_t q = __udivmoddi4(n, d, &r);
    if (rem) {
        /* C truncates toward zero: the remainder takes the numerator's sign. */
        *rem = num < 0 ? -(int64_t)r : (int64_t)r;
    }
    return negative_quotient ? -(int64_t)q : (int64_t)q;
}

uint64_t __udivdi3(uint64_t num, uint64_t den)
{
    return __udivmoddi4(num, den, 0);
}

uint64_t __umoddi3(uint64_t num, uint64_t den)
{
    uint64_t r;
    __udivmoddi4(num, den, &r);
    return r;
}

int64_t __divdi3(int64_t num, int64_t den)
{
    return __divmoddi4(num, den, 0);
}

int64_t __moddi3(int64_t num, int64_t den)
{
    int64_t r;
    __divmoddi4(num, den, &r);
    return r;
}
