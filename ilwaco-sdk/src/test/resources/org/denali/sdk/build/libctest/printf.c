#include <stdint.h>

#include "check.h"

static char buf[128];
#define FMT(expected, ...) (snprintf(buf, sizeof buf, __VA_ARGS__), CHECK_STR(buf, expected))

void test_printf(void)
{
    FMT("42", "%d", 42);
    FMT("-42", "%i", -42);
    FMT("4294967295", "%u", 4294967295u);
    FMT("ff FF 777", "%x %X %o", 255, 255, 511);
    FMT("[   42]", "[%5d]", 42);
    FMT("[42   ]", "[%-5d]", 42);
    FMT("[00042]", "[%05d]", 42);
    FMT("[-0042]", "[%05d]", -42);
    FMT("[+42]", "[%+d]", 42);
    FMT("[ 42]", "[% d]", 42);
    FMT("[  007]", "[%5.3d]", 7);
    FMT("[]", "[%.0d]", 0);
    FMT("0x1f 0X1F 017 0", "%#x %#X %#o %#x", 31, 31, 15, 0);
    FMT("[0x001f]", "[%#06x]", 31);
    FMT("[c] [ c]", "[%c] [%2c]", 'c', 'c');
    FMT("[abc] [  abc] [ab] [(null)]", "[%s] [%5s] [%.2s] [%s]", "abc", "abc", "abc", (char *)0);
    FMT("[   ab]", "[%*.*s]", 5, 2, "abcdef");
    FMT("[ab   ]", "[%-*s]", 5, "ab");
    FMT("100%", "%d%%", 100);
    FMT("-128 255 -1 65535", "%hhd %hhu %hd %hu", 128, 255, 65535, 65535);
    FMT("-2147483648 2147483647", "%ld %ld", (long)INT32_MIN, 2147483647L);
    FMT("-9223372036854775808", "%lld", (long long)INT64_MIN);
    FMT("18446744073709551615", "%llu", UINT64_MAX);
    FMT("ffffffffffffffff", "%llx", UINT64_MAX);
    FMT("1777777777777777777777", "%llo", UINT64_MAX);
    FMT("123456", "%zu", (size_t)123456);
    FMT("0x100000 (nil)", "%p %p", (void *)0x100000, (void *)0);
    CHECK(snprintf(buf, 4, "%s", "abcdef") == 6);
    CHECK_STR(buf, "abc");
    CHECK(snprintf(0, 0, "%d", 12345) == 5);
    char small[8];
    sprintf(small, "%03d|%s", 5, "x");
    CHECK_STR(small, "005|x");
}
