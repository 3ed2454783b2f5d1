/*
 * net_dhcp.c: the DHCP client (RFC 2131/2132): DISCOVER -> OFFER -> REQUEST -> ACK, with retransmission.
 *
 * It runs before the stack has an address, so it bypasses the IPv4 layer in both directions: it builds
 * its own Ethernet/IPv4/UDP frames (source 0.0.0.0, destination 255.255.255.255) and the NIC dispatcher
 * hands it every frame while an exchange is running (__net_dhcp_input), because replies may be unicast
 * to the offered address, which the IPv4 layer would drop as "not for us".
 */
#include <denali.h>
#include <ilwaco/dhcp.h>
#include <ilwaco/timer.h>
#include <stdio.h>
#include <string.h>

#include "net_dhcp_internal.h"
#include "net_internal.h"

#define BOOTREQUEST 1
#define BOOTREPLY 2
#define HTYPE_ETHERNET 1
#define BOOTP_FIXED_LEN 236      /* op .. file, before the magic cookie */
#define BOOTP_MIN_LEN 300        /* BOOTP's minimum message: some servers drop shorter ones */
#define DHCP_MAGIC 0x63825363u
#define FLAG_BROADCAST 0x8000

#define DHCPDISCOVER 1
#define DHCPOFFER 2
#define DHCPREQUEST 3
#define DHCPACK 5
#define DHCPNAK 6

#define OPT_PAD 0
#define OPT_SUBNET_MASK 1
#define OPT_ROUTER 3
#define OPT_DNS 6
#define OPT_REQUESTED_IP 50
#define OPT_LEASE_TIME 51
#define OPT_MESSAGE_TYPE 53
#define OPT_SERVER_ID 54
#define OPT_PARAMETER_LIST 55
#define OPT_MAX_MESSAGE_SIZE 57
#define OPT_END 255

struct bootp {
    uint8_t op, htype, hlen, hops;
    uint32_t xid;
    uint16_t secs, flags;
    ip4_addr_t ciaddr, yiaddr, siaddr, giaddr;
    uint8_t chaddr[16];
    uint8_t sname[64];
    uint8_t file[128];
    uint32_t magic;
    uint8_t options[];
} __attribute__((packed));
_Static_assert(sizeof(struct bootp) == BOOTP_FIXED_LEN + 4, "BOOTP header");

/* A parsed reply: only what the client acts on. */
struct reply {
    int type;
    ip4_addr_t yiaddr;
    struct dhcp_lease lease;
};

/* Set while an exchange runs; the dispatcher then offers every frame to __net_dhcp_input. */
int __net_dhcp_listening;

static uint32_t current_xid;
/* Replies waiting for the client thread: several can arrive in one burst of the receive handler. */
#define REPLY_SLOTS 4
static uint8_t reply_frames[REPLY_SLOTS][NET_FRAME_MAX];
static unsigned replies_in, replies_out; /* ring indices, free-running */
static cond_t reply_arrived = COND_INITIALIZER;
static char error_text[256];
static unsigned ignored_replies;

const char *dhcp_error(void)
{
    return error_text;
}

static void put_option(uint8_t **p, uint8_t code, const void *value, uint8_t length)
{
    *(*p)++ = code;
    *(*p)++ = length;
    memcpy(*p, value, length);
    *p += length;
}

