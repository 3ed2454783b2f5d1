/*
 * thread.c: cooperative threads, mutexes and condition variables, and the idle loop.
 *
 * The scheduler is a FIFO run queue. When it is empty, Ilwaco executes `idle` with the time to the
 * earliest software timer as the timeout (paper §3/§4.2.2: idle-with-timeout, so a guest with pending
 * timers does not have to spin), or IDLE_FOREVER when only device interrupts can wake a thread.
 */
#include <denali.h>
#include <errno.h>
#include <ilwaco/interrupt.h>
#include <ilwaco/thread.h>
#include <ilwaco/timer.h>
#include <stdio.h>
#include <stdlib.h>

#include "ilwaco_internal.h"

enum thread_state { THREAD_READY, THREAD_RUNNING, THREAD_BLOCKED, THREAD_FINISHED };

struct thread {
    uint32_t *sp;               /* saved stack pointer while switched out */
    enum thread_state state;
    int id;
    void *(*fn)(void *);
    void *arg;
    void *result;
    void *stack;                /* malloc'd; NULL for the main thread (it runs on the crt0 stack) */
    struct thread *next;        /* link in the run queue or one wait queue */
    struct thread_queue joiners;
    struct ilwaco_timer timer;  /* sleep and timed waits */
    struct thread_queue *waiting_on;
    int timed_out;
};

static struct thread main_thread;
static struct thread *current;
static struct thread_queue run_queue;
static int next_id = 1;
static struct thread_stats stats;
static int spin_while_timers_pending; /* thread_spin_while_timers_pending */
int __ilwaco_device_waiters;

static void enqueue(struct thread_queue *queue, struct thread *thread)
{
    thread->next = 0;
    if (queue->tail) {
        queue->tail->next = thread;
    } else {
        queue->head = thread;
    }
    queue->tail = thread;
}

static struct thread *dequeue(struct thread_queue *queue)
{
    struct thread *thread = queue->head;
    if (thread) {
        queue->head = thread->next;
        if (!queue->head) {
            queue->tail = 0;
        }
        thread->next = 0;
    }
    return thread;
}

static void remove_from(struct thread_queue *queue, struct thread *thread)
{
    struct thread *previous = 0;
    for (struct thread *t = queue->head; t; previous = t, t = t->next) {
        if (t == thread) {
            if (previous) {
                previous->next = t->next;
            } else {
                queue->head = t->next;
            }
            if (queue->tail == t) {
                queue->tail = previous;
            }
            t->next = 0;
            return;
        }
    }
}

static void make_ready(struct thread *thread)
{
    thread->state = THREAD_READY;
    thread->waiting_on = 0;
    enqueue(&run_queue, thread);
}

/* Nothing can run: sleep in the kernel until the next timer deadline or a device interrupt. */
static void idle_until_something_happens(void)
{
    uint32_t was = denali_interrupts_disable();
    if (ilwaco_interrupts_waiting()) {
        /* A line is pending but not delivered yet (delivery happens at a quantum start): yield the rest
           of this quantum rather than spin. */
        denali_interrupts_restore(was);
        stats.idles++;
        denali_idle(0);
        return;
    }
    uint64_t deadline;
    uint32_t timeout = DENALI_IDLE_FOREVER;
    if (ilwaco_timer_earliest(&deadline)) {
        if (spin_while_timers_pending) {
            /* no way to tell the kernel when to wake us: poll again (schedule's loop) */
            denali_interrupts_restore(was);
            return;
        }
        uint64_t now = ilwaco_now_us();
        uint64_t wait = deadline > now ? deadline - now : 0;
        timeout = wait >= DENALI_IDLE_FOREVER ? DENALI_IDLE_FOREVER - 1 : (uint32_t)wait;
        stats.timed_idles++;
        stats.last_idle_timeout_us = timeout;
    } else if (__ilwaco_device_waiters == 0) {
        denali_interrupts_restore(was);
        printf("ilwaco: deadlock: every thread is blocked and no timer or device can wake one\n");
        denali_terminate(EDEADLK);
    }
    stats.idles++;
    /* Idle with interrupts disabled: a line raised after the check above still wakes the VM, and it is
       then seen in PENDING_INTERRUPTS by the poll, so no wake-up is lost. */
    denali_idle(timeout);
    denali_interrupts_restore(was);
}

/* Picks the next thread (the caller has already queued or blocked `current`) and switches to it. */
static void schedule(void)
{
    struct thread *next;
    for (;;) {
        ilwaco_poll_interrupts();
        ilwaco_timer_run_expired();
        next = dequeue(&run_queue);
        if (next) {
            break;
        }
        idle_until_something_happens();
    }
    if (next == current) {
        current->state = THREAD_RUNNING;
        return;
    }
    struct thread *previous = current;
    current = next;
    next->state = THREAD_RUNNING;
    stats.switches++;
    __ilwaco_context_switch(&previous->sp, next->sp);
}

void __ilwaco_threads_init(void)
{
    main_thread.id = 0;
    main_thread.state = THREAD_RUNNING;
    current = &main_thread;
}

void __ilwaco_thread_entry(void)
{
    thread_exit(current->fn(current->arg));
}

