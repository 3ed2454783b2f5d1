/*
 * ilwaco/net.h: Ilwaco's small IPv4 stack over the Denali virtual NIC (architecture.md §5: one PIO per
 * frame, NIC_RECEIVE interrupt). docs/networking.md describes it as a whole.
 *
 * Layers: Ethernet II, ARP (request/reply, an 8-entry cache), IPv4 (no options sent, fragments dropped),
 * ICMP echo (pings are answered; net_ping sends them), UDP (small sockets with a per-port receive queue,
 * below) and TCP (net_tcp.c). Applications normally use the BSD-style socket calls of <ilwaco/socket.h>
 * for TCP and UDP; this header is the layer under them. Received frames are processed by the NIC_RECEIVE
 * line handler, i.e. in thread context whenever the scheduler runs (a thread that computes without
 * blocking or yielding delays them); blocking calls sleep on a condition variable with a timeout, so a VM
 * whose threads all wait for the network idles with idle-with-timeout (TCP's retransmission timers are
 * among the timers it waits for).
 *
 * What the stack does not do: DHCP (NIC_IPV4 = 0 makes net_init fail with ENETDOWN), loopback (packets
 * to our own address fail with EHOSTUNREACH), IP fragmentation and reassembly, IP options, IPv6, ICMP
 * errors (unreachable ports are not reported, TCP answers them with RST), multicast. TCP has no congestion
 * control, no Nagle, no delayed ACK timer, no SACK, no timestamps, no keep-alive, no urgent data
 * (docs/networking.md lists the design choices).
 *
 * Addresses (ip4_addr_t) are in network byte order, as in the virtual registers. The address comes from
 * NIC_IPV4/NIC_NETMASK/NIC_GATEWAY.
 */
#ifndef _ILWACO_NET_H
#define _ILWACO_NET_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

/* Linux's numbers for the network errors errno.h does not define. */
#ifndef EMSGSIZE
#define EMSGSIZE 90
#endif
#ifndef EADDRINUSE
#define EADDRINUSE 98
#endif
#ifndef ENETDOWN
#define ENETDOWN 100
#endif
#ifndef ENOBUFS
#define ENOBUFS 105
#endif
#ifndef EHOSTUNREACH
#define EHOSTUNREACH 113
#endif

typedef uint32_t ip4_addr_t; /* network byte order */

/* Byte order (the guest is little-endian). */
static inline uint16_t net_htons(uint16_t v) { return __builtin_bswap16(v); }
static inline uint16_t net_ntohs(uint16_t v) { return __builtin_bswap16(v); }
static inline uint32_t net_htonl(uint32_t v) { return __builtin_bswap32(v); }
static inline uint32_t net_ntohl(uint32_t v) { return __builtin_bswap32(v); }

/* a.b.c.d as an ip4_addr_t (network order in memory on a little-endian CPU). */
#define IP4_ADDR(a, b, c, d) \
    ((ip4_addr_t)(a) | (ip4_addr_t)(b) << 8 | (ip4_addr_t)(c) << 16 | (ip4_addr_t)(d) << 24)
#define IP4_BROADCAST 0xFFFFFFFFu

#define NET_WAIT_FOREVER 0xFFFFFFFFu /* timeout for blocking calls: wait without a deadline */

/* ------------------------------------------------------------------ wire formats */

#define ETH_ADDR_LEN 6
#define ETH_HEADER_LEN 14
#define ETH_TYPE_IPV4 0x0800
#define ETH_TYPE_ARP 0x0806
#define IP4_HEADER_LEN 20
#define IP4_PROTO_ICMP 1
#define IP4_PROTO_TCP 6
#define IP4_PROTO_UDP 17
#define UDP_HEADER_LEN 8
#define TCP_HEADER_LEN 20 /* without options */
#define ICMP_ECHO_REPLY 0
#define ICMP_ECHO_REQUEST 8

