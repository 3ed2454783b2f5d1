/*
 * context_switch.S: switching between cooperative threads.
 *
 * Only the callee-saved registers (EBX ESI EDI EBP) need saving: a switch is an ordinary function call,
 * so the caller already assumes EAX ECX EDX are clobbered. EFLAGS needs no saving either (DF is 0 across
 * calls by the ABI; the interrupt-enabled flag is a virtual register, not IF).
 */
    .text

/* void __ilwaco_context_switch(uint32_t **save_sp, uint32_t *load_sp) */
    .globl __ilwaco_context_switch
    .type __ilwaco_context_switch, @function
__ilwaco_context_switch:
    movl 4(%esp), %eax
    movl 8(%esp), %edx
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl %esp, (%eax)
    movl %edx, %esp
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret
    .size __ilwaco_context_switch, . - __ilwaco_context_switch

/* First "return address" of a new thread: thread.c builds a frame whose ret lands here. */
    .globl __ilwaco_thread_trampoline
    .type __ilwaco_thread_trampoline, @function
__ilwaco_thread_trampoline:
    xorl %ebp, %ebp
    call __ilwaco_thread_entry
    ud2
    .size __ilwaco_thread_trampoline, . - __ilwaco_thread_trampoline

    .section .note.GNU-stack, "", @progbits
