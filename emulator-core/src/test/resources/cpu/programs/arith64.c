#include "rt.h"

static u64 gcd(u64 a, u64 b) { while (b) { u64 t = a % b; a = b; b = t; } return a; }

static u64 isqrt(u64 n) {
    u64 x = n, y = (x + 1) / 2;
    if (n < 2) return n;
    while (y < x) { x = y; y = (x + n / x) / 2; }
    return x;
}

static u64 modpow(u64 b, u64 e, u64 m) {
    u64 r = 1;
    b %= m;
    while (e) {
        if (e & 1) r = (r * b) % m;
        b = (b * b) % m;
        e >>= 1;
    }
    return r;
}

int main(void) {
    u64 acc = 0;
    i64 sacc = 0;
    for (int i = 0; i < 200; i++) {
        u64 a = (u64)rng_next() << 32 | rng_next();
        u64 b = (u64)(rng_next() >> (i % 31)) + 1;
        i64 sa = (i64)a >> (i % 13);
        i64 sb = (i64)(i32)rng_next() | 1;
        acc += a / b + a % b + (a >> (i % 64)) + (a << (i % 50)) + a * b;
        sacc += sa / sb + sa % sb + (sa >> (i % 63)) - (sa * sb);
        if (i % 50 == 0) {
            print_u64(a); print_str(" / "); print_u64(b); print_str(" = "); print_u64(a / b);
            print_str(" r "); print_u64(a % b); print_nl();
            print_i64(sa); print_str(" / "); print_i64(sb); print_str(" = "); print_i64(sa / sb);
            print_str(" r "); print_i64(sa % sb); print_nl();
        }
    }
    print_str("acc "); print_u64(acc); print_str(" sacc "); print_i64(sacc); print_nl();
    print_str("gcd "); print_u64(gcd(1234567890123456ull, 9876543210ull)); print_nl();
    print_str("isqrt "); print_u64(isqrt(0xFFFFFFFFFFFFull)); print_nl();
    print_str("modpow "); print_u64(modpow(7, 1000003, 1000000007ull)); print_nl();
    /* 32-bit and narrow arithmetic, signed vs unsigned comparisons */
    u32 u = 0; i32 s = 0;
    short sh = 0; unsigned short ush = 0; signed char c = 0;
    for (int i = 1; i < 300; i++) {
        u32 r = rng_next();
        u += r / (u32)i + r % 97u;
        s += (i32)r / -i + (i32)r % 13;
        sh = (short)(sh * 3 + (short)r);
        ush = (unsigned short)(ush / 3 + (unsigned short)r);
        c = (signed char)(c + (signed char)r);
        if ((i32)r < 0 && r > 0x80000000u) u ^= 1u << (i % 32);
    }
    print_str("narrow "); print_u32(u); print_str(" "); print_i32(s); print_str(" "); print_i32(sh);
    print_str(" "); print_u32(ush); print_str(" "); print_i32(c); print_nl();
    i64 mn = (i64)0x8000000000000000ull;
    print_i64(mn / 3); print_str(" "); print_i64(mn % 1000); print_str(" "); print_u64((u64)mn >> 1); print_nl();
    return 0;
}