/* Broadcasts one DHCPDISCOVER (offered == 0) or DHCPREQUEST for `offered` from `server`. */
static int send_message(int type, ip4_addr_t offered, ip4_addr_t server, uint16_t seconds)
{
    static uint8_t frame[NET_FRAME_MAX];
    memset(frame, 0, ETH_HEADER_LEN + IP4_HEADER_LEN + UDP_HEADER_LEN + BOOTP_MIN_LEN);
    struct udp_header *udp = (struct udp_header *)(frame + ETH_HEADER_LEN + IP4_HEADER_LEN);
    struct bootp *bootp = (struct bootp *)(udp + 1);
    bootp->op = BOOTREQUEST;
    bootp->htype = HTYPE_ETHERNET;
    bootp->hlen = ETH_ADDR_LEN;
    bootp->xid = current_xid;
    bootp->secs = net_htons(seconds);
    bootp->flags = net_htons(FLAG_BROADCAST); /* we cannot receive unicast IP before we have an address */
    net_mac(bootp->chaddr);
    bootp->magic = net_htonl(DHCP_MAGIC);

    uint8_t *p = bootp->options;
    uint8_t message_type = (uint8_t)type;
    put_option(&p, OPT_MESSAGE_TYPE, &message_type, 1);
    if (type == DHCPREQUEST) {
        put_option(&p, OPT_REQUESTED_IP, &offered, 4);
        put_option(&p, OPT_SERVER_ID, &server, 4);
    }
    static const uint8_t wanted[] = {OPT_SUBNET_MASK, OPT_ROUTER, OPT_DNS, OPT_LEASE_TIME, OPT_SERVER_ID};
    put_option(&p, OPT_PARAMETER_LIST, wanted, sizeof wanted);
    uint16_t max_size = net_htons(1500 - IP4_HEADER_LEN - UDP_HEADER_LEN);
    put_option(&p, OPT_MAX_MESSAGE_SIZE, &max_size, 2);
    *p++ = OPT_END;

    size_t bootp_length = (size_t)(p - (uint8_t *)bootp);
    if (bootp_length < BOOTP_MIN_LEN) {
        bootp_length = BOOTP_MIN_LEN; /* zero padding, already cleared */
    }
    size_t udp_length = UDP_HEADER_LEN + bootp_length;
    udp->src_port = net_htons(DHCP_CLIENT_PORT);
    udp->dst_port = net_htons(DHCP_SERVER_PORT);
    udp->length = net_htons((uint16_t)udp_length);
    udp->checksum = udp_checksum(0, IP4_BROADCAST, udp, udp_length);
    ip4_build_header((struct ip4_header *)(frame + ETH_HEADER_LEN), 0, IP4_BROADCAST, IP4_PROTO_UDP,
                     (uint16_t)udp_length, (uint16_t)(current_xid + (uint32_t)type));
    return __net_eth_send(frame, __net_broadcast_mac, ETH_TYPE_IPV4, IP4_HEADER_LEN + udp_length);
}

/* Handler context: keeps the newest BOOTREPLY to our transaction (port 67 -> 68) for the waiting thread.
   Returns 1 if the frame was a DHCP reply (taken or not), 0 to let the stack process it normally. */
int __net_dhcp_input(const uint8_t *frame, size_t length)
{
    const struct eth_header *eth = (const struct eth_header *)frame;
    if (length < ETH_HEADER_LEN + IP4_HEADER_LEN || net_ntohs(eth->type) != ETH_TYPE_IPV4) {
        return 0;
    }
    const uint8_t *packet = frame + ETH_HEADER_LEN;
    const struct ip4_header *ip = (const struct ip4_header *)packet;
    if (ip4_check(packet, length - ETH_HEADER_LEN) != IP4_OK || ip->protocol != IP4_PROTO_UDP) {
        return 0;
    }
    size_t header_length = (size_t)(ip->version_ihl & 0x0F) * 4;
    size_t ip_payload = net_ntohs(ip->total_length) - header_length;
    const struct udp_header *udp = (const struct udp_header *)(packet + header_length);
    if (ip_payload < UDP_HEADER_LEN || net_ntohs(udp->dst_port) != DHCP_CLIENT_PORT
            || net_ntohs(udp->src_port) != DHCP_SERVER_PORT) {
        return 0;
    }
    size_t udp_length = net_ntohs(udp->length);
    const struct bootp *bootp = (const struct bootp *)(udp + 1);
    uint8_t mac[ETH_ADDR_LEN];
    net_mac(mac);
    if (udp_length < UDP_HEADER_LEN + sizeof(struct bootp) || udp_length > ip_payload
            || (udp->checksum != 0 && udp_checksum(ip->src, ip->dst, udp, udp_length) != 0xFFFF)
            || bootp->op != BOOTREPLY || bootp->xid != current_xid || memcmp(bootp->chaddr, mac, ETH_ADDR_LEN) != 0) {
        ignored_replies++;
        __net_stats.frames_dropped++;
        return 1;
    }
    if (replies_in - replies_out == REPLY_SLOTS) {
        ignored_replies++; /* the client is behind by a whole ring: a flood, not a server */
        return 1;
    }
    memcpy(reply_frames[replies_in % REPLY_SLOTS], frame, length);
    replies_in++;
    cond_signal(&reply_arrived);
    return 1;
}

