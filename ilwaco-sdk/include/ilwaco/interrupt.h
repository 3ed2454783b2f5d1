/*
 * ilwaco/interrupt.h: deferred interrupt handlers.
 *
 * Ilwaco's assembly entry stub only records the delivered batch (DELIVERED_INTERRUPTS) and returns with
 * iret. The lines are serviced later, in thread context, by ilwaco_poll_interrupts(), which the scheduler
 * calls whenever it runs: drivers register a handler per line here. Handlers must tolerate running when
 * nothing happened (they re-check device state), because a line may be reported twice.
 */
#ifndef _ILWACO_INTERRUPT_H
#define _ILWACO_INTERRUPT_H

#include <stdint.h>

typedef void (*ilwaco_line_handler)(void);

void ilwaco_on_interrupt(int line, ilwaco_line_handler handler);

/* Services every line recorded since the last call; returns the mask it serviced. */
uint32_t ilwaco_poll_interrupts(void);

/* Nonzero if a line was recorded (or is pending in the register page) and not yet serviced. */
int ilwaco_interrupts_waiting(void);

#endif
