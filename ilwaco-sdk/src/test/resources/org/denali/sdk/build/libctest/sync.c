/* Mutexes and condition variables under contention: a bounded buffer with producers and consumers,
   a critical section that yields inside, broadcast, timed waits and sleep ordering. */
#include <errno.h>
#include <ilwaco/thread.h>
#include <ilwaco/timer.h>
#include <stdint.h>

#include "check.h"

#define SLOTS 4
#define PER_PRODUCER 200
#define PRODUCERS 3
#define CONSUMERS 2

static mutex_t lock = MUTEX_INITIALIZER;
static cond_t not_full = COND_INITIALIZER, not_empty = COND_INITIALIZER;
static int ring[SLOTS], head, count, produced_done;
static long consumed_sum, consumed_items;
static int max_seen;

static void *producer(void *arg)
{
    int base = (int)(intptr_t)arg;
    for (int i = 1; i <= PER_PRODUCER; i++) {
        mutex_lock(&lock);
        while (count == SLOTS) {
            cond_wait(&not_full, &lock);
        }
        ring[(head + count) % SLOTS] = base + i;
        count++;
        if (count > max_seen) max_seen = count;
        cond_signal(&not_empty);
        mutex_unlock(&lock);
        if (i % 7 == 0) thread_yield();
    }
    mutex_lock(&lock);
    produced_done++;
    cond_broadcast(&not_empty);
    mutex_unlock(&lock);
    return 0;
}

static void *consumer(void *arg)
{
    (void)arg;
    for (;;) {
        mutex_lock(&lock);
        while (count == 0 && produced_done < PRODUCERS) {
            cond_wait(&not_empty, &lock);
        }
        if (count == 0) {
            mutex_unlock(&lock);
            return 0;
        }
        consumed_sum += ring[head];
        consumed_items++;
        head = (head + 1) % SLOTS;
        count--;
        cond_signal(&not_full);
        mutex_unlock(&lock);
    }
}

static mutex_t section = MUTEX_INITIALIZER;
static int inside, overlap, section_total;

static void *critical(void *arg)
{
    (void)arg;
    for (int i = 0; i < 50; i++) {
        mutex_lock(&section);
        inside++;
        if (inside != 1) overlap = 1;
        int v = section_total;
        thread_yield(); /* other threads run while we hold the mutex: they must block on it */
        section_total = v + 1;
        inside--;
        mutex_unlock(&section);
    }
    return 0;
}

static cond_t gate = COND_INITIALIZER;
static int gate_open, woken;

static void *wait_gate(void *arg)
{
    (void)arg;
    mutex_lock(&lock);
    while (!gate_open) cond_wait(&gate, &lock);
    woken++;
    mutex_unlock(&lock);
    return 0;
}

static int wake_order[3], wakes;

static void *short_lived(void *arg)
{
    thread_sleep_us(100);
    return arg;
}

static void *sleeper(void *arg)
{
    int ms = (int)(intptr_t)arg;
    thread_sleep_us((uint32_t)ms * 1000u);
    wake_order[wakes++] = ms;
    return 0;
}

void test_sync(void)
{
    thread_t threads[PRODUCERS + CONSUMERS];
    for (int i = 0; i < PRODUCERS; i++) threads[i] = thread_create(producer, (void *)(intptr_t)(i * 1000));
    for (int i = 0; i < CONSUMERS; i++) threads[PRODUCERS + i] = thread_create(consumer, 0);
    for (int i = 0; i < PRODUCERS + CONSUMERS; i++) thread_join(threads[i], 0);
    long expected = 0;
    for (int p = 0; p < PRODUCERS; p++) expected += (long)p * 1000 * PER_PRODUCER + PER_PRODUCER * (PER_PRODUCER + 1) / 2;
    CHECK(consumed_items == PRODUCERS * PER_PRODUCER);
    CHECK(consumed_sum == expected);
    CHECK(max_seen == SLOTS); /* the buffer really filled up, so producers really waited */

    thread_t c[4];
    for (int i = 0; i < 4; i++) c[i] = thread_create(critical, 0);
    for (int i = 0; i < 4; i++) thread_join(c[i], 0);
    CHECK(!overlap);
    CHECK(section_total == 200);

    thread_t g[5];
    for (int i = 0; i < 5; i++) g[i] = thread_create(wait_gate, 0);
    thread_yield(); /* all five are now waiting on the gate */
    CHECK(woken == 0);
    mutex_lock(&lock);
    gate_open = 1;
    cond_broadcast(&gate);
    mutex_unlock(&lock);
    for (int i = 0; i < 5; i++) thread_join(g[i], 0);
    CHECK(woken == 5);

    static cond_t signalled = COND_INITIALIZER;
    thread_t s[3] = {thread_create(sleeper, (void *)30), thread_create(sleeper, (void *)10), thread_create(sleeper, (void *)20)};
    uint64_t t0 = ilwaco_now_us();
    for (int i = 0; i < 3; i++) thread_join(s[i], 0);
    CHECK(wake_order[0] == 10 && wake_order[1] == 20 && wake_order[2] == 30);
    CHECK(ilwaco_now_us() - t0 >= 30000);
    mutex_lock(&lock);
    CHECK(cond_timedwait_us(&signalled, &lock, 5000) == ETIMEDOUT);
    mutex_unlock(&lock);

    thread_t many[64];
    int created = 0, results_ok = 1;
    for (int i = 0; i < 64; i++) created += (many[i] = thread_create(short_lived, (void *)(intptr_t)i)) != 0;
    for (int i = 0; i < 64; i++) {
        void *result = 0;
        if (many[i]) thread_join(many[i], &result);
        results_ok &= (intptr_t)result == i;
    }
    CHECK(created == 64 && results_ok);
}
