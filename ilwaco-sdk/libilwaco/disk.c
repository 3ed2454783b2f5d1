/*
 * disk.c: asynchronous 4 KB block requests (DISK_SUBMIT) and blocking wrappers for threads.
 * The DISK line says "some request completed"; waiters re-check their own request's status, since
 * completion order is unspecified (architecture.md §5).
 */
#include <denali.h>
#include <ilwaco/disk.h>
#include <ilwaco/interrupt.h>
#include <ilwaco/thread.h>

#include "ilwaco_internal.h"

static struct thread_queue waiters;
static uint32_t next_tag = 1;

uint32_t disk_count(void)
{
    return denali_vregs()->disk_count;
}

uint32_t disk_blocks(uint32_t disk)
{
    return disk < disk_count() && disk < DENALI_MAX_DISKS ? denali_vregs()->disk_blocks[disk] : 0;
}

void disk_submit(struct denali_disk_request *request)
{
    request->status = DENALI_DISK_IN_PROGRESS;
    request->tag = next_tag++;
    outl(DENALI_PORT_DISK_SUBMIT, (uint32_t)(uintptr_t)request);
}

uint32_t disk_wait(struct denali_disk_request *request)
{
    while (request->status == DENALI_DISK_IN_PROGRESS) {
        __ilwaco_device_waiters++;
        thread_block_on(&waiters);
        __ilwaco_device_waiters--;
    }
    return request->status;
}

static uint32_t transfer(uint32_t op, uint32_t disk, uint32_t block, const void *buffer)
{
    struct denali_disk_request request = {op, disk, block, (uint32_t)(uintptr_t)buffer, 0, 0};
    disk_submit(&request);
    return disk_wait(&request);
}

uint32_t disk_read(uint32_t disk, uint32_t block, void *buffer)
{
    return transfer(DENALI_DISK_READ, disk, block, buffer);
}

uint32_t disk_write(uint32_t disk, uint32_t block, const void *buffer)
{
    return transfer(DENALI_DISK_WRITE, disk, block, buffer);
}

static void disk_line(void)
{
    thread_wake_all(&waiters);
}

void __ilwaco_disk_init(void)
{
    ilwaco_on_interrupt(DENALI_IRQ_DISK, disk_line);
}
