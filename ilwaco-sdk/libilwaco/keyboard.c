/* keyboard.c: the keyboard byte queue; blocking reads park the thread until the KEYBOARD line fires. */
#include <denali.h>
#include <ilwaco/interrupt.h>
#include <ilwaco/keyboard.h>
#include <ilwaco/thread.h>

#include "ilwaco_internal.h"

static struct thread_queue readers;

int keyboard_poll(void)
{
    uint32_t value = inl(DENALI_PORT_KEYBOARD_READ);
    return value == DENALI_KEYBOARD_NONE ? -1 : (int)(value & 0xFF);
}

int keyboard_getc(void)
{
    int c;
    while ((c = keyboard_poll()) < 0) {
        __ilwaco_device_waiters++;
        thread_block_on(&readers);
        __ilwaco_device_waiters--;
    }
    return c;
}

/* Every reader re-polls: the line only says the queue went non-empty. */
static void keyboard_line(void)
{
    thread_wake_all(&readers);
}

void __ilwaco_keyboard_init(void)
{
    ilwaco_on_interrupt(DENALI_IRQ_KEYBOARD, keyboard_line);
}
