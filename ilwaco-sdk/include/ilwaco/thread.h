/*
 * ilwaco/thread.h: Ilwaco's cooperative threads.
 *
 * One virtual CPU, no preemption: a thread runs until it blocks (join, mutex, condition variable, sleep,
 * blocking I/O) or yields. When no thread is runnable the scheduler executes the Denali `idle`
 * instruction with the earliest timer deadline as the timeout, or waits for an interrupt if no timer is
 * armed. Returning from main() ends the VM whatever other threads are doing.
 */
#ifndef _ILWACO_THREAD_H
#define _ILWACO_THREAD_H

#include <stddef.h>
#include <stdint.h>

typedef struct thread *thread_t;

#define THREAD_DEFAULT_STACK_SIZE (16u * 1024u)

/* A FIFO of blocked threads. */
struct thread_queue {
    struct thread *head;
    struct thread *tail;
};

typedef struct {
    struct thread *owner;
    struct thread_queue waiters;
} mutex_t;

typedef struct {
    struct thread_queue waiters;
} cond_t;

#define MUTEX_INITIALIZER {0, {0, 0}}
#define COND_INITIALIZER {{0, 0}}

/* Starts fn(arg) in a new thread with a THREAD_DEFAULT_STACK_SIZE stack; NULL if out of memory. */
thread_t thread_create(void *(*fn)(void *), void *arg);
thread_t thread_create_with_stack(void *(*fn)(void *), void *arg, size_t stack_size);

/* Waits for `thread` to finish, stores its result, frees it. Each thread must be joined once. */
int thread_join(thread_t thread, void **result);

/* Ends the calling thread (main's thread: ends the VM with exit code 0). */
__attribute__((noreturn)) void thread_exit(void *result);

void thread_yield(void);
void thread_sleep_us(uint32_t microseconds);
thread_t thread_self(void);
int thread_id(thread_t thread);

void mutex_init(mutex_t *mutex);
void mutex_lock(mutex_t *mutex);
int mutex_trylock(mutex_t *mutex); /* 1 if acquired */
void mutex_unlock(mutex_t *mutex);

void cond_init(cond_t *cond);
void cond_wait(cond_t *cond, mutex_t *mutex);
/* Returns 0 when signalled, ETIMEDOUT after timeout_us. */
int cond_timedwait_us(cond_t *cond, mutex_t *mutex, uint32_t timeout_us);
void cond_signal(cond_t *cond);
void cond_broadcast(cond_t *cond);

/* --- for drivers: block on / wake a queue (thread context only, never from the interrupt handler) --- */
void thread_block_on(struct thread_queue *queue);
void thread_wake_all(struct thread_queue *queue);

/* The paper's §4.2.2 baseline: with spin on, a guest with a pending software timer does not idle until it
   fires but spins (polls) until its quantum ends, as a guest must on a kernel without idle-with-timeout;
   it still idles when no timer is pending. Off (idle with the earliest timer as timeout) by default. */
void thread_spin_while_timers_pending(int spin);

/* Scheduler statistics, for tests and tuning. */
struct thread_stats {
    uint32_t switches;        /* context switches */
    uint32_t idles;           /* `idle` instructions executed */
    uint32_t timed_idles;     /* of which with a timeout from the timer list */
    uint32_t last_idle_timeout_us;
};
void thread_get_stats(struct thread_stats *stats);

#endif
