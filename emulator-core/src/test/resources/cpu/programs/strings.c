#include "rt.h"

struct record { char name[24]; i32 value; u16 flags; u8 kind; };

static char text[] = "the quick brown fox jumps over the lazy dog; PACK MY BOX with five dozen liquor jugs!";

static int str_cmp(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return (u8)*a - (u8)*b;
}

static char *str_cpy(char *d, const char *s) { char *r = d; while ((*d++ = *s++)) {} return r; }

static void reverse(char *s) {
    u32 n = strlen(s);
    for (u32 i = 0; i < n / 2; i++) { char t = s[i]; s[i] = s[n - 1 - i]; s[n - 1 - i] = t; }
}

static int classify(char c) {
    switch (c) {
        case 'a': case 'e': case 'i': case 'o': case 'u': return 1;
        case ' ': return 2;
        case ';': case '!': case ',': return 3;
        default:
            if (c >= 'A' && c <= 'Z') return 4;
            if (c >= 'a' && c <= 'z') return 5;
            return 6;
    }
}

static char upper(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 32) : c; }

int main(void) {
    char buf[128];
    int counts[7] = {0};
    for (u32 i = 0; text[i]; i++) counts[classify(text[i])]++;
    print_str("classes:");
    for (int i = 1; i < 7; i++) { print_str(" "); print_i32(counts[i]); }
    print_nl();
    str_cpy(buf, text);
    reverse(buf);
    print_str(buf); print_nl();
    for (u32 i = 0; buf[i]; i++) buf[i] = upper(buf[i]);
    print_str(buf); print_nl();
    memmove(buf + 5, buf, 40);
    buf[60] = 0;
    print_str(buf); print_nl();
    memmove(buf, buf + 7, 30);
    buf[40] = 0;
    print_str(buf); print_nl();
    print_str("cmp "); print_i32(str_cmp("apple", "apricot")); print_str(" ");
    print_i32(str_cmp("same", "same")); print_str(" "); print_i32(memcmp(text, text + 1, 10) < 0); print_nl();
    struct record recs[5], copy[5];
    for (int i = 0; i < 5; i++) {
        memset(&recs[i], 0, sizeof recs[i]);
        str_cpy(recs[i].name, i & 1 ? "odd-record" : "even-record");
        recs[i].value = -1000 * i + 7;
        recs[i].flags = (u16)(0xF00F ^ (i << 4));
        recs[i].kind = (u8)(200 + i * 20);
    }
    for (int i = 0; i < 5; i++) copy[i] = recs[4 - i];
    u32 sum = 0;
    for (int i = 0; i < 5; i++) {
        sum = sum * 7 + (u32)copy[i].value + copy[i].flags + copy[i].kind + strlen(copy[i].name);
        signed char sc = (signed char)copy[i].kind;
        sum += (u32)(i32)sc;
    }
    print_str("records "); print_hex(sum); print_nl();
    /* word splitting */
    int words = 0, longest = 0, current = 0;
    for (u32 i = 0; ; i++) {
        char c = text[i];
        if (c == ' ' || c == 0) {
            if (current) words++;
            if (current > longest) longest = current;
            current = 0;
            if (!c) break;
        } else current++;
    }
    print_str("words "); print_i32(words); print_str(" longest "); print_i32(longest); print_nl();
    return 0;
}