struct eth_header {
    uint8_t dst[ETH_ADDR_LEN];
    uint8_t src[ETH_ADDR_LEN];
    uint16_t type; /* network order */
} __attribute__((packed));

struct ip4_header {
    uint8_t version_ihl;   /* 0x45: version 4, 5 words */
    uint8_t tos;
    uint16_t total_length; /* network order, header + payload */
    uint16_t id;
    uint16_t flags_fragment; /* DF 0x4000, MF 0x2000, offset in 8-byte units (network order) */
    uint8_t ttl;
    uint8_t protocol;
    uint16_t checksum;
    ip4_addr_t src;
    ip4_addr_t dst;
} __attribute__((packed));

struct udp_header {
    uint16_t src_port;
    uint16_t dst_port;
    uint16_t length;   /* header + payload */
    uint16_t checksum; /* over pseudo header + UDP; 0 = none */
} __attribute__((packed));

struct tcp_header {
    uint16_t src_port;
    uint16_t dst_port;
    uint32_t seq;      /* network order */
    uint32_t ack;
    uint8_t offset;    /* header length in 32-bit words, in the high nibble */
    uint8_t flags;     /* TCP_FIN .. TCP_URG */
    uint16_t window;
    uint16_t checksum; /* over pseudo header + TCP header + data */
    uint16_t urgent;
} __attribute__((packed));
#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10
#define TCP_URG 0x20

struct icmp_echo {
    uint8_t type;
    uint8_t code;
    uint16_t checksum;
    uint16_t id;
    uint16_t sequence;
} __attribute__((packed));

_Static_assert(sizeof(struct eth_header) == ETH_HEADER_LEN, "Ethernet header");
_Static_assert(sizeof(struct ip4_header) == IP4_HEADER_LEN, "IPv4 header");
_Static_assert(sizeof(struct udp_header) == UDP_HEADER_LEN, "UDP header");
_Static_assert(sizeof(struct tcp_header) == TCP_HEADER_LEN, "TCP header");
_Static_assert(sizeof(struct icmp_echo) == 8, "ICMP echo header");

/* ------------------------------------------------------------------ checksums and headers */

/* The RFC 1071 one's-complement sum of `data` added to `sum` (not folded, not inverted); chain calls
   with even lengths except the last. */
uint32_t net_checksum_add(uint32_t sum, const void *data, size_t length);
/* Folds and inverts a sum: the value to store in a checksum field (in network order, as the data). */
uint16_t net_checksum_finish(uint32_t sum);
/* net_checksum_finish(net_checksum_add(0, data, length)). A buffer holding a correct checksum gives 0. */
uint16_t net_checksum(const void *data, size_t length);

/* UDP checksum of `udp` (header + payload, `length` bytes) with the IPv4 pseudo header; never 0 (a
   computed 0 is sent as 0xFFFF, RFC 768). */
uint16_t udp_checksum(ip4_addr_t src, ip4_addr_t dst, const void *udp, size_t length);

/* TCP checksum of `segment` (header + data, `length` bytes) with the IPv4 pseudo header: the value for the
   checksum field when that field is 0 while computing; a received segment with a correct checksum gives 0. */
uint16_t tcp_checksum(ip4_addr_t src, ip4_addr_t dst, const void *segment, size_t length);

/* Fills a 20-byte IPv4 header (DF set, TTL 64) including its checksum. */
void ip4_build_header(struct ip4_header *header, ip4_addr_t src, ip4_addr_t dst, uint8_t protocol,
                      uint16_t payload_length, uint16_t id);

/* Why a received IPv4 packet is refused (ip4_check reports the first problem). */
enum ip4_verdict {
    IP4_OK = 0,
    IP4_TRUNCATED = 1,   /* shorter than its header or its total length */
    IP4_BAD_VERSION = 2, /* not version 4, or a header length under 20 bytes */
    IP4_BAD_CHECKSUM = 3,
    IP4_FRAGMENT = 4,    /* MF set or a nonzero offset: this stack does not reassemble */
};
/* Checks the IPv4 packet at `packet` (`length` bytes as received, possibly with Ethernet padding). */
enum ip4_verdict ip4_check(const void *packet, size_t length);

