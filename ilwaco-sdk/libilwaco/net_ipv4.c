/*
 * net_ipv4.c: Internet checksums, IPv4 headers, receive-side checks and routing of outgoing packets to
 * the next hop (on-link directly, otherwise the gateway). Packets are never fragmented: we set DF and
 * refuse payloads over the MTU; received fragments are dropped, since nothing above needs them yet.
 */
#include <stdio.h>
#include <string.h>

#include "net_internal.h"

#define ARP_TIMEOUT_US 1500000u
#define SEND_RETRIES 5
#define IP4_FLAG_DF 0x4000
#define IP4_FLAG_MF 0x2000
#define IP4_OFFSET_MASK 0x1FFF

static uint16_t next_id = 1;

/* x86 loads 32-bit words at any address; this type says so to the compiler (and that it may alias). */
typedef uint32_t __attribute__((aligned(1), may_alias)) unaligned_u32;

uint32_t net_checksum_add(uint32_t sum, const void *data, size_t length)
{
    const uint8_t *p = data;
    /* Sum 32-bit words into 64 bits, then fold: the one's-complement sum is the same over any word width
       once folded (2^16 = 1 modulo 0xFFFF), and byte-order independent, so the result can be stored back
       without swapping (RFC 1071 §2(A), (B)). Wide words cut the instructions per byte to a third, and
       TCP sums every byte it sends and receives. */
    uint64_t wide = sum;
    for (; length >= 16; p += 16, length -= 16) {
        const unaligned_u32 *w = (const unaligned_u32 *)p;
        wide += (uint64_t)w[0] + w[1] + (uint64_t)w[2] + w[3];
    }
    for (; length >= 4; p += 4, length -= 4) {
        wide += *(const unaligned_u32 *)p;
    }
    for (; length >= 2; p += 2, length -= 2) {
        wide += (uint32_t)(p[0] | p[1] << 8);
    }
    if (length) {
        wide += p[0];
    }
    while (wide >> 16) {
        wide = (wide & 0xFFFF) + (wide >> 16);
    }
    return (uint32_t)wide;
}

