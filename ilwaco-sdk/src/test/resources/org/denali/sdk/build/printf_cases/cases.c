/*
 * The same source is built as a Denali guest (Ilwaco's printf) and natively against the host's glibc;
 * the JUnit test requires identical output. Only types whose size agrees on i386 and x86-64 are used.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static const char *const int_formats[] = {
    "%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%+5d", "%-+6d|", "%.3d", "%8.3d", "%-8.3d|", "%08.3d",
    "%.0d", "%+.0d", "%5.0d", "%u", "%10u", "%x", "%X", "%#x", "%#X", "%#10x", "%#010x", "%-#10x|", "%o", "%#o",
    "%#.3o", "%#5o", "%.0x", "%#.0x", "%#.0o", "%hhd", "%hhu", "%hhx", "%hd", "%hu", "%hx", "%+hhd", "%0+8d",
};
static const int int_values[] = {0, 1, -1, 7, 42, -42, 255, -255, 128, -129, 65535, 65536, 100000,
                                 INT_MAX, INT_MIN};

static const char *const ll_formats[] = {"%lld", "%llu", "%llx", "%#llX", "%llo", "%20lld", "%-22lld|",
                                         "%+lld", "%.25lld", "%022llu"};
static const long long ll_values[] = {0, 1, -1, 4294967296LL, -4294967296LL, 1234567890123456789LL,
                                      LLONG_MAX, LLONG_MIN};

static const char *const string_formats[] = {"%s", "%10s", "%-10s|", "%.2s", "%10.3s", "%-10.3s|", "%.0s", "%.10s"};
static const char *const strings[] = {"", "a", "denali", "isolation kernel"};

int main(void)
{
    int line = 0;
    for (unsigned f = 0; f < sizeof int_formats / sizeof int_formats[0]; f++) {
        for (unsigned v = 0; v < sizeof int_values / sizeof int_values[0]; v++) {
            printf("%d [", line++);
            printf(int_formats[f], int_values[v]);
            printf("]\n");
        }
    }
    for (unsigned f = 0; f < sizeof ll_formats / sizeof ll_formats[0]; f++) {
        for (unsigned v = 0; v < sizeof ll_values / sizeof ll_values[0]; v++) {
            printf("%d [", line++);
            printf(ll_formats[f], ll_values[v]);
            printf("]\n");
        }
    }
    for (unsigned f = 0; f < sizeof string_formats / sizeof string_formats[0]; f++) {
        for (unsigned v = 0; v < sizeof strings / sizeof strings[0]; v++) {
            printf("%d [", line++);
            printf(string_formats[f], strings[v]);
            printf("]\n");
        }
    }
    printf("%d [%c%c%c] [%5c] [%-3c|] [%%] [%*d] [%-*d|] [%.*d] [%zu] [%zx]\n", line++, 'D', 'N', 'L', 'x', 'y',
           6, 42, 6, 42, 4, 7, (size_t)4096, (size_t)65535);
    return 0;
}
