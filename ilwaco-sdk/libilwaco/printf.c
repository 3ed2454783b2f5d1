/*
 * printf.c: the formatting engine behind printf, snprintf and friends.
 *
 * Conversions: d i u x X o c s p %. Flags: - 0 + space #. Width and precision (numbers or *).
 * Length modifiers: hh h l ll z j t. Output follows C99/glibc, including "(null)" for a NULL %s and
 * "(nil)" for a NULL %p. Floating point is not supported (the guest has no FPU); %f etc. print "%?".
 */
#include <stdint.h>
#include <string.h>

#include "ilwaco_internal.h"

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

struct spec {
    int left;       /* '-' */
    int zero;       /* '0' */
    int plus;       /* '+' */
    int space;      /* ' ' */
    int alternate;  /* '#' */
    int width;
    int precision;  /* -1 = none */
    enum length length;
};

struct out {
    ilwaco_emit emit;
    void *sink;
    int total;
};

static void put(struct out *out, const char *data, size_t length)
{
    if (length > 0) {
        out->emit(out->sink, data, length);
        out->total += (int)length;
    }
}

static void pad(struct out *out, char c, int count)
{
    char block[16];
    memset(block, c, sizeof block);
    while (count > 0) {
        int n = count < (int)sizeof block ? count : (int)sizeof block;
        put(out, block, (size_t)n);
        count -= n;
    }
}

/* Digits of `value` in `base`, written backwards from `end`; returns the first digit. */
static char *digits(uint64_t value, unsigned base, int upper, char *end)
{
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;
    /* 32-bit division when possible: far cheaper than the __udivdi3 call. */
    while (value > 0xFFFFFFFFu) {
        *--p = set[value % base];
        value /= base;
    }
    uint32_t small = (uint32_t)value;
    do {
        *--p = set[small % base];
        small /= base;
    } while (small);
    return p;
}

static void format_integer(struct out *out, const struct spec *spec, uint64_t magnitude, int negative,
                           int is_signed, unsigned base, int upper)
{
    char buffer[24];
    char *end = buffer + sizeof buffer;
    char *first = digits(magnitude, base, upper, end);
    int count = (int)(end - first);
    if (spec->precision == 0 && magnitude == 0) {
        count = 0; /* "%.0d" of 0 prints no digits */
    }

    char prefix[2];
    int prefix_length = 0;
    if (is_signed) {
        if (negative) {
            prefix[prefix_length++] = '-';
        } else if (spec->plus) {
            prefix[prefix_length++] = '+';
        } else if (spec->space) {
            prefix[prefix_length++] = ' ';
        }
    }
    if (spec->alternate && base == 16 && magnitude != 0) {
        prefix[prefix_length++] = '0';
        prefix[prefix_length++] = upper ? 'X' : 'x';
    }
    int zeros = spec->precision > count ? spec->precision - count : 0;
    if (spec->alternate && base == 8 && zeros == 0 && (count == 0 || *first != '0')) {
        zeros = 1; /* '#' with octal: the result starts with 0 */
    }
    int body = prefix_length + zeros + count;
    int fill = spec->width > body ? spec->width - body : 0;
    if (spec->zero && !spec->left && spec->precision < 0) {
        zeros += fill;
        fill = 0;
    }
    if (!spec->left) {
        pad(out, ' ', fill);
    }
    put(out, prefix, (size_t)prefix_length);
    pad(out, '0', zeros);
    put(out, first, (size_t)count);
    if (spec->left) {
        pad(out, ' ', fill);
    }
}

static void format_text(struct out *out, const struct spec *spec, const char *text, size_t length)
{
    if (spec->precision >= 0 && (size_t)spec->precision < length) {
        length = (size_t)spec->precision;
    }
    int fill = spec->width > (int)length ? spec->width - (int)length : 0;
    if (!spec->left) {
        pad(out, ' ', fill);
    }
    put(out, text, length);
    if (spec->left) {
        pad(out, ' ', fill);
    }
}

static int64_t signed_argument(enum length length, va_list *ap)
{
    switch (length) {
    case LEN_CHAR: return (signed char)va_arg(*ap, int);
    case LEN_SHORT: return (short)va_arg(*ap, int);
    case LEN_LONG: return va_arg(*ap, long);
    case LEN_LLONG: return va_arg(*ap, long long);
    case LEN_SIZE: return (int32_t)va_arg(*ap, size_t);
    default: return va_arg(*ap, int);
    }
}