static ip4_addr_t classful_mask(ip4_addr_t address)
{
    uint8_t first = (uint8_t)address; /* network order: the first octet is the low byte */
    return first < 128 ? IP4_ADDR(255, 0, 0, 0) : first < 192 ? IP4_ADDR(255, 255, 0, 0) : IP4_ADDR(255, 255, 255, 0);
}

/* Parses a reply frame (checked by __net_dhcp_input); 0 if it is not a well-formed DHCP message. */
static int parse_reply(const uint8_t *frame, struct reply *reply)
{
    const struct ip4_header *ip = (const struct ip4_header *)(frame + ETH_HEADER_LEN);
    size_t header_length = (size_t)(ip->version_ihl & 0x0F) * 4;
    const struct udp_header *udp = (const struct udp_header *)((const uint8_t *)ip + header_length);
    const struct bootp *bootp = (const struct bootp *)(udp + 1);
    const uint8_t *end = (const uint8_t *)udp + net_ntohs(udp->length);
    if (net_ntohl(bootp->magic) != DHCP_MAGIC) {
        return 0;
    }
    memset(reply, 0, sizeof *reply);
    reply->yiaddr = bootp->yiaddr;
    reply->lease.address = bootp->yiaddr;
    reply->lease.lease_seconds = 0xFFFFFFFFu;
    int has_mask = 0;
    for (const uint8_t *o = bootp->options; o < end;) {
        if (*o == OPT_PAD) {
            o++;
            continue;
        }
        if (*o == OPT_END) {
            break;
        }
        if (o + 2 > end || o + 2 + o[1] > end) {
            return 0; /* an option running past the message */
        }
        const uint8_t *value = o + 2;
        uint8_t length = o[1];
        switch (o[0]) {
        case OPT_MESSAGE_TYPE:
            if (length == 1) reply->type = value[0];
            break;
        case OPT_SUBNET_MASK:
            if (length == 4) { memcpy(&reply->lease.netmask, value, 4); has_mask = 1; }
            break;
        case OPT_ROUTER:
            if (length >= 4) memcpy(&reply->lease.gateway, value, 4);
            break;
        case OPT_DNS:
            if (length >= 4) memcpy(&reply->lease.dns, value, 4);
            break;
        case OPT_SERVER_ID:
            if (length == 4) memcpy(&reply->lease.server, value, 4);
            break;
        case OPT_LEASE_TIME:
            if (length == 4) { uint32_t t; memcpy(&t, value, 4); reply->lease.lease_seconds = net_ntohl(t); }
            break;
        }
        o += 2 + length;
    }
    if (!has_mask) {
        reply->lease.netmask = classful_mask(reply->yiaddr);
    }
    if (reply->lease.server == 0) {
        reply->lease.server = ip->src; /* RFC 2131 requires option 54; fall back to the sender */
    }
    return reply->type != 0;
}

/* Waits until `deadline` for a well-formed reply of type `want` (or DHCPNAK when waiting for an ACK).
   Returns its type, or 0 on timeout; malformed or unexpected replies are counted and skipped. */
static int await_reply(int want, uint64_t deadline, struct reply *reply)
{
    for (;;) {
        while (replies_in == replies_out) {
            uint64_t now = ilwaco_now_us();
            if (now >= deadline) {
                return 0;
            }
            __net_wait(&reply_arrived, (uint32_t)(deadline - now));
        }
        int ok = parse_reply(reply_frames[replies_out % REPLY_SLOTS], reply);
        replies_out++;
        if (ok && (reply->type == want || (want == DHCPACK && reply->type == DHCPNAK))
                && (reply->type == DHCPNAK || (reply->yiaddr != 0 && reply->yiaddr != IP4_BROADCAST))) {
            return reply->type;
        }
        ignored_replies++;
    }
}

