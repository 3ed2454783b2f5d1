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
void __net_tcp_input(const uint8_t *frame, const struct ip4_header *ip, const uint8_t *payload, size_t length);
/* The receive handler drained the NIC: TCP sends the ACKs and data it deferred while the burst lasted. */
void __net_tcp_input_done(void);

/* Readiness changes for poll(): every socket whose state may have changed calls __net_notify_activity,
   which wakes every thread waiting on __net_activity (poll and the datagram socket calls). */
extern cond_t __net_activity;
void __net_notify_activity(void);

/* net_udp.c, for socket.c: datagrams queued on a udp_bind socket, and a copy of the oldest without
   taking it (its length, or -EAGAIN if none). */
int __net_udp_queued(int socket);
int __net_udp_peek(int socket, void *buffer, size_t capacity, ip4_addr_t *src, uint16_t *src_port);

/* ------------------------------------------------------------------ net_tcp.c, for socket.c
   Timeouts: NET_WAIT_FOREVER waits without limit, 0 never waits (non-blocking: -EAGAIN). Errors are
   negative errno values. A pcb is released with __tcp_close; threads still blocked on it get -EBADF. */
struct tcp_pcb;
struct tcp_connection_info;
struct tcp_pcb *__tcp_create(void);
int __tcp_bind(struct tcp_pcb *pcb, uint16_t port, int reuse_time_wait);
int __tcp_listen(struct tcp_pcb *pcb, int backlog);
int __tcp_accept(struct tcp_pcb *listener, struct tcp_pcb **connection, uint32_t timeout_us);
/* nonblocking: start the handshake and return -EINPROGRESS. */
int __tcp_connect(struct tcp_pcb *pcb, ip4_addr_t address, uint16_t port, uint32_t timeout_us, int nonblocking);
int __tcp_send(struct tcp_pcb *pcb, const void *data, size_t length, uint32_t timeout_us);
/* flags: MSG_PEEK, MSG_WAITALL. */
int __tcp_recv(struct tcp_pcb *pcb, void *buffer, size_t length, int flags, uint32_t timeout_us);
int __tcp_shutdown(struct tcp_pcb *pcb, int how);
/* reset: send RST instead of closing gracefully (SO_LINGER with a zero time). */
void __tcp_close(struct tcp_pcb *pcb, int reset);
int __tcp_poll(struct tcp_pcb *pcb);   /* POLLIN | POLLOUT | POLLERR | POLLHUP */
int __tcp_take_error(struct tcp_pcb *pcb); /* SO_ERROR: the pending error (positive), cleared */
int __tcp_is_listening(struct tcp_pcb *pcb);
uint16_t __tcp_send_mss(struct tcp_pcb *pcb);
/* Local and remote endpoint; returns 1 if there is a remote one (connected or connecting). */
int __tcp_endpoints(struct tcp_pcb *pcb, ip4_addr_t *local, uint16_t *local_port, ip4_addr_t *remote,
                    uint16_t *remote_port);
void __tcp_info(struct tcp_pcb *pcb, struct tcp_connection_info *info);

#endif
