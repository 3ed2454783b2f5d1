/* A guest for the reverse-execution tests (docs/debugging.md "Reverse execution"): a loop that calls a
 * function writing the global x, so that gdb can step back, reverse-continue to earlier breakpoint hits and
 * watchpoint writes, and reverse-finish to the caller. */
#include <stdio.h>

volatile int x;

static int __attribute__((noinline)) bump(int i)
{
    x = x + i;
    return x * 2;
}

int main(void)
{
    int sum = 0;
    for (int i = 1; i <= 300000000; i++) {
        sum += bump(i);
    }
    printf("sum %d\n", sum);
    return 0;
}
