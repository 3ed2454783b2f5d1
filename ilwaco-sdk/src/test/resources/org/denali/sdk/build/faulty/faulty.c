/* A guest that faults three calls deep: the gdb fault-hold test inspects it after the fault. */
#include <stdio.h>

static int __attribute__((noinline)) deref(volatile int *p)
{
    return *p;
}

static int __attribute__((noinline)) middle(volatile int *p)
{
    volatile int local = 42;
    return deref(p) + local;
}

int main(void)
{
    printf("about to fault\n");
    return middle((volatile int *)0xC0000000);
}
