/* ctype over every byte value and EOF, against the ASCII definitions (glibc's "C" locale agrees: the
   oracle lines compare the whole table with a native build as well). */
#include <ctype.h>

#include "check.h"

void test_ctype(void)
{
    int digits = 0, alphas = 0, spaces = 0, puncts = 0, prints = 0, cntrls = 0, consistent = 1, high_empty = 1;
    for (int c = 0; c < 256; c++) {
        digits += isdigit(c) != 0;
        alphas += isalpha(c) != 0;
        spaces += isspace(c) != 0;
        puncts += ispunct(c) != 0;
        prints += isprint(c) != 0;
        cntrls += iscntrl(c) != 0;
        /* the classes' textbook relations */
        consistent &= !isalnum(c) == !(isalpha(c) || isdigit(c));
        consistent &= !isgraph(c) == !(isprint(c) && c != ' ');
        consistent &= !ispunct(c) == !(isgraph(c) && !isalnum(c));
        consistent &= !isprint(c) != !iscntrl(c) || c >= 128;
        consistent &= (isupper(c) ? tolower(c) == c + 32 && toupper(tolower(c)) == c : tolower(c) == c);
        if (c >= 128) {
            high_empty &= !isalnum(c) && !isspace(c) && !isprint(c) && !iscntrl(c) && toupper(c) == c;
        }
    }
    CHECK(digits == 10);
    CHECK(alphas == 52);
    CHECK(spaces == 6);
    CHECK(puncts == 32);
    CHECK(prints == 95);
    CHECK(cntrls == 33);
    CHECK(consistent);
    CHECK(high_empty);
    CHECK(!isalpha(EOF) && !isspace(EOF) && tolower(EOF) == EOF && toupper(EOF) == EOF);
    CHECK(isblank(' ') && isblank('\t') && !isblank('\n'));
    CHECK(isxdigit('0') && isxdigit('a') && isxdigit('F') && !isxdigit('G') && !isxdigit('x'));
}
