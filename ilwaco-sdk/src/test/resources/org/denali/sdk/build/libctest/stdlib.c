#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "check.h"

static int ascending(const void *a, const void *b)
{
    int x = *(const int *)a;
    int y = *(const int *)b;
    return (x > y) - (x < y);
}

struct pair {
    int key;
    char tag[3];
};

static int by_key(const void *a, const void *b)
{
    return ((const struct pair *)a)->key - ((const struct pair *)b)->key;
}

void test_stdlib(void)
{
    char *end;
    CHECK(atoi("  -1234xyz") == -1234);
    CHECK(strtol("0x1F", &end, 0) == 31 && *end == 0);
    CHECK(strtol("017", 0, 0) == 15);
    CHECK(strtol("z", &end, 36) == 35);
    CHECK(strtol("  +99 bottles", &end, 10) == 99 && *end == ' ');
    const char *none = "hello";
    CHECK(strtol(none, &end, 10) == 0 && end == none);
    errno = 0;
    CHECK(strtol("99999999999", 0, 10) == LONG_MAX && errno == ERANGE);
    errno = 0;
    CHECK(strtol("-99999999999", 0, 10) == LONG_MIN && errno == ERANGE);
    CHECK(strtoul("4294967295", 0, 10) == 4294967295ul);
    CHECK(strtoull("18446744073709551615", 0, 10) == 18446744073709551615ull);
    CHECK(strtoll("-9223372036854775808", 0, 10) == LLONG_MIN);
    CHECK(abs(-5) == 5 && labs(-7L) == 7 && llabs(-9LL) == 9);
    CHECK(div(-7, 2).quot == -3 && div(-7, 2).rem == -1);

    /* qsort: sorted, a permutation, and stable enough for bsearch afterwards. */
    enum { N = 1000 };
    static int values[N];
    srand(42);
    long long sum_before = 0, sum_after = 0;
    for (int i = 0; i < N; i++) {
        values[i] = rand() % 500 - 250;
        sum_before += values[i];
    }
    qsort(values, N, sizeof values[0], ascending);
    int sorted = 1;
    for (int i = 0; i < N; i++) {
        sum_after += values[i];
        if (i > 0 && values[i - 1] > values[i]) {
            sorted = 0;
        }
    }
    CHECK(sorted);
    CHECK(sum_before == sum_after);
    int key = values[N / 2];
    int *found = bsearch(&key, values, N, sizeof values[0], ascending);
    CHECK(found != 0 && *found == key);
    key = 1000;
    CHECK(bsearch(&key, values, N, sizeof values[0], ascending) == 0);
    for (int i = 0; i < N; i++) { /* already sorted and reverse-sorted inputs */
        values[i] = N - i;
    }
    qsort(values, N, sizeof values[0], ascending);
    CHECK(values[0] == 1 && values[N - 1] == N);
    struct pair pairs[] = {{3, "c"}, {1, "a"}, {2, "b"}, {0, "z"}};
    qsort(pairs, 4, sizeof pairs[0], by_key);
    CHECK(pairs[0].key == 0 && pairs[1].tag[0] == 'a' && pairs[3].tag[0] == 'c');

    /* Park-Miller minimal standard: the published first values from seed 1. */
    srand(1);
    CHECK(rand() == 16807);
    CHECK(rand() == 282475249);
    CHECK(rand() == 1622650073);
}
