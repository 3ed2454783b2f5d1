#include "rt.h"

void write_out(const char *p, int n) {
    int r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(4), "b"(1), "c"(p), "d"(n) : "memory");
}

void sys_exit(int code) {
    __asm__ volatile("int $0x80" : : "a"(1), "b"(code) : "memory");
    for (;;) {
    }
}

u32 strlen(const char *s) {
    u32 n = 0;
    while (s[n]) n++;
    return n;
}

void print_str(const char *s) { write_out(s, strlen(s)); }
void print_nl(void) { write_out("\n", 1); }

/* 64-bit division helpers libgcc would provide (no 32-bit libgcc on the host): shift-subtract. */
u64 __udivmoddi4(u64 n, u64 d, u64 *rem) {
    u64 q = 0, r = 0;
    int i;
    if (d == 0) {
        *(volatile int *)0 = 0; /* the tests never divide by zero */
    }
    for (i = 63; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= (u64)1 << i;
        }
    }
    if (rem) *rem = r;
    return q;
}
u64 __udivdi3(u64 n, u64 d) { return __udivmoddi4(n, d, 0); }
u64 __umoddi3(u64 n, u64 d) { u64 r; __udivmoddi4(n, d, &r); return r; }
i64 __divdi3(i64 n, i64 d) {
    int neg = (n < 0) ^ (d < 0);
    u64 q = __udivmoddi4(n < 0 ? -(u64)n : (u64)n, d < 0 ? -(u64)d : (u64)d, 0);
    return neg ? -(i64)q : (i64)q;
}
i64 __moddi3(i64 n, i64 d) {
    u64 r;
    __udivmoddi4(n < 0 ? -(u64)n : (u64)n, d < 0 ? -(u64)d : (u64)d, &r);
    return n < 0 ? -(i64)r : (i64)r;
}
i64 __divmoddi4(i64 n, i64 d, i64 *rem) {
    i64 q = __divdi3(n, d);
    if (rem) *rem = n - q * d;
    return q;
}

void print_u64(u64 v) {
    char buf[24];
    int i = 23;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    print_str(buf + i);
}
void print_i64(i64 v) {
    if (v < 0) {
        write_out("-", 1);
        print_u64(-(u64)v);
    } else {
        print_u64((u64)v);
    }
}
void print_u32(u32 v) {
    char buf[12];
    int i = 11;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    print_str(buf + i);
}
void print_i32(i32 v) {
    if (v < 0) {
        write_out("-", 1);
        print_u32(-(u32)v);
    } else {
        print_u32((u32)v);
    }
}
void print_hex(u32 v) {
    char buf[9];
    int i;
    for (i = 7; i >= 0; i--) {
        buf[i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    }
    buf[8] = 0;
    print_str(buf);
}

void *memcpy(void *d, const void *s, u32 n) {
    u8 *dp = d;
    const u8 *sp = s;
    while (n--) *dp++ = *sp++;
    return d;
}
void *memmove(void *d, const void *s, u32 n) {
    u8 *dp = d;
    const u8 *sp = s;
    if (dp < sp) {
        while (n--) *dp++ = *sp++;
    } else {
        while (n--) dp[n] = sp[n];
    }
    return d;
}
void *memset(void *d, int c, u32 n) {
    u8 *dp = d;
    while (n--) *dp++ = (u8)c;
    return d;
}
int memcmp(const void *a, const void *b, u32 n) {
    const u8 *x = a, *y = b;
    for (; n; n--, x++, y++) {
        if (*x != *y) return *x - *y;
    }
    return 0;
}

static u32 rng_state = 12345;
u32 rng_next(void) {
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state ^ (rng_state >> 16);
}
