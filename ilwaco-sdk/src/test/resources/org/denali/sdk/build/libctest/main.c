/* Runs every libc check inside the guest; the JUnit test reads the "N passed, M failed" line. */
#include "check.h"

int checks_passed, checks_failed;

void check(int ok, const char *what, const char *file, int line)
{
    if (ok) {
        checks_passed++;
    } else {
        checks_failed++;
        printf("FAIL %s:%d: %s\n", file, line, what);
    }
}

void check_str(const char *actual, const char *expected, const char *file, int line)
{
    if (strcmp(actual, expected) == 0) {
        checks_passed++;
    } else {
        checks_failed++;
        printf("FAIL %s:%d: got \"%s\", expected \"%s\"\n", file, line, actual, expected);
    }
}

int main(void)
{
    test_strings();
    test_printf();
    test_stdlib();
    test_malloc();
    test_division();
    test_threads();
    printf("%d passed, %d failed\n", checks_passed, checks_failed);
    return checks_failed == 0 ? 0 : 1;
}
