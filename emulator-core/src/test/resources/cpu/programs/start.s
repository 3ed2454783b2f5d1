# Entry for the freestanding test programs: own stack, call main, exit with its result.
.text
.globl _start
_start:
    mov $stack_top, %esp
    call main
    push %eax
    call sys_exit
.bss
.align 16
.space 262144
stack_top:
.section .note.GNU-stack,"",@progbits
