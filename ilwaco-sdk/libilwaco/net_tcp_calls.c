/*
 * net_tcp_calls.c: the TCP side of the socket calls (bind, listen, accept, connect, send, recv, shutdown,
 * close, poll readiness, introspection). The calling thread blocks on the pcb's condition variable; the
 * input path and the timers wake it.
 */
#include <stdlib.h>
#include <string.h>

#include "net_tcp_internal.h"

static uint16_t next_ephemeral = EPHEMERAL_FIRST;

/* ------------------------------------------------------------------ the calls socket.c makes */

/* Blocks on pcb->changed until something happens or `deadline` (0: none) passes. 0, -EAGAIN for a timeout,
   -EBADF if the descriptor was closed meanwhile. */
static int wait_for_change(struct tcp_pcb *pcb, uint64_t deadline)
{
    uint32_t wait = NET_WAIT_FOREVER;
    if (deadline) {
        uint64_t now = ilwaco_now_us();
        if (now >= deadline) {
            return -EAGAIN;
        }
        wait = deadline - now > 0xFFFFFFF0u ? 0xFFFFFFF0u : (uint32_t)(deadline - now);
    }
    pcb->waiters++;
    __net_wait(&pcb->changed, wait);
    pcb->waiters--;
    if (!pcb->owned) {
        __tcp_maybe_free(pcb);
        return -EBADF;
    }
    return 0;
}

static uint64_t deadline_of(uint32_t timeout_us)
{
    return timeout_us == NET_WAIT_FOREVER ? 0 : ilwaco_now_us() + timeout_us;
}

static int port_in_use(uint16_t port, int reuse_time_wait)
{
    for (struct tcp_pcb *pcb = __tcp_pcbs; pcb; pcb = pcb->next) {
        /* SO_REUSEADDR: only a listener keeps the port, not connections (TIME_WAIT included) on it. */
        if (pcb->local_port == port && pcb->state != TCP_CLOSED
                && !(reuse_time_wait && pcb->state != TCP_LISTEN)) {
            return 1;
        }
        if (pcb->local_port == port && pcb->state == TCP_CLOSED && pcb->owned) {
            return 1; /* bound, not yet listening or connecting */
        }
    }
    return 0;
}

int __tcp_bind(struct tcp_pcb *pcb, uint16_t port, int reuse_time_wait)
{
    if (pcb->local_port) {
        return -EINVAL;
    }
    if (port == 0) {
        for (unsigned tries = 0; tries < 65536 - EPHEMERAL_FIRST; tries++) {
            uint16_t candidate = next_ephemeral;
            next_ephemeral = next_ephemeral == 0xFFFF ? EPHEMERAL_FIRST : (uint16_t)(next_ephemeral + 1);
            if (!port_in_use(candidate, 0)) {
                port = candidate;
                break;
            }
        }
        if (port == 0) {
            return -EADDRINUSE;
        }
    } else if (port_in_use(port, reuse_time_wait)) {
        return -EADDRINUSE;
    }
    pcb->local_port = port;
    pcb->local_ip = net_address();
    return 0;
}

int __tcp_listen(struct tcp_pcb *pcb, int backlog)
{
    if (pcb->state == TCP_LISTEN) {
        pcb->backlog = backlog;
        return 0;
    }
    if (pcb->state != TCP_CLOSED || pcb->remote_port) {
        return -EINVAL;
    }
    if (!pcb->local_port) {
        int bound = __tcp_bind(pcb, 0, 0);
        if (bound < 0) {
            return bound;
        }
    }
    pcb->backlog = backlog;
    pcb->state = TCP_LISTEN;
    return 0;
}

int __tcp_is_listening(struct tcp_pcb *pcb)
{
    return pcb->state == TCP_LISTEN;
}

int __tcp_accept(struct tcp_pcb *listener, struct tcp_pcb **connection, uint32_t timeout_us)
{
    if (listener->state != TCP_LISTEN) {
        return -EINVAL;
    }
    uint64_t deadline = deadline_of(timeout_us);
    while (!listener->accept_head) {
        if (timeout_us == 0) {
            return -EAGAIN;
        }
        int waited = wait_for_change(listener, deadline);
        if (waited < 0) {
            return waited;
        }
        if (listener->state != TCP_LISTEN) {
            return -EINVAL;
        }
    }
    struct tcp_pcb *child = listener->accept_head;
    listener->accept_head = child->accept_next;
    if (!listener->accept_head) {
        listener->accept_tail = 0;
    }
    listener->accept_queued--;
    child->accept_next = 0;
    child->parent = 0;
    *connection = child; /* stays owned: by the new descriptor now */
    return 0;
}

