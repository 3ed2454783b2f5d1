/* Between net_nic.c (the NIC dispatcher and net_init) and net_dhcp.c; not part of the public API. */
#ifndef _ILWACO_NET_DHCP_INTERNAL_H
#define _ILWACO_NET_DHCP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* net_nic.c: installs the NIC_RECEIVE handler and takes frames already queued (idempotent). */
void __net_nic_start(void);

/* net_dhcp.c: nonzero while an exchange runs; the dispatcher then offers each frame to __net_dhcp_input,
   which returns 1 if it was a DHCP reply (consumed) and 0 if the stack should process it. */
extern int __net_dhcp_listening;
int __net_dhcp_input(const uint8_t *frame, size_t length);

#endif
