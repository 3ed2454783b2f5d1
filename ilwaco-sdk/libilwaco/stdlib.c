/* stdlib.c: small arithmetic helpers, sorting, searching and pseudo-random numbers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int abs(int v) { return v < 0 ? -v : v; }
long labs(long v) { return v < 0 ? -v : v; }
long long llabs(long long v) { return v < 0 ? -v : v; }

div_t div(int num, int den)
{
    div_t r = {num / den, num % den};
    return r;
}

ldiv_t ldiv(long num, long den)
{
    ldiv_t r = {num / den, num % den};
    return r;
}

static void swap_bytes(char *a, char *b, size_t size)
{
    while (size--) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

/* Insertion sort for short runs, otherwise median-of-three quicksort recursing into the smaller part
   (so the stack depth is O(log n) even for adversarial input). */
static void sort_range(char *base, size_t count, size_t size, int (*compare)(const void *, const void *))
{
    while (count > 8) {
        char *first = base;
        char *middle = base + (count / 2) * size;
        char *last = base + (count - 1) * size;
        if (compare(middle, first) < 0) swap_bytes(middle, first, size);
        if (compare(last, middle) < 0) {
            swap_bytes(last, middle, size);
            if (compare(middle, first) < 0) swap_bytes(middle, first, size);
        }
        swap_bytes(middle, last - size, size); /* pivot parked before the last element */
        char *pivot = last - size;
        char *i = first;
        char *j = pivot;
        for (;;) {
            do { i += size; } while (compare(i, pivot) < 0);
            do { j -= size; } while (compare(pivot, j) < 0);
            if (i >= j) break;
            swap_bytes(i, j, size);
        }
        swap_bytes(i, pivot, size);
        size_t left = (size_t)(i - base) / size;
        size_t right = count - left - 1;
        if (left < right) {
            sort_range(base, left, size, compare);
            base = i + size;
            count = right;
        } else {
            sort_range(i + size, right, size, compare);
            count = left;
        }
    }
    for (size_t k = 1; k < count; k++) {
        for (char *p = base + k * size; p > base && compare(p - size, p) > 0; p -= size) {
            swap_bytes(p - size, p, size);
        }
    }
}

void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *))
{
    if (count > 1 && size > 0) {
        sort_range(base, count, size, compare);
    }
}

void *bsearch(const void *key, const void *base, size_t count, size_t size,
              int (*compare)(const void *, const void *))
{
    const char *low = base;
    while (count > 0) {
        const char *middle = low + (count / 2) * size;
        int c = compare(key, middle);
        if (c == 0) {
            return (void *)middle;
        }
        if (c > 0) {
            low = middle + size;
            count -= count / 2 + 1;
        } else {
            count /= 2;
        }
    }
    return 0;
}

/* Park-Miller "minimal standard" generator via Schrage's method: 32-bit arithmetic only, deterministic. */
static uint32_t rand_state = 1;

int rand(void)
{
    int32_t hi = (int32_t)(rand_state / 127773u);
    int32_t lo = (int32_t)(rand_state % 127773u);
    int32_t next = 16807 * lo - 2836 * hi;
    if (next <= 0) {
        next += 0x7fffffff;
    }
    rand_state = (uint32_t)next;
    return next;
}

void srand(unsigned seed)
{
    seed %= 0x7fffffffu;
    rand_state = seed == 0 ? 1 : seed; /* 0 is a fixed point of the generator */
}
