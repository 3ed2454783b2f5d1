/* instructions the Denali ISA leaves out, each with the specification's reason */
    .text
f:
    cli
    sti
    int $0x80
    fldz
    movaps %xmm0, %xmm1
    lgdt (%eax)
    insb
    movl %eax, %cr0
    push %ds
    ljmp $0x10, $0x100000
    idle
    ret