static uint64_t unsigned_argument(enum length length, va_list *ap)
{
    switch (length) {
    case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned);
    case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned);
    case LEN_LONG: return va_arg(*ap, unsigned long);
    case LEN_LLONG: return va_arg(*ap, unsigned long long);
    case LEN_SIZE: return va_arg(*ap, size_t);
    default: return va_arg(*ap, unsigned);
    }
}

/* Parses flags, width, precision and length after '%'; returns the conversion character's position. */
static const char *parse_spec(const char *p, struct spec *spec, va_list *ap)
{
    memset(spec, 0, sizeof *spec);
    spec->precision = -1;
    for (;; p++) {
        if (*p == '-') spec->left = 1;
        else if (*p == '0') spec->zero = 1;
        else if (*p == '+') spec->plus = 1;
        else if (*p == ' ') spec->space = 1;
        else if (*p == '#') spec->alternate = 1;
        else break;
    }
    if (*p == '*') {
        spec->width = va_arg(*ap, int);
        if (spec->width < 0) {
            spec->left = 1;
            spec->width = -spec->width;
        }
        p++;
    } else {
        while (*p >= '0' && *p <= '9') {
            spec->width = spec->width * 10 + (*p++ - '0');
        }
    }
    if (*p == '.') {
        p++;
        spec->precision = 0;
        if (*p == '*') {
            spec->precision = va_arg(*ap, int);
            if (spec->precision < 0) {
                spec->precision = -1; /* a negative precision is taken as omitted */
            }
            p++;
        } else {
            while (*p >= '0' && *p <= '9') {
                spec->precision = spec->precision * 10 + (*p++ - '0');
            }
        }
    }
    if (p[0] == 'h' && p[1] == 'h') { spec->length = LEN_CHAR; p += 2; }
    else if (p[0] == 'h') { spec->length = LEN_SHORT; p++; }
    else if (p[0] == 'l' && p[1] == 'l') { spec->length = LEN_LLONG; p += 2; }
    else if (p[0] == 'l') { spec->length = LEN_LONG; p++; }
    else if (p[0] == 'j') { spec->length = LEN_LLONG; p++; }
    else if (p[0] == 'z' || p[0] == 't') { spec->length = LEN_SIZE; p++; }
    return p;
}

int __ilwaco_format(ilwaco_emit emit, void *sink, const char *fmt, va_list ap)
{
    struct out out = {emit, sink, 0};
    va_list args;
    va_copy(args, ap);
    const char *p = fmt;
    while (*p) {
        const char *literal = p;
        while (*p && *p != '%') {
            p++;
        }
        put(&out, literal, (size_t)(p - literal));
        if (!*p) {
            break;
        }
        struct spec spec;
        p = parse_spec(p + 1, &spec, &args);
        char conversion = *p;
        if (conversion) {
            p++;
        }
        switch (conversion) {
        case 'd':
        case 'i': {
            int64_t value = signed_argument(spec.length, &args);
            uint64_t magnitude = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;
            format_integer(&out, &spec, magnitude, value < 0, 1, 10, 0);
            break;
        }
        case 'u':
            format_integer(&out, &spec, unsigned_argument(spec.length, &args), 0, 0, 10, 0);
            break;
        case 'x':
        case 'X':
            format_integer(&out, &spec, unsigned_argument(spec.length, &args), 0, 0, 16, conversion == 'X');
            break;
        case 'o':
            format_integer(&out, &spec, unsigned_argument(spec.length, &args), 0, 0, 8, 0);
            break;
        case 'p': {
            uintptr_t pointer = (uintptr_t)va_arg(args, void *);
            if (pointer == 0) {
                spec.precision = -1;
                format_text(&out, &spec, "(nil)", 5);
            } else {
                spec.alternate = 1;
                format_integer(&out, &spec, pointer, 0, 0, 16, 0);
            }
            break;
        }
        case 'c': {
            char c = (char)va_arg(args, int);
            spec.precision = -1;
            format_text(&out, &spec, &c, 1);
            break;
        }
        case 's': {
            const char *text = va_arg(args, const char *);
            if (!text) {
                text = "(null)";
            }
            size_t length = spec.precision >= 0 ? strnlen(text, (size_t)spec.precision) : strlen(text);
            format_text(&out, &spec, text, length);
            break;
        }
        case '%':
            put(&out, "%", 1);
            break;
        case '\0':
            break; /* a lone '%' at the end prints nothing */
        default:
            /* Unsupported conversion (e.g. floating point): show it rather than misread the arguments. */
            put(&out, "%?", 2);
            break;
        }
    }
    va_end(args);
    return out.total;
}
