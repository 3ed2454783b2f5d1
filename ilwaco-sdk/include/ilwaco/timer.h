/*
 * ilwaco/timer.h: software timers multiplexed over Denali's one-shot TIMER device.
 *
 * Callbacks run in thread context from the scheduler, never inside the interrupt handler, so they may
 * wake threads or start other timers. The earliest deadline is also the timeout the idle loop passes to
 * the `idle` instruction (the paper's "smallest pending retransmission timer" rule): a guest whose
 * threads all wait costs the host nothing until its next timer is due.
 */
#ifndef _ILWACO_TIMER_H
#define _ILWACO_TIMER_H

#include <stdint.h>

struct ilwaco_timer {
    uint64_t deadline_us;
    void (*callback)(void *arg);
    void *arg;
    struct ilwaco_timer *next; /* in the armed list, sorted by deadline */
    int armed;
};

/* Microseconds since the VM started (the SYSTEM_TIME_US virtual register). */
uint64_t ilwaco_now_us(void);

/* Arms `timer` to call callback(arg) once, delay_us from now. Re-arming an armed timer moves it. */
void ilwaco_timer_start(struct ilwaco_timer *timer, uint32_t delay_us, void (*callback)(void *), void *arg);
void ilwaco_timer_start_at(struct ilwaco_timer *timer, uint64_t deadline_us, void (*callback)(void *), void *arg);

/* Disarms `timer`; harmless if it is not armed. */
void ilwaco_timer_cancel(struct ilwaco_timer *timer);

/* Earliest armed deadline; returns 0 if no timer is armed. */
int ilwaco_timer_earliest(uint64_t *deadline_us);

/* Runs the callbacks of every timer whose deadline has passed (the scheduler calls this). */
void ilwaco_timer_run_expired(void);

#endif
