/*
 * stdio.c: printf and friends on the console. Output is gathered in a stack buffer and written with one
 * CONSOLE_WRITE per full buffer (or per call), never byte by byte.
 */
#include <ilwaco/console.h>
#include <ilwaco/keyboard.h>
#include <stdio.h>
#include <string.h>

#include "ilwaco_internal.h"

#define CONSOLE_CHUNK 256

struct console_sink {
    char buffer[CONSOLE_CHUNK];
    size_t used;
};

static void console_emit(void *opaque, const char *data, size_t length)
{
    struct console_sink *sink = opaque;
    while (length > 0) {
        if (sink->used == CONSOLE_CHUNK) {
            console_write(sink->buffer, sink->used);
            sink->used = 0;
        }
        size_t room = CONSOLE_CHUNK - sink->used;
        size_t n = length < room ? length : room;
        memcpy(sink->buffer + sink->used, data, n);
        sink->used += n;
        data += n;
        length -= n;
    }
}

int vprintf(const char *restrict fmt, va_list ap)
{
    struct console_sink sink;
    sink.used = 0;
    int length = __ilwaco_format(console_emit, &sink, fmt, ap);
    console_write(sink.buffer, sink.used);
    return length;
}

int printf(const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int length = vprintf(fmt, ap);
    va_end(ap);
    return length;
}

struct string_sink {
    char *buffer;
    size_t capacity; /* including the terminating NUL */
    size_t used;
};

static void string_emit(void *opaque, const char *data, size_t length)
{
    struct string_sink *sink = opaque;
    if (sink->capacity > 0 && sink->used < sink->capacity - 1) {
        size_t room = sink->capacity - 1 - sink->used;
        memcpy(sink->buffer + sink->used, data, length < room ? length : room);
    }
    sink->used += length;
}

int vsnprintf(char *restrict buffer, size_t size, const char *restrict fmt, va_list ap)
{
    struct string_sink sink = {buffer, size, 0};
    int length = __ilwaco_format(string_emit, &sink, fmt, ap);
    if (size > 0) {
        buffer[sink.used < size ? sink.used : size - 1] = '\0';
    }
    return length;
}

int snprintf(char *restrict buffer, size_t size, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int length = vsnprintf(buffer, size, fmt, ap);
    va_end(ap);
    return length;
}

int vsprintf(char *restrict buffer, const char *restrict fmt, va_list ap)
{
    return vsnprintf(buffer, (size_t)-1 / 2, fmt, ap);
}

int sprintf(char *restrict buffer, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int length = vsprintf(buffer, fmt, ap);
    va_end(ap);
    return length;
}

int puts(const char *s)
{
    size_t length = strlen(s);
    struct console_sink sink;
    sink.used = 0;
    console_emit(&sink, s, length);
    console_emit(&sink, "\n", 1);
    console_write(sink.buffer, sink.used);
    return (int)length + 1;
}

int putchar(int c)
{
    console_putc((char)c);
    return (unsigned char)c;
}

int getchar(void)
{
    return keyboard_getc();
}
