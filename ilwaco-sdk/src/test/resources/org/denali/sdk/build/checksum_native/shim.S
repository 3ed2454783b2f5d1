/* Linux i386 entry for the native build of checksum/core.c: print, then exit(0) via int $0x80. */
    .text
    .globl _start
_start:
    andl $-16, %esp
    call native_main
    movl %eax, %ebx
    movl $1, %eax        /* SYS_exit */
    int $0x80
