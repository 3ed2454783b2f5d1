/*
 * hello: a minimal Denali guest.
 *
 * Ilwaco's crt0 sets up the stack, heap and console, then calls main(). Returning from main()
 * executes the Denali `terminate` virtual instruction with main's return value as the exit code.
 */
#include <denali.h>
#include <stdio.h>

int main(void)
{
    printf("Hello from hello on Denali VM %u with %u KiB of memory\n",
           denali_vregs()->vm_id, denali_vregs()->memory_size / 1024);
    return 0;
}
