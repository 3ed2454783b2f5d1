/*
 * ilwaco/dhcp.h: Ilwaco's DHCP client (RFC 2131, the four-message DISCOVER / OFFER / REQUEST / ACK exchange).
 *
 * net_init() runs it by itself when NIC_IPV4 is 0 (no static address, e.g. `denali run --net passt:...`
 * without --ip; passt answers DHCP) and configures the stack with the lease: address, netmask, gateway.
 * When no usable answer arrives, net_init() returns -ENETDOWN and dhcp_error() says why.
 *
 * Replies are asked for by broadcast (the BROADCAST flag) but unicast ones to the offered address are
 * taken too, since the stack has no address to filter on yet. Leases are not renewed: the lease time is
 * reported, and passt's leases outlive any VM run.
 */
#ifndef _ILWACO_DHCP_H
#define _ILWACO_DHCP_H

#include <ilwaco/net.h>

#ifndef ECONNREFUSED
#define ECONNREFUSED 111
#endif

#define DHCP_CLIENT_PORT 68
#define DHCP_SERVER_PORT 67

/* How long dhcp_acquire waits: DHCP_ATTEMPTS rounds, each a DISCOVER (and a REQUEST once offered) with
   its own timeout, doubling from DHCP_FIRST_TIMEOUT_US up to DHCP_MAX_TIMEOUT_US (0.5 + 1 + 2 + 2 s). */
#define DHCP_ATTEMPTS 4
#define DHCP_FIRST_TIMEOUT_US 500000u
#define DHCP_MAX_TIMEOUT_US 2000000u

struct dhcp_lease {
    ip4_addr_t address;    /* yiaddr of the ACK */
    ip4_addr_t netmask;    /* option 1; if absent, the classful mask of the address */
    ip4_addr_t gateway;    /* option 3 (first router), 0 if none */
    ip4_addr_t server;     /* option 54, the server identifier */
    ip4_addr_t dns;        /* option 6 (first server), 0 if none */
    uint32_t lease_seconds; /* option 51; 0xFFFFFFFF = infinite */
};

/* Runs the DHCP exchange on the NIC (installs the NIC's receive handler if needed; does not configure the
   stack: net_init does that). Returns 0 and fills *lease, or
   -ETIMEDOUT     no DHCPOFFER / DHCPACK arrived in any round,
   -ECONNREFUSED  the server answered our REQUEST with DHCPNAK in every round,
   -ENOBUFS       the NIC refused our frames,
   -ENETDOWN      the VM has no NIC (NIC_MAC is all zero).
   dhcp_error() describes the failure in one sentence. Thread context only. */
int dhcp_acquire(struct dhcp_lease *lease);

/* Why the last DHCP exchange failed ("" after a success or before any). */
const char *dhcp_error(void);

/* The lease net_init configured the stack from: 0 and *lease, or -ENOENT if the address is static (or
   the stack is not configured). */
int net_dhcp_lease(struct dhcp_lease *lease);

#endif