thread_t thread_create_with_stack(void *(*fn)(void *), void *arg, size_t stack_size)
{
    struct thread *thread = calloc(1, sizeof *thread);
    if (!thread) {
        return 0;
    }
    stack_size = (stack_size + 15) & ~(size_t)15;
    thread->stack = malloc(stack_size);
    if (!thread->stack) {
        free(thread);
        errno = ENOMEM;
        return 0;
    }
    thread->id = next_id++;
    thread->fn = fn;
    thread->arg = arg;
    /* The frame __ilwaco_context_switch pops: EDI ESI EBX EBP, then the trampoline as return address.
       The slot above it keeps the trampoline's call 16-byte aligned as the i386 ABI expects. */
    uint32_t *sp = (uint32_t *)((char *)thread->stack + stack_size);
    *--sp = 0;
    *--sp = 0;
    *--sp = 0;
    *--sp = (uint32_t)(uintptr_t)__ilwaco_thread_trampoline;
    for (int i = 0; i < 4; i++) {
        *--sp = 0;
    }
    thread->sp = sp;
    make_ready(thread);
    return thread;
}

thread_t thread_create(void *(*fn)(void *), void *arg)
{
    return thread_create_with_stack(fn, arg, THREAD_DEFAULT_STACK_SIZE);
}

void thread_exit(void *result)
{
    if (current == &main_thread) {
        exit(0);
    }
    current->result = result;
    current->state = THREAD_FINISHED;
    thread_wake_all(&current->joiners);
    /* The stack we run on is freed by the joiner, after we have switched away for good. */
    schedule();
    abort(); /* a finished thread is never scheduled again */
}

int thread_join(thread_t thread, void **result)
{
    if (thread == current || thread == &main_thread) {
        return EDEADLK;
    }
    while (thread->state != THREAD_FINISHED) {
        thread_block_on(&thread->joiners);
    }
    if (result) {
        *result = thread->result;
    }
    free(thread->stack);
    free(thread);
    return 0;
}

void thread_yield(void)
{
    make_ready(current);
    schedule();
}

static void wake_from_timer(void *arg)
{
    struct thread *thread = arg;
    if (thread->state != THREAD_BLOCKED) {
        return;
    }
    if (thread->waiting_on) {
        remove_from(thread->waiting_on, thread);
        thread->timed_out = 1;
    }
    make_ready(thread);
}

void thread_sleep_us(uint32_t microseconds)
{
    ilwaco_timer_start(&current->timer, microseconds, wake_from_timer, current);
    current->state = THREAD_BLOCKED;
    current->waiting_on = 0;
    schedule();
}

thread_t thread_self(void)
{
    return current;
}

int thread_id(thread_t thread)
{
    return thread->id;
}

void thread_block_on(struct thread_queue *queue)
{
    current->state = THREAD_BLOCKED;
    current->waiting_on = queue;
    enqueue(queue, current);
    schedule();
}

void thread_wake_all(struct thread_queue *queue)
{
    struct thread *thread;
    while ((thread = dequeue(queue)) != 0) {
        ilwaco_timer_cancel(&thread->timer);
        make_ready(thread);
    }
}

static void wake_one(struct thread_queue *queue)
{
    struct thread *thread = dequeue(queue);
    if (thread) {
        ilwaco_timer_cancel(&thread->timer);
        make_ready(thread);
    }
}

void thread_spin_while_timers_pending(int spin)
{
    spin_while_timers_pending = spin;
}

void thread_get_stats(struct thread_stats *out)
{
    *out = stats;
}

/* ------------------------------------------------------------------ mutexes */

void mutex_init(mutex_t *mutex)
{
    mutex->owner = 0;
    mutex->waiters.head = mutex->waiters.tail = 0;
}

void mutex_lock(mutex_t *mutex)
{
    while (mutex->owner) {
        thread_block_on(&mutex->waiters);
    }
    mutex->owner = current;
}

int mutex_trylock(mutex_t *mutex)
{
    if (mutex->owner) {
        return 0;
    }
    mutex->owner = current;
    return 1;
}

void mutex_unlock(mutex_t *mutex)
{
    mutex->owner = 0;
    wake_one(&mutex->waiters);
}

/* ------------------------------------------------------------------ condition variables */

void cond_init(cond_t *cond)
{
    cond->waiters.head = cond->waiters.tail = 0;
}

void cond_wait(cond_t *cond, mutex_t *mutex)
{
    mutex_unlock(mutex);
    thread_block_on(&cond->waiters);
    mutex_lock(mutex);
}

int cond_timedwait_us(cond_t *cond, mutex_t *mutex, uint32_t timeout_us)
{
    current->timed_out = 0;
    ilwaco_timer_start(&current->timer, timeout_us, wake_from_timer, current);
    mutex_unlock(mutex);
    thread_block_on(&cond->waiters);
    ilwaco_timer_cancel(&current->timer);
    mutex_lock(mutex);
    return current->timed_out ? ETIMEDOUT : 0;
}

void cond_signal(cond_t *cond)
{
    wake_one(&cond->waiters);
}

void cond_broadcast(cond_t *cond)
{
    thread_wake_all(&cond->waiters);
}
