/*
 * net_icmp.c: ICMP echo. Requests to our address are answered from the receive handler, straight to the
 * sender's MAC (no ARP lookup needed, so answering never blocks). net_ping waits for its reply on a
 * record linked into `pending`; the handler marks matching records and wakes their threads.
 */
#include <ilwaco/timer.h>
#include <string.h>

#include "net_internal.h"

#define PING_ID_BASE 0x4C57 /* "LW"; each call takes the next id so late replies match nothing */

struct ping {
    uint16_t id;
    uint16_t sequence;
    int answered;
    uint64_t answered_at;
    struct ping *next;
};

static struct ping *pending;
static cond_t replies = COND_INITIALIZER;
static uint16_t next_id = PING_ID_BASE;
static uint8_t reply_frame[NET_FRAME_MAX];

void __net_icmp_input(const uint8_t *frame, const struct ip4_header *ip, const uint8_t *payload, size_t length)
{
    const struct icmp_echo *icmp = (const struct icmp_echo *)payload;
    if (length < sizeof *icmp || net_checksum(payload, length) != 0) {
        __net_stats.frames_dropped++;
        return;
    }
    if (icmp->type == ICMP_ECHO_REQUEST && icmp->code == 0) {
        if (ip->dst != net_address()) {
            return; /* no answers to broadcast pings: one request must not make every VM send */
        }
        uint8_t *reply = reply_frame + ETH_HEADER_LEN + IP4_HEADER_LEN;
        memcpy(reply, payload, length);
        struct icmp_echo *echo = (struct icmp_echo *)reply;
        echo->type = ICMP_ECHO_REPLY;
        echo->checksum = 0;
        echo->checksum = net_checksum(reply, length);
        const struct eth_header *eth = (const struct eth_header *)frame;
        if (__net_ip4_output(reply_frame, eth->src, ip->src, IP4_PROTO_ICMP, length) == 0) {
            __net_stats.pings_answered++;
        }
    } else if (icmp->type == ICMP_ECHO_REPLY) {
        for (struct ping *p = pending; p; p = p->next) {
            if (p->id == net_ntohs(icmp->id) && p->sequence == net_ntohs(icmp->sequence) && !p->answered) {
                p->answered = 1;
                p->answered_at = ilwaco_now_us();
                cond_broadcast(&replies);
            }
        }
    }
}

int net_ping(ip4_addr_t dst, uint16_t sequence, size_t payload_length, uint32_t timeout_us, uint32_t *rtt_us)
{
    if (payload_length > 1500 - IP4_HEADER_LEN - sizeof(struct icmp_echo)) {
        return -EMSGSIZE;
    }
    struct ping ping = {next_id++, sequence, 0, 0, pending};
    uint8_t message[1500 - IP4_HEADER_LEN];
    struct icmp_echo *echo = (struct icmp_echo *)message;
    echo->type = ICMP_ECHO_REQUEST;
    echo->code = 0;
    echo->checksum = 0;
    echo->id = net_htons(ping.id);
    echo->sequence = net_htons(sequence);
    for (size_t i = 0; i < payload_length; i++) {
        message[sizeof *echo + i] = (uint8_t)(0x20 + i % 64); /* printable, like ping(8)'s pattern */
    }
    size_t length = sizeof *echo + payload_length;
    echo->checksum = net_checksum(message, length);

    uint64_t start = ilwaco_now_us();
    uint64_t deadline = start + timeout_us;
    pending = &ping; /* linked before sending: the reply may be processed while ip4_send waits for ARP */
    int result = ip4_send(dst, IP4_PROTO_ICMP, message, length);
    while (result == 0 && !ping.answered) {
        uint64_t now = ilwaco_now_us();
        if (now >= deadline || __net_wait(&replies, (uint32_t)(deadline - now)) == ETIMEDOUT) {
            result = ping.answered ? 0 : -ETIMEDOUT;
            break;
        }
    }
    for (struct ping **link = &pending; *link; link = &(*link)->next) {
        if (*link == &ping) {
            *link = ping.next;
            break;
        }
    }
    if (result == 0 && rtt_us) {
        *rtt_us = (uint32_t)(ping.answered_at - start);
    }
    return result;
}
