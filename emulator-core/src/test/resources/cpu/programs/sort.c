#include "rt.h"

#define N 3000
static i32 data[N];
static i32 copy[N];

static void quicksort(i32 *a, int lo, int hi) {
    while (lo < hi) {
        i32 pivot = a[(lo + hi) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                i32 t = a[i]; a[i] = a[j]; a[j] = t;
                i++; j--;
            }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
        else { quicksort(a, i, hi); hi = j; }
    }
}

static int compare_unsigned(const void *x, const void *y) {
    u32 a = *(const u32 *)x, b = *(const u32 *)y;
    return a < b ? -1 : a > b;
}

static void insertion_sort(void *base, int n, int (*cmp)(const void *, const void *)) {
    u32 *a = base;
    for (int i = 1; i < n; i++) {
        u32 v = a[i];
        int j = i - 1;
        while (j >= 0 && cmp(&a[j], &v) > 0) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

static int binary_search(const i32 *a, int n, i32 key) {
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + ((hi - lo) >> 1);
        if (a[mid] == key) return mid;
        if (a[mid] < key) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
}

int main(void) {
    u32 sum = 0;
    for (int i = 0; i < N; i++) data[i] = (i32)rng_next() >> (i % 7);
    memcpy(copy, data, sizeof data);
    quicksort(data, 0, N - 1);
    int sorted = 1;
    for (int i = 1; i < N; i++) if (data[i - 1] > data[i]) sorted = 0;
    for (int i = 0; i < N; i++) sum = sum * 31 + (u32)data[i];
    print_str("quicksort sorted="); print_i32(sorted); print_str(" sum="); print_hex(sum); print_nl();
    insertion_sort(copy, 600, compare_unsigned);
    sum = 0;
    for (int i = 0; i < 600; i++) sum = (sum << 3 | sum >> 29) ^ (u32)copy[i];
    print_str("insertion sum="); print_hex(sum); print_nl();
    int found = 0;
    for (int i = 0; i < N; i += 37) found += binary_search(data, N, data[i]) >= 0;
    print_str("found="); print_i32(found); print_str(" min="); print_i32(data[0]);
    print_str(" max="); print_i32(data[N - 1]); print_nl();
    return sorted ? 0 : 3;
}
