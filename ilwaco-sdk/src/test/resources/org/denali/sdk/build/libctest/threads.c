#include <errno.h>
#include <ilwaco/thread.h>
#include <ilwaco/timer.h>

#include "check.h"

static int order[8];
static int recorded;

static void *record(void *arg)
{
    int id = (int)(intptr_t)arg;
    order[recorded++] = id;
    thread_yield();
    order[recorded++] = id + 10;
    return (void *)(intptr_t)(id * 100);
}

static mutex_t lock = MUTEX_INITIALIZER;
static cond_t never = COND_INITIALIZER;

void test_threads(void)
{
    thread_t a = thread_create(record, (void *)1);
    thread_t b = thread_create(record, (void *)2);
    void *ra, *rb;
    thread_join(a, &ra);
    thread_join(b, &rb);
    CHECK((intptr_t)ra == 100 && (intptr_t)rb == 200);
    /* FIFO round robin: 1, 2 run, yield, then 11, 12. */
    CHECK(recorded == 4 && order[0] == 1 && order[1] == 2 && order[2] == 11 && order[3] == 12);

    uint64_t t0 = ilwaco_now_us();
    mutex_lock(&lock);
    CHECK(cond_timedwait_us(&never, &lock, 2000) == ETIMEDOUT);
    mutex_unlock(&lock);
    CHECK(ilwaco_now_us() - t0 >= 2000);
    CHECK(mutex_trylock(&lock) == 1 && mutex_trylock(&lock) == 0);
    mutex_unlock(&lock);
    CHECK(thread_join(thread_self(), 0) == EDEADLK);
}
