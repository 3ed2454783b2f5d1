package org.denali.emulator.elf;

/** A small hand-written guest with text, read-only data, data and bss, used by the loader tests. */
final class GuestSamples {
    static final String SMALL_GUEST = """
            .text
            .globl _start
            .type _start, @function
            _start:
                movl $message, %eax
                call helper
                .byte 0x0f, 0x0c
            .size _start, . - _start

            .type helper, @function
            helper:
                pushl %ebp
                movl %esp, %ebp
                incl counter
                popl %ebp
                ret
            .size helper, . - helper

            .section .rodata
            message: .asciz "hello, denali"

            .data
            .globl counter
            .type counter, @object
            counter: .long 41
            .size counter, 4

            .bss
            .globl buffer
            .type buffer, @object
            buffer: .skip 8192
            .size buffer, 8192
            """;

    private GuestSamples() {
    }
}
