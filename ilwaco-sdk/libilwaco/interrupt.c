/*
 * interrupt.c: recording delivered interrupt batches and servicing them later in thread context.
 *
 * The assembly stub calls __ilwaco_interrupt_record with interrupts disabled; it only ORs the batch into
 * `recorded`. ilwaco_poll_interrupts takes that mask with interrupts disabled (so no batch is lost
 * between the read and the clear) and calls the drivers' handlers.
 */
#include <denali.h>
#include <ilwaco/interrupt.h>

#include "ilwaco_internal.h"

static volatile uint32_t recorded;
static ilwaco_line_handler handlers[DENALI_IRQ_COUNT];

void __ilwaco_interrupt_record(uint32_t delivered)
{
    recorded |= delivered;
}

void __ilwaco_interrupts_init(void)
{
    denali_vregs()->interrupt_handler = (uint32_t)(uintptr_t)__ilwaco_interrupt_entry;
}

void ilwaco_on_interrupt(int line, ilwaco_line_handler handler)
{
    if (line >= 0 && line < DENALI_IRQ_COUNT) {
        handlers[line] = handler;
    }
}

int ilwaco_interrupts_waiting(void)
{
    return recorded != 0 || denali_vregs()->pending_interrupts != 0;
}

uint32_t ilwaco_poll_interrupts(void)
{
    uint32_t was = denali_interrupts_disable();
    /* Lines still pending in the register page (interrupts were off) are serviced now too; when
       delivery happens later the handlers simply find nothing to do. */
    uint32_t lines = recorded | denali_vregs()->pending_interrupts;
    recorded = 0;
    denali_interrupts_restore(was);
    for (int line = 0; line < DENALI_IRQ_COUNT; line++) {
        if ((lines & (1u << line)) && handlers[line]) {
            handlers[line]();
        }
    }
    return lines;
}