static uint32_t round_timeout(int round)
{
    uint32_t timeout = DHCP_FIRST_TIMEOUT_US << round;
    return timeout > DHCP_MAX_TIMEOUT_US ? DHCP_MAX_TIMEOUT_US : timeout;
}

int dhcp_acquire(struct dhcp_lease *lease)
{
    uint8_t mac[ETH_ADDR_LEN];
    net_mac(mac);
    static const uint8_t no_mac[ETH_ADDR_LEN];
    if (memcmp(mac, no_mac, ETH_ADDR_LEN) == 0) {
        snprintf(error_text, sizeof error_text, "DHCP: this VM has no NIC (NIC_MAC is 00:00:00:00:00:00)");
        return -ENETDOWN;
    }
    __net_nic_start();
    error_text[0] = '\0';
    ignored_replies = 0;
    int offers = 0, naks = 0, send_failures = 0;
    uint64_t started = ilwaco_now_us();
    char server_text[16];
    for (int round = 0; round < DHCP_ATTEMPTS; round++) {
        /* A new transaction per round: a late answer to an earlier one cannot be mistaken for this one. */
        current_xid = (uint32_t)(mac[2] << 24 | mac[3] << 16 | mac[4] << 8 | mac[5]) ^ (uint32_t)ilwaco_now_us()
            ^ (uint32_t)round << 28;
        replies_out = replies_in;
        __net_dhcp_listening = 1;
        uint16_t seconds = (uint16_t)((ilwaco_now_us() - started) / 1000000u);
        uint64_t deadline = ilwaco_now_us() + round_timeout(round);
        struct reply offer, ack;
        int type = 0;
        if (send_message(DHCPDISCOVER, 0, 0, seconds) < 0) {
            send_failures++;
        } else if (await_reply(DHCPOFFER, deadline, &offer) == DHCPOFFER) {
            offers++;
            deadline = ilwaco_now_us() + round_timeout(round);
            if (send_message(DHCPREQUEST, offer.yiaddr, offer.lease.server, seconds) < 0) {
                send_failures++;
            } else {
                type = await_reply(DHCPACK, deadline, &ack);
            }
        }
        __net_dhcp_listening = 0;
        if (type == DHCPACK) {
            *lease = ack.lease;
            if (lease->server == 0) {
                lease->server = offer.lease.server;
            }
            return 0;
        }
        if (type == DHCPNAK) {
            naks++;
            ip4_format(offer.lease.server, server_text);
        }
    }
    uint32_t waited_ms = (uint32_t)((ilwaco_now_us() - started) / 1000u);
    if (naks > 0) {
        snprintf(error_text, sizeof error_text, "DHCP: server %s refused our DHCPREQUEST (DHCPNAK) %d time(s)",
                 server_text, naks);
        return -ECONNREFUSED;
    }
    if (send_failures == DHCP_ATTEMPTS) {
        snprintf(error_text, sizeof error_text, "DHCP: the NIC refused every DHCP frame");
        return -ENOBUFS;
    }
    if (offers > 0) {
        snprintf(error_text, sizeof error_text,
                 "DHCP: %d DHCPOFFER(s) but no DHCPACK to our DHCPREQUEST in %u.%03u s (ignored %u other replies)",
                 offers, waited_ms / 1000, waited_ms % 1000, ignored_replies);
    } else {
        snprintf(error_text, sizeof error_text,
                 "DHCP: no DHCPOFFER to %d DHCPDISCOVERs in %u.%03u s (ignored %u malformed or foreign replies); "
                 "no DHCP server on the LAN? (denali run --net passt:... has one; or give a static --ip)",
                 DHCP_ATTEMPTS, waited_ms / 1000, waited_ms % 1000, ignored_replies);
    }
    return -ETIMEDOUT;
}
