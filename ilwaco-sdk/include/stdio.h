/* stdio.h: formatted output to the Denali console and keyboard input. There are no files: stdout is the console. */
#ifndef _ILWACO_STDIO_H
#define _ILWACO_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

int printf(const char *restrict fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *restrict fmt, va_list ap);
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap);
int sprintf(char *restrict buf, const char *restrict fmt, ...) __attribute__((format(printf, 2, 3)));
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap);
int puts(const char *s);
int putchar(int c);
/* Blocks the calling thread until a keyboard byte arrives. */
int getchar(void);

#endif
