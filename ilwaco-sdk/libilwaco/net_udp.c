/*
 * net_udp.c: UDP sockets. A socket is a bound port and a FIFO of at most UDP_QUEUE_LENGTH received
 * datagrams (malloc'd copies); the receive handler appends and wakes readers, udp_recvfrom takes the
 * oldest. A full queue drops the newest datagram, as UDP may.
 */
#include <ilwaco/timer.h>
#include <stdlib.h>
#include <string.h>

#include "net_internal.h"

#define EPHEMERAL_FIRST ((uint16_t)49152)

struct datagram {
    struct datagram *next;
    ip4_addr_t src;
    uint16_t src_port;
    uint16_t length;
    uint8_t data[];
};

static struct udp_socket {
    int open;
    uint16_t port;
    unsigned queued;
    struct datagram *head, *tail;
    cond_t readable;
} sockets[UDP_MAX_SOCKETS];

static uint16_t next_ephemeral = EPHEMERAL_FIRST;

static struct udp_socket *socket_of(int s)
{
    return s >= 0 && s < UDP_MAX_SOCKETS && sockets[s].open ? &sockets[s] : 0;
}

static int port_in_use(uint16_t port)
{
    for (int i = 0; i < UDP_MAX_SOCKETS; i++) {
        if (sockets[i].open && sockets[i].port == port) {
            return 1;
        }
    }
    return 0;
}

int udp_bind(uint16_t port)
{
    if (net_init() < 0) {
        return -ENETDOWN;
    }
    if (port == 0) {
        do {
            port = next_ephemeral;
            next_ephemeral = next_ephemeral == 0xFFFF ? EPHEMERAL_FIRST : (uint16_t)(next_ephemeral + 1);
        } while (port_in_use(port));
    } else if (port_in_use(port)) {
        return -EADDRINUSE;
    }
    for (int i = 0; i < UDP_MAX_SOCKETS; i++) {
        if (!sockets[i].open) {
            memset(&sockets[i], 0, sizeof sockets[i]);
            sockets[i].open = 1;
            sockets[i].port = port;
            return i;
        }
    }
    return -ENOBUFS;
}

uint16_t udp_local_port(int s)
{
    struct udp_socket *socket = socket_of(s);
    return socket ? socket->port : 0;
}

int udp_close(int s)
{
    struct udp_socket *socket = socket_of(s);
    if (!socket) {
        return -EBADF;
    }
    while (socket->head) {
        struct datagram *d = socket->head;
        socket->head = d->next;
        free(d);
    }
    socket->open = 0;
    cond_broadcast(&socket->readable); /* blocked readers see the socket closed and return -EBADF */
    __net_notify_activity();
    return 0;
}

int udp_sendto(int s, ip4_addr_t dst, uint16_t dst_port, const void *data, size_t length)
{
    struct udp_socket *socket = socket_of(s);
    if (!socket) {
        return -EBADF;
    }
    if (length > UDP_MAX_PAYLOAD) {
        return -EMSGSIZE;
    }
    uint8_t packet[UDP_HEADER_LEN + UDP_MAX_PAYLOAD];
    struct udp_header *udp = (struct udp_header *)packet;
    udp->src_port = net_htons(socket->port);
    udp->dst_port = net_htons(dst_port);
    udp->length = net_htons((uint16_t)(UDP_HEADER_LEN + length));
    udp->checksum = 0;
    memcpy(packet + UDP_HEADER_LEN, data, length);
    udp->checksum = udp_checksum(net_address(), dst, packet, UDP_HEADER_LEN + length);
    int result = ip4_send(dst, IP4_PROTO_UDP, packet, UDP_HEADER_LEN + length);
    return result < 0 ? result : (int)length;
}

void __net_udp_input(const struct ip4_header *ip, const uint8_t *payload, size_t length)
{
    const struct udp_header *udp = (const struct udp_header *)payload;
    if (length < UDP_HEADER_LEN || net_ntohs(udp->length) < UDP_HEADER_LEN || net_ntohs(udp->length) > length) {
        __net_stats.frames_dropped++;
        return;
    }
    length = net_ntohs(udp->length);
    /* A correct checksum sums to 0 with the pseudo header; udp_checksum maps that 0 to 0xFFFF. */
    if (udp->checksum != 0 && udp_checksum(ip->src, ip->dst, payload, length) != 0xFFFF) {
        __net_stats.frames_dropped++;
        return;
    }
    struct udp_socket *socket = 0;
    for (int i = 0; i < UDP_MAX_SOCKETS && !socket; i++) {
        if (sockets[i].open && sockets[i].port == net_ntohs(udp->dst_port)) {
            socket = &sockets[i];
        }
    }
    size_t data_length = length - UDP_HEADER_LEN;
    struct datagram *d = 0;
    if (!socket || socket->queued >= UDP_QUEUE_LENGTH || !(d = malloc(sizeof *d + data_length))) {
        __net_stats.frames_dropped++;
        return;
    }
    d->next = 0;
    d->src = ip->src;
    d->src_port = net_ntohs(udp->src_port);
    d->length = (uint16_t)data_length;
    memcpy(d->data, payload + UDP_HEADER_LEN, data_length);
    if (socket->tail) {
        socket->tail->next = d;
    } else {
        socket->head = d;
    }
    socket->tail = d;
    socket->queued++;
    cond_signal(&socket->readable);
    __net_notify_activity();
}

int __net_udp_queued(int s)
{
    struct udp_socket *socket = socket_of(s);
    return socket ? (int)socket->queued : 0;
}

int __net_udp_peek(int s, void *buffer, size_t capacity, ip4_addr_t *src, uint16_t *src_port)
{
    struct udp_socket *socket = socket_of(s);
    if (!socket || !socket->head) {
        return -EAGAIN;
    }
    struct datagram *d = socket->head;
    memcpy(buffer, d->data, d->length < capacity ? d->length : capacity);
    if (src) {
        *src = d->src;
    }
    if (src_port) {
        *src_port = d->src_port;
    }
    return d->length;
}

int udp_recvfrom(int s, void *buffer, size_t capacity, ip4_addr_t *src, uint16_t *src_port, uint32_t timeout_us)
{
    struct udp_socket *socket = socket_of(s);
    if (!socket) {
        return -EBADF;
    }
    uint64_t deadline = timeout_us == NET_WAIT_FOREVER ? 0 : ilwaco_now_us() + timeout_us;
    while (socket->open && !socket->head) {
        uint32_t wait = NET_WAIT_FOREVER;
        if (timeout_us != NET_WAIT_FOREVER) {
            uint64_t now = ilwaco_now_us();
            if (now >= deadline) {
                return -ETIMEDOUT;
            }
            wait = (uint32_t)(deadline - now);
        }
        __net_wait(&socket->readable, wait);
    }
    if (!socket->open) {
        return -EBADF;
    }
    struct datagram *d = socket->head;
    socket->head = d->next;
    if (!socket->head) {
        socket->tail = 0;
    }
    socket->queued--;
    memcpy(buffer, d->data, d->length < capacity ? d->length : capacity);
    if (src) {
        *src = d->src;
    }
    if (src_port) {
        *src_port = d->src_port;
    }
    int length = d->length;
    free(d);
    if (socket->head) {
        cond_signal(&socket->readable); /* another reader may be waiting for the next one */
    }
    return length;
}
