    .text
h:
1:  decl %ecx
    jnz 1b
    jmp 2f
    jmp 1f
    call .Lmissing
    call external_c_function
h:
2:  ret
