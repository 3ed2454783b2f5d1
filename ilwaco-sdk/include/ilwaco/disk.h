/*
 * ilwaco/disk.h: Denali's virtual disks: 4 KB blocks, asynchronous DISK_SUBMIT requests and a DISK
 * completion interrupt. disk_submit starts a request and returns; disk_read/disk_write block the calling
 * thread until the request completes (other threads run, or the VM idles).
 */
#ifndef _ILWACO_DISK_H
#define _ILWACO_DISK_H

#include <denali.h>
#include <stdint.h>

#define DISK_BLOCK_SIZE DENALI_DISK_BLOCK_SIZE

/* Number of disks granted to this VM and the size of one in blocks (0 for a missing disk). */
uint32_t disk_count(void);
uint32_t disk_blocks(uint32_t disk);

/* Starts `request` (op, disk, block, buf filled in); its status reads DENALI_DISK_IN_PROGRESS until done. */
void disk_submit(struct denali_disk_request *request);

/* Blocks until `request` completes; returns its status (DENALI_DISK_OK on success). */
uint32_t disk_wait(struct denali_disk_request *request);

/* Blocking 4 KB transfers; return DENALI_DISK_OK or the failure status. */
uint32_t disk_read(uint32_t disk, uint32_t block, void *buffer);
uint32_t disk_write(uint32_t disk, uint32_t block, const void *buffer);

#endif