int __tcp_connect(struct tcp_pcb *pcb, ip4_addr_t address, uint16_t port, uint32_t timeout_us, int nonblocking)
{
    switch (pcb->state) {
    case TCP_SYN_SENT:
    case TCP_SYN_RECEIVED:
        return -EALREADY;
    case TCP_LISTEN:
        return -EINVAL;
    case TCP_CLOSED:
        if (pcb->remote_port) {
            return pcb->error ? -pcb->error : -EISCONN; /* connected once: a socket connects once */
        }
        break;
    default:
        return -EISCONN;
    }
    if (address == 0 || address == net_address() || (address & 0xFF) == 127) {
        return -EHOSTUNREACH; /* no loopback interface */
    }
    if (address == IP4_BROADCAST || port == 0) {
        return address == IP4_BROADCAST ? -ENETUNREACH : -ECONNREFUSED;
    }
    ip4_addr_t self = net_address(), mask = net_netmask();
    ip4_addr_t hop = (address & mask) == (self & mask) ? address : net_gateway();
    if (hop == 0) {
        return -ENETUNREACH;
    }
    if (!pcb->local_port) {
        int bound = __tcp_bind(pcb, 0, 0);
        if (bound < 0) {
            return bound;
        }
    }
    if (arp_resolve(hop, pcb->mac, ARP_TIMEOUT_US) < 0) {
        return -EHOSTUNREACH;
    }
    if (__tcp_allocate_buffers(pcb) < 0) {
        return -ENOMEM;
    }
    pcb->local_ip = self;
    pcb->remote_ip = address;
    pcb->remote_port = port;
    pcb->iss = __tcp_new_iss(pcb);
    pcb->snd_una = pcb->iss;
    pcb->snd_nxt = pcb->snd_max = pcb->iss + 1;
    pcb->sbuf_seq = pcb->iss + 1;
    pcb->rto = RTO_INITIAL_US;
    pcb->error = 0;
    pcb->state = TCP_SYN_SENT;
    __tcp_send_syn(pcb);
    pcb->timing = 1;
    pcb->timed_seq = pcb->iss;
    pcb->timed_at = ilwaco_now_us();
    __tcp_arm_timer(pcb, pcb->rto);
    if (nonblocking) {
        return -EINPROGRESS;
    }
    uint64_t deadline = deadline_of(timeout_us);
    while (pcb->state == TCP_SYN_SENT || pcb->state == TCP_SYN_RECEIVED) {
        int waited = wait_for_change(pcb, deadline);
        if (waited == -EAGAIN) {
            __tcp_drop_connection(pcb, ETIMEDOUT, pcb->state == TCP_SYN_RECEIVED);
            break;
        }
        if (waited < 0) {
            return waited;
        }
    }
    if (pcb->state == TCP_CLOSED) {
        int error = pcb->error ? pcb->error : ECONNREFUSED;
        pcb->error = 0;
        return -error;
    }
    return 0;
}

int __tcp_send(struct tcp_pcb *pcb, const void *data, size_t length, uint32_t timeout_us)
{
    uint64_t deadline = deadline_of(timeout_us);
    for (;;) {
        if (pcb->error) {
            int error = pcb->error;
            pcb->error = 0;
            return -error;
        }
        switch (pcb->state) {
        case TCP_ESTABLISHED:
        case TCP_CLOSE_WAIT:
            if (pcb->fin_queued) {
                return -EPIPE;
            }
            break;
        case TCP_SYN_SENT:
        case TCP_SYN_RECEIVED:
            break; /* a non-blocking connect is under way: wait for it */
        case TCP_CLOSED:
        case TCP_LISTEN:
            return pcb->remote_port && pcb->state == TCP_CLOSED ? -EPIPE : -ENOTCONN;
        default:
            return -EPIPE; /* FIN_WAIT_*, CLOSING, LAST_ACK, TIME_WAIT: we shut down writing */
        }
        if (length == 0 && (pcb->state == TCP_ESTABLISHED || pcb->state == TCP_CLOSE_WAIT)) {
            return 0;
        }
        uint32_t space = TCP_SEND_BUFFER - pcb->sbuf_len;
        if (space > 0 && (pcb->state == TCP_ESTABLISHED || pcb->state == TCP_CLOSE_WAIT)) {
            uint32_t n = length < space ? (uint32_t)length : space;
            uint32_t tail = (pcb->sbuf_head + pcb->sbuf_len) % TCP_SEND_BUFFER;
            uint32_t first = TCP_SEND_BUFFER - tail < n ? TCP_SEND_BUFFER - tail : n;
            memcpy(pcb->sbuf + tail, data, first);
            memcpy(pcb->sbuf, (const uint8_t *)data + first, n - first);
            pcb->sbuf_len += n;
            __tcp_output(pcb, 0x7FFFFFFF);
            return (int)n;
        }
        if (timeout_us == 0) {
            return -EAGAIN;
        }
        int waited = wait_for_change(pcb, deadline);
        if (waited < 0) {
            return waited;
        }
    }
}

