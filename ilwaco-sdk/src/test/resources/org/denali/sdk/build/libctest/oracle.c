/*
 * The oracle section: results of libc calls printed as "oracle: ..." lines. LibcGuestTest compiles this
 * same file natively against glibc (gcc -DORACLE_NATIVE, 64-bit: no i386 glibc is installed) and
 * requires the guest's lines to be identical. So only types of the same width on both sides are printed
 * (int, long long, unsigned long long, pointer differences as int), and nothing depends on rand().
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef ORACLE_NATIVE
#define OUT(...) printf(__VA_ARGS__)
#else
#include "check.h"
#define OUT(...) printf(__VA_ARGS__)
#endif

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static void ctype_table(void)
{
    /* Every byte value and EOF through every classifier: one line per value, a letter per class. */
    for (int c = -1; c < 256; c++) {
        OUT("oracle: ctype %d %c%c%c%c%c%c%c%c%c%c%c%c %d %d\n", c,
            isalnum(c) ? 'n' : '-', isalpha(c) ? 'a' : '-', isblank(c) ? 'b' : '-', iscntrl(c) ? 'c' : '-',
            isdigit(c) ? 'd' : '-', isgraph(c) ? 'g' : '-', islower(c) ? 'l' : '-', isprint(c) ? 'p' : '-',
            ispunct(c) ? 'u' : '-', isspace(c) ? 's' : '-', isupper(c) ? 'U' : '-', isxdigit(c) ? 'x' : '-',
            tolower(c), toupper(c));
    }
}

static void conversions(void)
{
    static const char *const inputs[] = {
        "0", "42", "-42", "+7", "  \t\v\f 19", "0x1f", "0X1F", "0x", "0xg", "017", "08", "z", "Z", "zz",
        "-", "+", "", "   ", "12abc", "-0", "2147483647", "-2147483648", "4294967295", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
        "18446744073709551616", "99999999999999999999999", "-1", "0b101", "  -0x10", "1e5", "007", "0x7fffffffffffffff",
    };
    static const int bases[] = {0, 2, 8, 10, 16, 36};
    for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        for (unsigned b = 0; b < sizeof bases / sizeof bases[0]; b++) {
            char *end;
            errno = 0;
            long long v = strtoll(inputs[i], &end, bases[b]);
            int e1 = errno;
            int used1 = (int)(end - inputs[i]);
            errno = 0;
            unsigned long long u = strtoull(inputs[i], &end, bases[b]);
            int e2 = errno;
            int used2 = (int)(end - inputs[i]);
            OUT("oracle: strto \"%s\" base %d: ll %lld used %d %s, ull %llu used %d %s\n", inputs[i], bases[b], v,
                used1, e1 == ERANGE ? "ERANGE" : e1 ? "error" : "ok", u, used2,
                e2 == ERANGE ? "ERANGE" : e2 ? "error" : "ok");
        }
        OUT("oracle: atoi \"%s\" %d\n", inputs[i], (int)strlen(inputs[i]) < 10 ? atoi(inputs[i]) : 0);
    }
}

static void strings(void)
{
    static const char *const words[] = {"", "a", "ab", "abc", "abd", "ABC", "b", "\x80", "\xff", "a\xff", "abcdef"};
    int n = sizeof words / sizeof words[0];
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            OUT("oracle: cmp %d %d: %d %d %d %d %d\n", i, j, sign(strcmp(words[i], words[j])),
                sign(strncmp(words[i], words[j], 2)), sign(strcasecmp(words[i], words[j])),
                sign(memcmp(words[i], words[j], 1)), sign(strncasecmp(words[i], words[j], 1)));
        }
    }
    static const char hay[] = "the quick brown fox jumps over the lazy dog";
    static const char *const needles[] = {"the", "dog", "o", "", "cat", "lazy dog", "g", "the quick brown fox jumps over the lazy dog!", " "};
    for (unsigned i = 0; i < sizeof needles / sizeof needles[0]; i++) {
        const char *f = strstr(hay, needles[i]);
        OUT("oracle: strstr \"%s\" %d span %d cspan %d\n", needles[i], f ? (int)(f - hay) : -1,
            (int)strspn(hay, needles[i]), (int)strcspn(hay, needles[i]));
    }
    for (int c = 0; c < 128; c += 5) {
        const char *l = strchr(hay, c), *r = strrchr(hay, c);
        const char *m = memchr(hay, c, sizeof hay);
        OUT("oracle: chr %d %d %d %d\n", c, l ? (int)(l - hay) : -1, r ? (int)(r - hay) : -1, m ? (int)(m - hay) : -1);
    }
    /* memmove across every overlap distance, both directions */
    for (int shift = -7; shift <= 7; shift++) {
        char buf[32];
        for (int i = 0; i < 32; i++) buf[i] = (char)('A' + i);
        memmove(buf + 8 + shift, buf + 8, 12);
        buf[31] = 0;
        OUT("oracle: memmove %d %s\n", shift, buf);
    }
}