/* "a.b.c.d" into `buffer` (at least 16 bytes); returns buffer. */
char *ip4_format(ip4_addr_t address, char *buffer);
/* Parses "a.b.c.d"; returns 0 and sets *address, or -EINVAL. */
int ip4_parse(const char *text, ip4_addr_t *address);

/* ------------------------------------------------------------------ the interface */

/* Reads the static configuration, registers the NIC_RECEIVE handler and processes frames already queued.
   Returns 0, or -ENETDOWN if NIC_IPV4 is 0 (DHCP, not implemented). Idempotent; every call below calls it. */
int net_init(void);

ip4_addr_t net_address(void);
ip4_addr_t net_netmask(void);
ip4_addr_t net_gateway(void);
void net_mac(uint8_t mac[ETH_ADDR_LEN]);

struct net_stats {
    uint32_t frames_received;
    uint32_t frames_sent;
    uint32_t frames_dropped;   /* malformed, not for us, fragments, unknown protocol or port, full queue */
    uint32_t send_failures;    /* NIC_SEND refused the frame (queue full or too long) */
    uint32_t arp_requests_sent;
    uint32_t pings_answered;
};
void net_get_stats(struct net_stats *stats);

/* Sends one IPv4 packet with `payload`; resolves the next hop with ARP (blocking up to about 1.5 s).
   Returns 0 or -EHOSTUNREACH, -EMSGSIZE, -ENOBUFS, -ENETDOWN. Thread context only. */
int ip4_send(ip4_addr_t dst, uint8_t protocol, const void *payload, size_t length);

/* Looks up or resolves `ip`'s MAC (on-link addresses only). 0 or -EHOSTUNREACH. Thread context only. */
int arp_resolve(ip4_addr_t ip, uint8_t mac[ETH_ADDR_LEN], uint32_t timeout_us);

/* ------------------------------------------------------------------ ICMP */

/* Sends one echo request with `payload_length` bytes of pattern and waits for the matching reply (each
   call uses a fresh ICMP id, so a late reply to an earlier call is ignored).
   Returns 0 and the round trip in *rtt_us (may be NULL), or -ETIMEDOUT / -EHOSTUNREACH / -EMSGSIZE. */
int net_ping(ip4_addr_t dst, uint16_t sequence, size_t payload_length, uint32_t timeout_us, uint32_t *rtt_us);

/* ------------------------------------------------------------------ UDP */

#define UDP_MAX_SOCKETS 8
#define UDP_QUEUE_LENGTH 8      /* datagrams queued per socket; more are dropped */
#define UDP_MAX_PAYLOAD (1500 - IP4_HEADER_LEN - UDP_HEADER_LEN)

/* Opens a socket bound to `port` (0: an ephemeral port from 49152). Returns a descriptor >= 0, or
   -EADDRINUSE / -ENOBUFS (no free socket) / -ENETDOWN. */
int udp_bind(uint16_t port);
uint16_t udp_local_port(int socket);
/* Frees the socket and its queued datagrams; threads blocked in udp_recvfrom get -EBADF. */
int udp_close(int socket);

/* Sends one datagram. Returns `length`, or -EBADF / -EMSGSIZE / -EHOSTUNREACH / -ENOBUFS. */
int udp_sendto(int socket, ip4_addr_t dst, uint16_t dst_port, const void *data, size_t length);

/* Takes the oldest queued datagram, waiting up to timeout_us (NET_WAIT_FOREVER: no limit; 0: poll).
   Copies at most `capacity` bytes (the rest of a longer datagram is discarded) and returns the datagram's
   length, or -ETIMEDOUT / -EBADF. `src` and `src_port` may be NULL. */
int udp_recvfrom(int socket, void *buffer, size_t capacity, ip4_addr_t *src, uint16_t *src_port,
                 uint32_t timeout_us);

#endif