/* Reading made room: tell the peer if the window grew enough to matter (receiver silly window avoidance). */
static void maybe_update_window(struct tcp_pcb *pcb)
{
    if (pcb->state != TCP_ESTABLISHED && pcb->state != TCP_FIN_WAIT_1 && pcb->state != TCP_FIN_WAIT_2) {
        return;
    }
    /* Only when the peer may be starved: the window we last advertised was under an MSS and is now at
       least one, or reading opened half the buffer. Otherwise the ACKs of arriving data carry it. */
    uint32_t window = __tcp_receive_window(pcb);
    if ((pcb->last_window < pcb->snd_mss && window >= pcb->snd_mss)
            || window >= pcb->last_window + TCP_RECEIVE_BUFFER / 2) {
        __tcp_emit_for(pcb, pcb->snd_nxt, 0, 0);
    }
}

int __tcp_recv(struct tcp_pcb *pcb, void *buffer, size_t length, int flags, uint32_t timeout_us)
{
    uint64_t deadline = deadline_of(timeout_us);
    size_t copied = 0;
    for (;;) {
        if (pcb->rbuf_len > 0 && copied < length) {
            uint32_t n = pcb->rbuf_len < length - copied ? pcb->rbuf_len : (uint32_t)(length - copied);
            uint32_t first = TCP_RECEIVE_BUFFER - pcb->rbuf_head < n ? TCP_RECEIVE_BUFFER - pcb->rbuf_head : n;
            memcpy((uint8_t *)buffer + copied, pcb->rbuf + pcb->rbuf_head, first);
            memcpy((uint8_t *)buffer + copied + first, pcb->rbuf, n - first);
            if (flags & MSG_PEEK) {
                return (int)n;
            }
            pcb->rbuf_head = (pcb->rbuf_head + n) % TCP_RECEIVE_BUFFER;
            pcb->rbuf_len -= n;
            copied += n;
            maybe_update_window(pcb);
            if (!(flags & MSG_WAITALL) || copied == length) {
                return (int)copied;
            }
            continue;
        }
        if (length == 0) {
            return 0;
        }
        if (pcb->fin_received || pcb->shut_rd) {
            return (int)copied;
        }
        if (pcb->error) {
            if (copied) {
                return (int)copied;
            }
            int error = pcb->error;
            pcb->error = 0;
            return -error;
        }
        if (pcb->state == TCP_CLOSED || pcb->state == TCP_LISTEN) {
            return copied ? (int)copied : pcb->remote_port ? 0 : -ENOTCONN;
        }
        if (timeout_us == 0) {
            return copied ? (int)copied : -EAGAIN;
        }
        int waited = wait_for_change(pcb, deadline);
        if (waited < 0) {
            return copied && waited == -EAGAIN ? (int)copied : waited;
        }
    }
}

int __tcp_shutdown(struct tcp_pcb *pcb, int how)
{
    if (pcb->state == TCP_CLOSED || pcb->state == TCP_LISTEN || pcb->state == TCP_SYN_SENT) {
        if (pcb->state == TCP_SYN_SENT) {
            __tcp_drop_connection(pcb, 0, 0);
        }
        return -ENOTCONN;
    }
    if (how == SHUT_RD || how == SHUT_RDWR) {
        pcb->shut_rd = 1;
        pcb->rbuf_len = 0; /* unread data is discarded */
        __tcp_notify(pcb);
    }
    if ((how == SHUT_WR || how == SHUT_RDWR) && !pcb->fin_queued) {
        switch (pcb->state) {
        case TCP_SYN_RECEIVED:
        case TCP_ESTABLISHED:
            pcb->state = TCP_FIN_WAIT_1;
            break;
        case TCP_CLOSE_WAIT:
            pcb->state = TCP_LAST_ACK;
            break;
        default:
            return 0;
        }
        pcb->fin_queued = 1;
        __tcp_output(pcb, 0x7FFFFFFF);
        __tcp_notify(pcb);
    }
    return 0;
}