uint16_t net_checksum_finish(uint32_t sum)
{
    while (sum >> 16) {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    return (uint16_t)~sum;
}

uint16_t net_checksum(const void *data, size_t length)
{
    return net_checksum_finish(net_checksum_add(0, data, length));
}

uint16_t udp_checksum(ip4_addr_t src, ip4_addr_t dst, const void *udp, size_t length)
{
    uint8_t pseudo[12];
    memcpy(pseudo, &src, 4);
    memcpy(pseudo + 4, &dst, 4);
    pseudo[8] = 0;
    pseudo[9] = IP4_PROTO_UDP;
    uint16_t udp_length = net_htons((uint16_t)length);
    memcpy(pseudo + 10, &udp_length, 2);
    uint16_t sum = net_checksum_finish(net_checksum_add(net_checksum_add(0, pseudo, 12), udp, length));
    return sum == 0 ? 0xFFFF : sum;
}

void ip4_build_header(struct ip4_header *header, ip4_addr_t src, ip4_addr_t dst, uint8_t protocol,
                      uint16_t payload_length, uint16_t id)
{
    header->version_ihl = 0x45;
    header->tos = 0;
    header->total_length = net_htons((uint16_t)(IP4_HEADER_LEN + payload_length));
    header->id = net_htons(id);
    header->flags_fragment = net_htons(IP4_FLAG_DF);
    header->ttl = 64;
    header->protocol = protocol;
    header->checksum = 0;
    header->src = src;
    header->dst = dst;
    header->checksum = net_checksum(header, IP4_HEADER_LEN);
}

enum ip4_verdict ip4_check(const void *packet, size_t length)
{
    const struct ip4_header *ip = packet;
    if (length < IP4_HEADER_LEN) {
        return IP4_TRUNCATED;
    }
    size_t header_length = (size_t)(ip->version_ihl & 0x0F) * 4;
    if ((ip->version_ihl >> 4) != 4 || header_length < IP4_HEADER_LEN) {
        return IP4_BAD_VERSION;
    }
    if (length < header_length || length < net_ntohs(ip->total_length) || net_ntohs(ip->total_length) < header_length) {
        return IP4_TRUNCATED;
    }
    if (net_checksum(ip, header_length) != 0) {
        return IP4_BAD_CHECKSUM;
    }
    if (net_ntohs(ip->flags_fragment) & (IP4_FLAG_MF | IP4_OFFSET_MASK)) {
        return IP4_FRAGMENT;
    }
    return IP4_OK;
}

char *ip4_format(ip4_addr_t address, char *buffer)
{
    const uint8_t *b = (const uint8_t *)&address;
    sprintf(buffer, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    return buffer;
}

int ip4_parse(const char *text, ip4_addr_t *address)
{
    uint8_t bytes[4];
    for (int i = 0; i < 4; i++) {
        unsigned value = 0;
        int digits = 0;
        while (*text >= '0' && *text <= '9' && digits < 4) {
            value = value * 10 + (unsigned)(*text++ - '0');
            digits++;
        }
        if (digits == 0 || digits > 3 || value > 255 || *text != (i < 3 ? '.' : '\0')) {
            return -EINVAL;
        }
        bytes[i] = (uint8_t)value;
        text++;
    }
    memcpy(address, bytes, 4);
    return 0;
}

static int for_us(ip4_addr_t dst)
{
    ip4_addr_t self = net_address(), mask = net_netmask();
    return dst == self || dst == IP4_BROADCAST || (mask != 0 && mask != IP4_BROADCAST && dst == (self | ~mask));
}

void __net_ip4_input(const uint8_t *frame, size_t length)
{
    const uint8_t *packet = frame + ETH_HEADER_LEN;
    const struct ip4_header *ip = (const struct ip4_header *)packet;
    length -= ETH_HEADER_LEN;
    if (ip4_check(packet, length) != IP4_OK || !for_us(ip->dst)) {
        __net_stats.frames_dropped++;
        return;
    }
    size_t header_length = (size_t)(ip->version_ihl & 0x0F) * 4; /* options are skipped, not interpreted */
    const uint8_t *payload = packet + header_length;
    size_t payload_length = net_ntohs(ip->total_length) - header_length; /* without Ethernet padding */
    switch (ip->protocol) {
    case IP4_PROTO_ICMP:
        __net_icmp_input(frame, ip, payload, payload_length);
        break;
    case IP4_PROTO_UDP:
        __net_udp_input(ip, payload, payload_length);
        break;
    case IP4_PROTO_TCP:
        __net_tcp_input(frame, ip, payload, payload_length);
        break;
    default:
        __net_stats.frames_dropped++;
    }
}

int __net_ip4_output(uint8_t *frame, const uint8_t mac[ETH_ADDR_LEN], ip4_addr_t dst, uint8_t protocol,
                     size_t payload_length)
{
    if (payload_length > 1500 - IP4_HEADER_LEN) {
        return -EMSGSIZE;
    }
    ip4_build_header((struct ip4_header *)(frame + ETH_HEADER_LEN), net_address(), dst, protocol,
                     (uint16_t)payload_length, next_id++);
    return __net_eth_send(frame, mac, ETH_TYPE_IPV4, IP4_HEADER_LEN + payload_length);
}

int ip4_send(ip4_addr_t dst, uint8_t protocol, const void *payload, size_t length)
{
    if (net_init() < 0) {
        return -ENETDOWN;
    }
    if (length > 1500 - IP4_HEADER_LEN) {
        return -EMSGSIZE;
    }
    ip4_addr_t self = net_address(), mask = net_netmask();
    uint8_t mac[ETH_ADDR_LEN];
    if (dst == IP4_BROADCAST || (mask != IP4_BROADCAST && dst == (self | ~mask))) {
        memcpy(mac, __net_broadcast_mac, ETH_ADDR_LEN);
    } else {
        ip4_addr_t hop = (dst & mask) == (self & mask) ? dst : net_gateway();
        if (hop == 0 || arp_resolve(hop, mac, ARP_TIMEOUT_US) < 0) {
            return -EHOSTUNREACH;
        }
    }
    uint8_t frame[NET_FRAME_MAX];
    memcpy(frame + ETH_HEADER_LEN + IP4_HEADER_LEN, payload, length);
    int result;
    /* A full transmit queue drains as the kernel's switch runs: give it a few milliseconds. */
    for (int attempt = 0; (result = __net_ip4_output(frame, mac, dst, protocol, length)) == -ENOBUFS
            && attempt < SEND_RETRIES; attempt++) {
        thread_sleep_us(1000);
    }
    return result;
}
