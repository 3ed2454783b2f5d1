#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

void test_strings(void)
{
    char buf[64];
    CHECK(strlen("") == 0);
    CHECK(strlen("denali") == 6);
    CHECK(strnlen("denali", 3) == 3);
    CHECK(strcmp("abc", "abc") == 0);
    CHECK(strcmp("abc", "abd") < 0);
    CHECK(strcmp("b", "abc") > 0);
    CHECK(strcmp("\xff", "a") > 0); /* compared as unsigned char */
    CHECK(strncmp("abcdef", "abcxyz", 3) == 0);
    CHECK(strncmp("abcdef", "abcxyz", 4) < 0);
    CHECK(strcasecmp("HeLLo", "hello") == 0);
    CHECK(strncasecmp("HELLOx", "helloy", 5) == 0);
    CHECK_STR(strcpy(buf, "ilwaco"), "ilwaco");
    CHECK_STR(strcat(buf, "-os"), "ilwaco-os");
    memset(buf, 'x', sizeof buf);
    strncpy(buf, "ab", 5);
    CHECK(buf[0] == 'a' && buf[1] == 'b' && buf[2] == 0 && buf[4] == 0 && buf[5] == 'x');
    CHECK(strlcpy(buf, "truncated", 5) == 9);
    CHECK_STR(buf, "trun");
    strcpy(buf, "a");
    CHECK_STR(strncat(buf, "bcdef", 2), "abc");
    const char *s = "hello world";
    CHECK(strchr(s, 'o') == s + 4);
    CHECK(strchr(s, 0) == s + 11);
    CHECK(strchr(s, 'z') == 0);
    CHECK(strrchr(s, 'o') == s + 7);
    CHECK(strstr(s, "world") == s + 6);
    CHECK(strstr(s, "") == s);
    CHECK(strstr(s, "worlds") == 0);
    CHECK(strspn("aabbc", "ab") == 4);
    CHECK(strcspn("hello", "lo") == 2);
    CHECK(strpbrk("hello", "ol") == (char *)"hello" + 2 || *strpbrk("hello", "ol") == 'l');

    memset(buf, 0, sizeof buf);
    memcpy(buf, "0123456789", 10);
    memmove(buf + 2, buf, 8); /* overlapping, forwards */
    CHECK_STR(buf, "0101234567");
    memmove(buf, buf + 2, 8); /* overlapping, backwards */
    CHECK(memcmp(buf, "01234567", 8) == 0);
    CHECK(memcmp("abc", "abd", 3) < 0);
    CHECK(memchr("abcdef", 'd', 6) != 0 && *(char *)memchr("abcdef", 'd', 6) == 'd');
    CHECK(memchr("abcdef", 'd', 3) == 0);

    char *copy = strdup("duplicate me");
    CHECK(copy != 0 && strcmp(copy, "duplicate me") == 0);
    free(copy);
    copy = strndup("duplicate", 3);
    CHECK_STR(copy, "dup");
    free(copy);

    char line[] = "  alpha,beta;;gamma ";
    char *save;
    CHECK_STR(strtok_r(line, " ,;", &save), "alpha");
    CHECK_STR(strtok_r(0, " ,;", &save), "beta");
    CHECK_STR(strtok_r(0, " ,;", &save), "gamma");
    CHECK(strtok_r(0, " ,;", &save) == 0);

    CHECK(isdigit('7') && !isdigit('a') && isalpha('Q') && isspace('\n') && !isspace('x'));
    CHECK(isxdigit('F') && !isxdigit('g') && ispunct('!') && !ispunct('a') && isupper('A') && islower('z'));
    CHECK(toupper('a') == 'A' && tolower('Z') == 'z' && toupper('1') == '1' && !isprint('\t') && isprint(' '));
}