static unsigned next_value = 12345;
static int lcg(void)
{
    next_value = next_value * 1103515245u + 12345u;
    return (int)(next_value >> 16 & 0x7fff);
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void sorting(void)
{
    for (int n = 0; n <= 40; n += 5) {
        int values[40];
        for (int i = 0; i < n; i++) values[i] = lcg() % 50 - 25;
        qsort(values, (size_t)n, sizeof values[0], compare_ints);
        OUT("oracle: qsort %d:", n);
        for (int i = 0; i < n; i++) OUT(" %d", values[i]);
        OUT("\n");
        int key = 3;
        int *hit = n ? bsearch(&key, values, (size_t)n, sizeof values[0], compare_ints) : 0;
        OUT("oracle: bsearch %d %s\n", n, hit && *hit == key ? "found" : "absent");
    }
    const char *names[] = {"passt", "denali", "ilwaco", "Zipf", "httpd", "loadgen", "alpha", "", "denali2"};
    qsort(names, sizeof names / sizeof names[0], sizeof names[0], compare_strings);
    OUT("oracle: qsort strings:");
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) OUT(" [%s]", names[i]);
    OUT("\n");
}

static void formatting(void)
{
    char buf[16];
    static const char *const texts[] = {"", "x", "exactly15chars!", "sixteen chars!!!", "much longer than the buffer"};
    for (unsigned i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        for (int size = 0; size <= 16; size += 4) {
            memset(buf, '#', sizeof buf);
            int n = snprintf(buf, (size_t)size, "%s|%d", texts[i], (int)i);
            buf[15] = 0;
            OUT("oracle: snprintf \"%s\" size %d returns %d buf [%s]\n", texts[i], size, n, size ? buf : "(untouched)");
        }
    }
    static const long long numbers[] = {0, 1, -1, 7, 100, -255, 65535, 2147483647LL, -2147483648LL, 4294967296LL,
                                        9223372036854775807LL, -9223372036854775807LL - 1};
    static const char *const formats[] = {"[%lld]", "[%20lld]", "[%-20lld|]", "[%+lld]", "[% lld]", "[%020lld]",
                                          "[%.25lld]", "[%llx]", "[%#llo]", "[%#20llX]", "[%-#20llx|]", "[%.0lld]"};
    for (unsigned f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        for (unsigned i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
            OUT("oracle: %s %lld -> ", formats[f], numbers[i]);
            OUT(formats[f], numbers[i]);
            OUT("\n");
        }
    }
}

static void division(void)
{
    static volatile unsigned long long a[] = {0, 1, 5, 0xFFFFFFFFull, 0x100000001ull, 0xFFFFFFFFFFFFFFFFull,
                                              0x8000000000000000ull, 987654321987654321ull};
    static volatile long long s[] = {-1, -7, 3, -0x7FFFFFFFFFFFFFFFLL, 0x123456789LL, -1000000007LL};
    for (unsigned i = 0; i < sizeof a / sizeof a[0]; i++) {
        for (unsigned j = 0; j < sizeof s / sizeof s[0]; j++) {
            long long x = (long long)a[i], y = s[j];
            if (x == LLONG_MIN && y == -1) continue;
            OUT("oracle: div %lld / %lld = %lld r %lld; %llu / %llu = %llu r %llu; shifts %llu %lld\n", x, y, x / y,
                x % y, a[i], (unsigned long long)y, a[i] / (unsigned long long)y, a[i] % (unsigned long long)y,
                a[i] >> (j * 9 % 64), x >> (i * 7 % 64));
        }
    }
}

void oracle(void)
{
    ctype_table();
    conversions();
    strings();
    sorting();
    formatting();
    division();
    OUT("oracle: end\n");
}

#ifdef ORACLE_NATIVE
int main(void)
{
    oracle();
    return 0;
}
#endif
