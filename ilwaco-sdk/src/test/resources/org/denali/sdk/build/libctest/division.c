#include <stdint.h>

#include "check.h"

/* 64-bit division goes through libilwaco's __udivdi3 & co. The JUnit test recomputes every printed
   line with Java's long arithmetic; here we only print, with operands the compiler cannot fold. */
static volatile uint64_t operands[] = {
    0, 1, 2, 3, 7, 10, 0xFFFFFFFFull, 0x100000000ull, 0x123456789ABCDEFull, 0x7FFFFFFFFFFFFFFFull,
    0x8000000000000000ull, 0xFFFFFFFFFFFFFFFFull, 1000000007ull, 0xDEADBEEFCAFEBABEull, 12345678901234567ull,
};

void test_division(void)
{
    int n = sizeof operands / sizeof operands[0];
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            uint64_t a = operands[i], b = operands[j];
            if (b == 0) {
                continue;
            }
            int64_t sa = (int64_t)a, sb = (int64_t)b;
            if (sa == INT64_MIN && sb == -1) {
                continue; /* overflows in C as on the CPU */
            }
            printf("div %llu %llu %llu %llu %lld %lld\n", a, b, a / b, a % b, sa / sb, sa % sb);
        }
    }
    CHECK(1);
}
