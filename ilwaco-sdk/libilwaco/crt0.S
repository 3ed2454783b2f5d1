/*
 * crt0.S: the image's entry point (ENTRY(_start) in link/denali.ld).
 *
 * The kernel starts us with ESP at the top of memory; Ilwaco moves to the stack the link map reserves
 * (.stack, inside the writable non-executable segment) so the heap may use everything above the image.
 * .bss is zeroed here, before any C runs, because the loader's zero-fill is an implementation detail we
 * do not rely on; then start.c initialises the library and calls main.
 */
    .section .text.start, "ax"
    .globl _start
    .type _start, @function
_start:
    movl $__stack_top, %esp
    xorl %ebp, %ebp            /* terminates frame-pointer backtraces in the debugger */
    cld
    movl $__bss_start, %edi
    movl $__bss_end, %ecx
    subl %edi, %ecx
    xorl %eax, %eax
    rep stosb
    call __ilwaco_start
    ud2                        /* __ilwaco_start never returns */
    .size _start, . - _start

    .section .note.GNU-stack, "", @progbits
