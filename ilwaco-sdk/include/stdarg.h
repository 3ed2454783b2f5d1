/* stdarg.h: variadic arguments through the compiler builtins (no host header involved). */
#ifndef _ILWACO_STDARG_H
#define _ILWACO_STDARG_H

typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_end(ap) __builtin_va_end(ap)
#define va_copy(dst, src) __builtin_va_copy(dst, src)

#endif