void __tcp_close(struct tcp_pcb *pcb, int reset)
{
    pcb->owned = 0;
    switch (pcb->state) {
    case TCP_LISTEN:
        /* Reset the connections nobody accepted, and the handshakes under way. */
        while (pcb->accept_head) {
            struct tcp_pcb *child = pcb->accept_head;
            pcb->accept_head = child->accept_next;
            child->parent = 0;
            child->owned = 0;
            __tcp_drop_connection(child, 0, 1);
        }
        pcb->accept_tail = 0;
        for (int again = 1; again;) {
            again = 0;
            for (struct tcp_pcb *child = __tcp_pcbs; child; child = child->next) {
                if (child->parent == pcb) {
                    child->parent = 0;
                    __tcp_drop_connection(child, 0, 1); /* frees it: start over */
                    again = 1;
                    break;
                }
            }
        }
        pcb->state = TCP_CLOSED;
        break;
    case TCP_SYN_SENT:
        pcb->state = TCP_CLOSED;
        break;
    case TCP_SYN_RECEIVED:
    case TCP_ESTABLISHED:
    case TCP_CLOSE_WAIT:
        if (reset || pcb->rbuf_len > 0) {
            __tcp_drop_connection(pcb, 0, 1); /* unread data (or SO_LINGER 0): RST, as Linux does */
            return;
        }
        __tcp_shutdown(pcb, SHUT_WR);
        break;
    case TCP_FIN_WAIT_2:
        if (reset) {
            __tcp_drop_connection(pcb, 0, 1);
            return;
        }
        __tcp_arm_timer(pcb, FIN_WAIT_2_ORPHAN_US);
        break;
    default:
        if (reset && pcb->state != TCP_TIME_WAIT) {
            __tcp_drop_connection(pcb, 0, 1);
            return;
        }
        break;
    }
    if (pcb->state != TCP_CLOSED && pcb->state != TCP_LISTEN) {
        __tcp_release_receive_buffer(pcb); /* no descriptor reads it again; it may linger for minutes */
    }
    __tcp_notify(pcb); /* threads blocked on it see the descriptor gone */
    __tcp_maybe_free(pcb);
}

int __tcp_poll(struct tcp_pcb *pcb)
{
    int events = 0;
    switch (pcb->state) {
    case TCP_LISTEN:
        return pcb->accept_head ? POLLIN : 0;
    case TCP_SYN_SENT:
    case TCP_SYN_RECEIVED:
        break;
    case TCP_CLOSED:
        events |= POLLHUP;
        if (pcb->remote_port) {
            events |= POLLIN; /* recv returns 0 or the error */
        }
        break;
    default:
        if (pcb->rbuf_len > 0 || pcb->fin_received || pcb->shut_rd) {
            events |= POLLIN;
        }
        if (pcb->fin_received) {
            events |= POLLHUP;
        }
        if ((pcb->state == TCP_ESTABLISHED || pcb->state == TCP_CLOSE_WAIT) && !pcb->fin_queued
                && pcb->sbuf_len < TCP_SEND_BUFFER) {
            events |= POLLOUT;
        }
        break;
    }
    if (pcb->error) {
        events |= POLLERR;
    }
    if (pcb->rbuf_len > 0) {
        events |= POLLIN;
    }
    return events;
}

int __tcp_take_error(struct tcp_pcb *pcb)
{
    int error = pcb->error;
    pcb->error = 0;
    return error;
}

uint16_t __tcp_send_mss(struct tcp_pcb *pcb)
{
    return pcb->snd_mss;
}

int __tcp_endpoints(struct tcp_pcb *pcb, ip4_addr_t *local, uint16_t *local_port, ip4_addr_t *remote,
                    uint16_t *remote_port)
{
    *local = pcb->local_port ? net_address() : 0;
    *local_port = pcb->local_port;
    *remote = pcb->remote_ip;
    *remote_port = pcb->remote_port;
    return pcb->remote_port != 0 && pcb->state != TCP_LISTEN;
}

void __tcp_info(struct tcp_pcb *pcb, struct tcp_connection_info *info)
{
    info->state = pcb->state;
    info->srtt_us = pcb->srtt;
    info->rttvar_us = pcb->rttvar;
    info->rto_us = pcb->rto;
    info->backoffs = pcb->backoffs;
    info->retransmissions = pcb->retransmissions;
    info->send_mss = pcb->snd_mss;
    info->peer_window = pcb->snd_wnd;
    info->unacknowledged = pcb->snd_max - pcb->snd_una;
    info->send_queued = pcb->sbuf_len;
    info->receive_queued = pcb->rbuf_len;
}
