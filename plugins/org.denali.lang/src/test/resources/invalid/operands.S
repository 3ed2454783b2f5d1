    .text
g:
    movl %ax, %ebx
    addb %al
    mov %al, %ebx
    addl $1, (%eax)
    add $1, (%eax)
    shll %bl, %eax
    movzbl %ax, %eax
    inb $0x10, %ax
    bswapw %ax
    pushl %eax, %ebx
    frobnicate %eax
    movl (%bx), %eax
    movl %foo, %eax
    ret
