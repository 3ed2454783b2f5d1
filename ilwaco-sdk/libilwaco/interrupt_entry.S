/*
 * interrupt_entry.S: the handler whose address Ilwaco stores in INTERRUPT_HANDLER.
 *
 * The kernel delivers a batch by pushing EFLAGS, CS, EIP on the current stack, copying the pending mask
 * to DELIVERED_INTERRUPTS and clearing INTERRUPTS_ENABLED (architecture.md §6). We only record the batch
 * (the real work runs later in thread context, see interrupt.c), re-enable interrupts and iret. Every
 * register is preserved because the interrupted code may be anywhere.
 */
#define VREG_INTERRUPTS_ENABLED 0x020
#define VREG_DELIVERED_INTERRUPTS 0x02C

    .text
    .globl __ilwaco_interrupt_entry
    .type __ilwaco_interrupt_entry, @function
__ilwaco_interrupt_entry:
    pushal
    cld                                   /* the C ABI requires DF = 0 */
    movl VREG_DELIVERED_INTERRUPTS, %eax  /* absolute address in page 0 */
    pushl %eax
    call __ilwaco_interrupt_record
    addl $4, %esp
    popal
    /* Delivery happens only at a quantum start, so a new batch cannot nest between these two lines
       unless a quantum ends here; then it nests cleanly on this stack and returns to the iret. */
    movl $1, VREG_INTERRUPTS_ENABLED
    iret
    .size __ilwaco_interrupt_entry, . - __ilwaco_interrupt_entry

    .section .note.GNU-stack, "", @progbits
