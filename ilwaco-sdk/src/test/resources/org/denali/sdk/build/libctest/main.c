/* Runs every libc check inside the guest and prints TAP; LibcGuestTest reads it (and the oracle lines). */
#include "check.h"

int checks_passed, checks_failed;

static int number(void)
{
    return checks_passed + checks_failed;
}

void check(int ok, const char *what, const char *file, int line)
{
    if (ok) {
        checks_passed++;
        printf("ok %d - %s\n", number(), what);
    } else {
        checks_failed++;
        printf("not ok %d - %s (%s:%d)\n", number(), what, file, line);
    }
}

void check_str(const char *actual, const char *expected, const char *file, int line)
{
    if (strcmp(actual, expected) == 0) {
        checks_passed++;
        printf("ok %d - \"%s\"\n", number(), expected);
    } else {
        checks_failed++;
        printf("not ok %d - got \"%s\", expected \"%s\" (%s:%d)\n", number(), actual, expected, file, line);
    }
}

int main(void)
{
    printf("# strings\n");
    test_strings();
    printf("# ctype\n");
    test_ctype();
    printf("# printf\n");
    test_printf();
    printf("# stdlib\n");
    test_stdlib();
    printf("# malloc\n");
    test_malloc();
    test_malloc_exhaustion();
    printf("# 64-bit division\n");
    test_division();
    printf("# threads\n");
    test_threads();
    printf("# mutexes and condition variables\n");
    test_sync();
    oracle();
    printf("1..%d\n", number());
    printf("%d passed, %d failed\n", checks_passed, checks_failed);
    return checks_failed == 0 ? 0 : 1;
}
