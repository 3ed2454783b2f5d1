/*
 * Ilwaco's cooperative threads on Denali.
 *
 * - two sleepers tick every 3 ms and 5 ms: while both sleep the scheduler executes `idle` with the time
 *   to the earliest deadline as its timeout, so the VM costs the host nothing until a thread is due
 *   (the paper's idle-with-timeout rule);
 * - a producer and a consumer share a 3-slot queue guarded by a mutex and two condition variables;
 * - main joins everything and prints the scheduler's statistics.
 */
#include <denali.h>
#include <ilwaco/thread.h>
#include <ilwaco/timer.h>
#include <stdint.h>
#include <stdio.h>

#define TICKS 3
#define ITEMS 10
#define SLOTS 3

static uint64_t start_us;

static uint32_t elapsed_us(void)
{
    return (uint32_t)(ilwaco_now_us() - start_us);
}

static void *sleeper(void *arg)
{
    uint32_t period_us = (uint32_t)(uintptr_t)arg;
    for (int tick = 1; tick <= TICKS; tick++) {
        thread_sleep_us(period_us);
        printf("sleeper %u: tick %d at %u us\n", period_us, tick, elapsed_us());
    }
    return arg;
}

static mutex_t lock = MUTEX_INITIALIZER;
static cond_t not_empty = COND_INITIALIZER;
static cond_t not_full = COND_INITIALIZER;
static int queue[SLOTS];
static int head, count;

static void *producer(void *arg)
{
    (void)arg;
    for (int item = 1; item <= ITEMS; item++) {
        mutex_lock(&lock);
        while (count == SLOTS) {
            cond_wait(&not_full, &lock);
        }
        queue[(head + count++) % SLOTS] = item;
        cond_signal(&not_empty);
        mutex_unlock(&lock);
    }
    return 0;
}

static void *consumer(void *arg)
{
    (void)arg;
    int sum = 0;
    for (int received = 0; received < ITEMS; received++) {
        mutex_lock(&lock);
        while (count == 0) {
            cond_wait(&not_empty, &lock);
        }
        sum += queue[head];
        head = (head + 1) % SLOTS;
        count--;
        cond_signal(&not_full);
        mutex_unlock(&lock);
    }
    printf("consumer: received %d items, sum %d\n", ITEMS, sum);
    return (void *)(intptr_t)sum;
}

int main(void)
{
    start_us = ilwaco_now_us();
    thread_t fast = thread_create(sleeper, (void *)3000);
    thread_t slow = thread_create(sleeper, (void *)5000);
    thread_t produce = thread_create(producer, 0);
    thread_t consume = thread_create(consumer, 0);
    if (!fast || !slow || !produce || !consume) {
        printf("threads: out of memory\n");
        return 1;
    }
    void *sum;
    thread_join(produce, 0);
    thread_join(consume, &sum);
    thread_join(fast, 0);
    thread_join(slow, 0);

    struct thread_stats stats;
    thread_get_stats(&stats);
    printf("done at %u us: sum %d, %u idles (%u with a timer timeout)\n", elapsed_us(), (int)(intptr_t)sum,
           stats.idles, stats.timed_idles);
    return 0;
}
