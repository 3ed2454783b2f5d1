/*
 * net_arp.c: ARP for IPv4 over Ethernet (RFC 826): answers requests for our address, learns the sender of
 * every request or reply aimed at us, and resolves next hops for ip4_send with a few retried requests.
 * The cache is small and replaces the oldest entry; entries never expire because addresses on the virtual
 * LAN are static for a VM's lifetime.
 */
#include <ilwaco/timer.h>
#include <string.h>

#include "net_internal.h"

#define ARP_CACHE_SIZE 8
#define ARP_ATTEMPTS 3
#define ARP_OP_REQUEST 1
#define ARP_OP_REPLY 2

struct arp_packet {
    uint16_t hardware_type; /* 1 = Ethernet */
    uint16_t protocol_type; /* 0x0800 */
    uint8_t hardware_length;
    uint8_t protocol_length;
    uint16_t operation;
    uint8_t sender_mac[ETH_ADDR_LEN];
    ip4_addr_t sender_ip;
    uint8_t target_mac[ETH_ADDR_LEN];
    ip4_addr_t target_ip;
} __attribute__((packed));
_Static_assert(sizeof(struct arp_packet) == 28, "ARP packet");

static struct {
    ip4_addr_t ip; /* 0 = empty */
    uint8_t mac[ETH_ADDR_LEN];
} cache[ARP_CACHE_SIZE];
static unsigned next_victim;
static cond_t resolved = COND_INITIALIZER;

int __net_arp_lookup(ip4_addr_t ip, uint8_t mac[ETH_ADDR_LEN])
{
    for (int i = 0; i < ARP_CACHE_SIZE; i++) {
        if (cache[i].ip == ip && ip != 0) {
            memcpy(mac, cache[i].mac, ETH_ADDR_LEN);
            return 1;
        }
    }
    return 0;
}

static void learn(ip4_addr_t ip, const uint8_t mac[ETH_ADDR_LEN])
{
    int slot = -1;
    for (int i = 0; i < ARP_CACHE_SIZE && slot < 0; i++) {
        if (cache[i].ip == ip) {
            slot = i;
        }
    }
    if (slot < 0) {
        slot = next_victim++ % ARP_CACHE_SIZE;
        cache[slot].ip = ip;
    }
    memcpy(cache[slot].mac, mac, ETH_ADDR_LEN);
    cond_broadcast(&resolved);
}

static int send_arp(uint16_t operation, const uint8_t dst_mac[ETH_ADDR_LEN], const uint8_t target_mac[ETH_ADDR_LEN],
                    ip4_addr_t target_ip)
{
    uint8_t frame[64];
    struct arp_packet *arp = (struct arp_packet *)(frame + ETH_HEADER_LEN);
    arp->hardware_type = net_htons(1);
    arp->protocol_type = net_htons(ETH_TYPE_IPV4);
    arp->hardware_length = ETH_ADDR_LEN;
    arp->protocol_length = 4;
    arp->operation = net_htons(operation);
    net_mac(arp->sender_mac);
    arp->sender_ip = net_address();
    memcpy(arp->target_mac, target_mac, ETH_ADDR_LEN);
    arp->target_ip = target_ip;
    return __net_eth_send(frame, dst_mac, ETH_TYPE_ARP, sizeof *arp);
}

void __net_arp_input(const uint8_t *frame, size_t length)
{
    const struct arp_packet *arp = (const struct arp_packet *)(frame + ETH_HEADER_LEN);
    if (length < ETH_HEADER_LEN + sizeof *arp || arp->hardware_type != net_htons(1)
            || arp->protocol_type != net_htons(ETH_TYPE_IPV4) || arp->hardware_length != ETH_ADDR_LEN
            || arp->protocol_length != 4 || arp->target_ip != net_address() || arp->sender_ip == 0) {
        __net_stats.frames_dropped++;
        return;
    }
    /* Whoever asks us will talk to us next (RFC 826 "merge"): remember them, which also lets the reply
       to their first packet go out without a request of our own. */
    learn(arp->sender_ip, arp->sender_mac);
    if (arp->operation == net_htons(ARP_OP_REQUEST)) {
        send_arp(ARP_OP_REPLY, arp->sender_mac, arp->sender_mac, arp->sender_ip);
    }
}

int arp_resolve(ip4_addr_t ip, uint8_t mac[ETH_ADDR_LEN], uint32_t timeout_us)
{
    if (net_init() < 0) {
        return -ENETDOWN;
    }
    static const uint8_t unknown[ETH_ADDR_LEN];
    uint32_t per_attempt = timeout_us / ARP_ATTEMPTS;
    for (int attempt = 0; attempt < ARP_ATTEMPTS; attempt++) {
        if (__net_arp_lookup(ip, mac)) {
            return 0;
        }
        send_arp(ARP_OP_REQUEST, __net_broadcast_mac, unknown, ip);
        __net_stats.arp_requests_sent++;
        /* Other addresses may be learned meanwhile: wait out the attempt's full time, re-checking. */
        uint64_t deadline = ilwaco_now_us() + per_attempt;
        while (!__net_arp_lookup(ip, mac)) {
            uint64_t now = ilwaco_now_us();
            if (now >= deadline || __net_wait(&resolved, (uint32_t)(deadline - now)) == ETIMEDOUT) {
                break;
            }
        }
    }
    return __net_arp_lookup(ip, mac) ? 0 : -EHOSTUNREACH;
}
