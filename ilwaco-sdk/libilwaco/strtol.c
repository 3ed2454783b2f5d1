/* strtol.c: string to integer conversions with C99 rules (base 0 detects 0x / 0 prefixes; ERANGE clamps). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

static int digit_value(int c)
{
    if (isdigit(c)) return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* Parses the magnitude; *negative gets the sign, *overflow is set if it exceeds `limit`. */
static uint64_t parse(const char *s, char **end, int base, uint64_t limit, int *negative, int *overflow)
{
    const char *p = s;
    *negative = 0;
    *overflow = 0;
    while (isspace((unsigned char)*p)) {
        p++;
    }
    if (*p == '+' || *p == '-') {
        *negative = *p == '-';
        p++;
    }
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    if (base < 2 || base > 36) {
        errno = EINVAL;
        if (end) *end = (char *)s;
        return 0;
    }
    const char *digits = p;
    uint64_t value = 0;
    for (; digit_value((unsigned char)*p) < base; p++) {
        uint64_t d = (uint64_t)digit_value((unsigned char)*p);
        if (value > (limit - d) / (uint64_t)base) {
            *overflow = 1;
        } else {
            value = value * (uint64_t)base + d;
        }
    }
    if (end) {
        *end = (char *)(p == digits ? s : p); /* no digits: nothing was converted */
    }
    return value;
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
    int negative, overflow;
    uint64_t magnitude = parse(s, end, base, (uint64_t)LLONG_MAX + 1, &negative, &overflow);
    if (overflow || (!negative && magnitude > (uint64_t)LLONG_MAX)) {
        errno = ERANGE;
        return negative ? LLONG_MIN : LLONG_MAX;
    }
    return negative ? (long long)(0 - magnitude) : (long long)magnitude;
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
    int negative, overflow;
    uint64_t magnitude = parse(s, end, base, UINT64_MAX, &negative, &overflow);
    if (overflow) {
        errno = ERANGE;
        return UINT64_MAX;
    }
    return negative ? 0 - magnitude : magnitude;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
    int negative, overflow;
    uint64_t magnitude = parse(s, end, base, (uint64_t)LONG_MAX + 1, &negative, &overflow);
    if (overflow || (!negative && magnitude > (uint64_t)LONG_MAX)) {
        errno = ERANGE;
        return negative ? LONG_MIN : LONG_MAX;
    }
    return negative ? (long)(0 - (uint32_t)magnitude) : (long)magnitude;
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
    int negative, overflow;
    uint64_t magnitude = parse(s, end, base, ULONG_MAX, &negative, &overflow);
    if (overflow) {
        errno = ERANGE;
        return ULONG_MAX;
    }
    return negative ? (unsigned long)(0 - (uint32_t)magnitude) : (unsigned long)magnitude;
}

int atoi(const char *s)
{
    return (int)strtol(s, 0, 10);
}

long atol(const char *s)
{
    return strtol(s, 0, 10);
}
