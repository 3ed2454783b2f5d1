/* exit.c: ending the VM, assertion failures and errno. */
#include <assert.h>
#include <denali.h>
#include <stdio.h>
#include <stdlib.h>

int errno;

void exit(int status)
{
    denali_terminate(status);
}

/* 134 = 128 + SIGABRT, the status a POSIX shell would show for an aborted program. */
void abort(void)
{
    printf("ilwaco: abort()\n");
    denali_terminate(134);
}

void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
    printf("%s:%d: %s: Assertion `%s' failed.\n", file, line, func, expr);
    denali_terminate(134);
}
