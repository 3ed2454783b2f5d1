/* Disk and keyboard drivers as a guest uses them: blocking 4 KB transfers and getchar(). */
#include <ilwaco/disk.h>
#include <stdio.h>
#include <string.h>

static unsigned char block[DISK_BLOCK_SIZE];
static unsigned char back[DISK_BLOCK_SIZE];

int main(void)
{
    printf("disks %u, blocks %u\n", disk_count(), disk_blocks(0));
    for (int i = 0; i < DISK_BLOCK_SIZE; i++) {
        block[i] = (unsigned char)(i * 7);
    }
    printf("write 3: %u\n", disk_write(0, 3, block));
    printf("read 3: %u\n", disk_read(0, 3, back));
    printf("same: %d\n", memcmp(block, back, sizeof block) == 0);
    printf("read 99: %u\n", disk_read(0, 99, back));
    printf("disk 5: %u\n", disk_write(5, 0, block));
    char line[16];
    int n = 0;
    int c;
    while ((c = getchar()) != '\n' && n < 15) {
        line[n++] = (char)c;
    }
    line[n] = 0;
    printf("typed: %s\n", line);
    return 0;
}
