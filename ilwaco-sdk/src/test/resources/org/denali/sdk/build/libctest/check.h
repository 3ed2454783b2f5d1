/* A minimal test framework for guests: CHECK counts, prints failures, and main prints the totals. */
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
void test_printf(void);
void test_stdlib(void);
void test_malloc(void);
void test_division(void);
void test_threads(void);

#endif
