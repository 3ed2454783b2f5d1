/* A minimal TAP producer for guests: every CHECK prints "ok N - what" or "not ok N - what (file:line)";
   main prints the plan "1..N" at the end and the totals "N passed, M failed". */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <string.h>

extern int checks_passed, checks_failed;

#define CHECK(cond) check((cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(actual, expected) check_str((actual), (expected), __FILE__, __LINE__)

void check(int ok, const char *what, const char *file, int line);
void check_str(const char *actual, const char *expected, const char *file, int line);

void test_strings(void);
void test_ctype(void);
void test_printf(void);
void test_stdlib(void);
void test_malloc(void);
void test_malloc_exhaustion(void);
void test_division(void);
void test_threads(void);
void test_sync(void);
void oracle(void);

#endif
