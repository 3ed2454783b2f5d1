/* assert.h: a failed assertion prints file, line and expression on the console and terminates the VM. */
#ifndef _ILWACO_ASSERT_H
#define _ILWACO_ASSERT_H

__attribute__((noreturn)) void __assert_fail(const char *expr, const char *file, int line, const char *func);

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef __cplusplus
#define static_assert _Static_assert
#endif

#endif
