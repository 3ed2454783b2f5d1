/*
 * countdown: a Denali guest written in assembly (GNU as, AT&T syntax, preprocessed by cpp).
 *
 * It shows the parts of the Denali architecture a C guest reaches through Ilwaco, by hand:
 *   - the virtual-register page at address 0: VM_ID is the 32-bit word at 0x008;
 *   - the console, a one-PIO device: `outb %al, $0x10` writes one byte (DENALI_PORT_CONSOLE_PUTC);
 *   - idle-with-timeout (bytes 0F 0A): EAX = microseconds to sleep, the VM leaves the run queue meanwhile;
 *   - terminate (bytes 0F 0C): EAX = exit code, the VM ends.
 * It also calls into C: printf from libilwaco, with the cdecl convention (arguments pushed right to left).
 * crt0 (libilwaco) sets up the stack and calls main, so main is all this file defines.
 */
/* from docs/architecture.md (denali.h holds the same numbers, but for C only) */
#define VREG_VM_ID 0x008            /* the virtual-register page starts at address 0 */
#define PORT_CONSOLE_PUTC 0x10

#define COUNT_FROM 5
#define TICK_US 100000              /* 100 ms between numbers */

    .section .rodata
greeting:
    .asciz "countdown on Denali VM %u, from %d:\n"
liftoff:
    .asciz "liftoff\n"

    .text
    .globl main
    .type main, @function
main:
    pushl %ebp
    movl %esp, %ebp
    pushl %ebx                      /* callee-saved: the counter lives here across calls */

    pushl $COUNT_FROM
    pushl VREG_VM_ID                /* VM_ID, read straight from the virtual-register page */
    pushl $greeting
    call printf
    addl $12, %esp

    movl $COUNT_FROM, %ebx
1:  movl %ebx, %eax                 /* one digit: '0' + counter, through the console port */
    addl $0x30, %eax                /* '0' */
    outb %al, $PORT_CONSOLE_PUTC
    movb $0x20, %al                 /* ' ' */
    outb %al, $PORT_CONSOLE_PUTC
    movl $TICK_US, %eax
    .byte 0x0f, 0x0a                /* idle-with-timeout: sleep 100 ms (EAX comes back as the wake reason) */
    decl %ebx
    jnz 1b

    pushl $liftoff
    call printf
    addl $4, %esp

    xorl %eax, %eax                 /* exit code 0 */
    .byte 0x0f, 0x0c                /* terminate: the VM ends here, main never returns */
    .size main, . - main

    .section .note.GNU-stack, "", @progbits
