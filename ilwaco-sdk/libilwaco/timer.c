/*
 * timer.c: software timers in a deadline-sorted list, with the one-shot TIMER device armed for the
 * earliest one. The device interrupt only makes the scheduler look at the list (interrupt.c); callbacks
 * run from ilwaco_timer_run_expired in thread context.
 */
#include <denali.h>
#include <ilwaco/interrupt.h>
#include <ilwaco/timer.h>

#include "ilwaco_internal.h"

static struct ilwaco_timer *armed_list;
/* Deadline the TIMER device is armed for, 0 when disarmed; avoids a PIO when nothing changed. */
static uint64_t device_deadline;

uint64_t ilwaco_now_us(void)
{
    return denali_time_us();
}

static void program_device(void)
{
    uint64_t wanted = armed_list ? armed_list->deadline_us : 0;
    if (wanted == device_deadline) {
        return;
    }
    device_deadline = wanted;
    if (wanted == 0) {
        outl(DENALI_PORT_TIMER_ARM, 0);
        return;
    }
    uint64_t now = ilwaco_now_us();
    uint64_t delay = wanted > now ? wanted - now : 1; /* 0 would disarm: fire as soon as possible */
    outl(DENALI_PORT_TIMER_ARM, delay > 0xFFFFFFFEu ? 0xFFFFFFFEu : (uint32_t)delay);
}

static void unlink_timer(struct ilwaco_timer *timer)
{
    for (struct ilwaco_timer **link = &armed_list; *link; link = &(*link)->next) {
        if (*link == timer) {
            *link = timer->next;
            break;
        }
    }
    timer->armed = 0;
    timer->next = 0;
}

void ilwaco_timer_start_at(struct ilwaco_timer *timer, uint64_t deadline_us, void (*callback)(void *), void *arg)
{
    if (timer->armed) {
        unlink_timer(timer);
    }
    timer->deadline_us = deadline_us;
    timer->callback = callback;
    timer->arg = arg;
    struct ilwaco_timer **link = &armed_list;
    while (*link && (*link)->deadline_us <= deadline_us) { /* FIFO among equal deadlines */
        link = &(*link)->next;
    }
    timer->next = *link;
    *link = timer;
    timer->armed = 1;
    program_device();
}

void ilwaco_timer_start(struct ilwaco_timer *timer, uint32_t delay_us, void (*callback)(void *), void *arg)
{
    ilwaco_timer_start_at(timer, ilwaco_now_us() + delay_us, callback, arg);
}

void ilwaco_timer_cancel(struct ilwaco_timer *timer)
{
    if (timer->armed) {
        unlink_timer(timer);
        program_device();
    }
}

int ilwaco_timer_earliest(uint64_t *deadline_us)
{
    if (!armed_list) {
        return 0;
    }
    *deadline_us = armed_list->deadline_us;
    return 1;
}

void ilwaco_timer_run_expired(void)
{
    uint64_t now = ilwaco_now_us();
    while (armed_list && armed_list->deadline_us <= now) {
        struct ilwaco_timer *due = armed_list;
        armed_list = due->next;
        due->next = 0;
        due->armed = 0;
        due->callback(due->arg); /* may re-arm `due` or start other timers */
    }
    /* The device is one-shot: once it fired (or its deadline passed) it must be re-armed. */
    if (device_deadline != 0 && device_deadline <= now) {
        device_deadline = 0;
    }
    program_device();
}

static void timer_line(void)
{
    ilwaco_timer_run_expired();
}

void __ilwaco_timer_init(void)
{
    ilwaco_on_interrupt(DENALI_IRQ_TIMER, timer_line);
}
