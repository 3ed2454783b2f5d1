/* Declarations shared by the net_*.c files (not part of the public API, see <ilwaco/net.h>). */
#ifndef _ILWACO_NET_INTERNAL_H
#define _ILWACO_NET_INTERNAL_H

#include <ilwaco/net.h>
#include <ilwaco/thread.h>

/* The largest frame we send or accept: header + the 1500-byte payload the MTU allows. */
#define NET_FRAME_MAX (ETH_HEADER_LEN + 1500)

/* net_nic.c: configuration, statistics, the NIC PIOs and the receive dispatcher. */
extern struct net_stats __net_stats;
extern const uint8_t __net_broadcast_mac[ETH_ADDR_LEN];
/* One lock for every wait in the stack. Threads only hold it around their condition waits; the receive
   handler never takes it (it runs between thread switches, so it cannot interleave with a holder). */
extern mutex_t __net_lock;
/* Fills the Ethernet header of `frame` and sends it with NIC_SEND; 0 or -ENOBUFS / -EMSGSIZE. */
int __net_eth_send(uint8_t *frame, const uint8_t dst[ETH_ADDR_LEN], uint16_t type, size_t payload_length);
/* Blocks on `cond` under __net_lock for up to timeout_us (NET_WAIT_FOREVER: no limit); 0 or ETIMEDOUT. */
int __net_wait(cond_t *cond, uint32_t timeout_us);

/* net_arp.c */
void __net_arp_input(const uint8_t *frame, size_t length);
/* Cache lookup only (handler context); 1 if found. */
int __net_arp_lookup(ip4_addr_t ip, uint8_t mac[ETH_ADDR_LEN]);

/* net_ipv4.c */
void __net_ip4_input(const uint8_t *frame, size_t length);
/* Sends an IPv4 packet whose payload is already at frame + 34 to a known MAC (handler context). */
int __net_ip4_output(uint8_t *frame, const uint8_t mac[ETH_ADDR_LEN], ip4_addr_t dst, uint8_t protocol,
                     size_t payload_length);

/* net_icmp.c and net_udp.c: `ip` is the checked header, `payload` what follows it. */
void __net_icmp_input(const uint8_t *frame, const struct ip4_header *ip, const uint8_t *payload, size_t length);
void __net_udp_input(const struct ip4_header *ip, const uint8_t *payload, size_t length);

#endif
