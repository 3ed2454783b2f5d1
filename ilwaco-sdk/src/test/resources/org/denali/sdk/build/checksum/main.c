#include <stdint.h>
#include <stdio.h>

uint32_t checksum_core(void);

int main(void)
{
    printf("checksum %08x\n", checksum_core());
    return 0;
}
