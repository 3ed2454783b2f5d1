/*
 * net_tcp_input.c: TCP segment arrival, from the NIC receive handler (thread context, never blocking):
 * checksum, demultiplexing to a connection or listener, the handshakes, the window check, RST, the ACK
 * field (RTT samples, send window, fast retransmit), in-order data into the receive ring, out-of-order
 * segments into a queue, FIN. ACKs of in-order data are deferred to the end of the receive burst.
 */
#include <stdlib.h>
#include <string.h>

#include "net_tcp_internal.h"

/* ------------------------------------------------------------------ input */

static struct tcp_pcb *find(ip4_addr_t local_ip, uint16_t local_port, ip4_addr_t remote_ip, uint16_t remote_port)
{
    struct tcp_pcb *listener = 0;
    for (struct tcp_pcb *pcb = __tcp_pcbs; pcb; pcb = pcb->next) {
        if (pcb->local_port != local_port || pcb->state == TCP_CLOSED) {
            continue;
        }
        if (pcb->state == TCP_LISTEN) {
            listener = pcb;
        } else if (pcb->remote_port == remote_port && pcb->remote_ip == remote_ip && pcb->local_ip == local_ip) {
            return pcb;
        }
    }
    return listener;
}

/* The SYN options we use: the peer's MSS (DEFAULT_MSS if absent) and window scale shift (-1 if absent). */
static uint16_t parse_options(const struct tcp_header *tcp, size_t header_length, int *wscale)
{
    uint16_t mss = DEFAULT_MSS;
    *wscale = -1;
    const uint8_t *option = (const uint8_t *)tcp + TCP_HEADER_LEN, *end = (const uint8_t *)tcp + header_length;
    while (option < end) {
        if (option[0] == 0) {
            break; /* end of options */
        }
        if (option[0] == 1) {
            option++; /* no-op */
            continue;
        }
        if (option + 1 >= end || option[1] < 2 || option + option[1] > end) {
            break;
        }
        if (option[0] == 2 && option[1] == 4) {
            mss = (uint16_t)(option[2] << 8 | option[3]);
            mss = mss < 64 ? 64 : mss > TCP_MSS ? TCP_MSS : mss;
        } else if (option[0] == 3 && option[1] == 3) {
            *wscale = option[2] > 14 ? 14 : option[2];
        }
        option += option[1];
    }
    return mss;
}

/* The window a non-SYN segment advertises, scaled. */
static uint32_t peer_window(const struct tcp_pcb *pcb, const struct tcp_header *tcp)
{
    return (uint32_t)net_ntohs(tcp->window) << pcb->snd_wscale;
}

/* Appends in-order payload to the receive ring (the caller trimmed it to the window). */
static void deliver(struct tcp_pcb *pcb, const uint8_t *data, uint32_t length)
{
    if (!pcb->shut_rd) {
        uint32_t tail = (pcb->rbuf_head + pcb->rbuf_len) % TCP_RECEIVE_BUFFER;
        uint32_t first = TCP_RECEIVE_BUFFER - tail < length ? TCP_RECEIVE_BUFFER - tail : length;
        memcpy(pcb->rbuf + tail, data, first);
        memcpy(pcb->rbuf, data + first, length - first);
        pcb->rbuf_len += length;
    }
    pcb->rcv_nxt += length;
}

static void fin_arrived(struct tcp_pcb *pcb)
{
    pcb->rcv_nxt++;
    pcb->fin_received = 1;
    pcb->ack_now = 1;
    switch (pcb->state) {
    case TCP_ESTABLISHED:
        pcb->state = TCP_CLOSE_WAIT;
        break;
    case TCP_FIN_WAIT_1:
        if (pcb->fin_acked) {
            __tcp_enter_time_wait(pcb);
        } else {
            pcb->state = TCP_CLOSING;
        }
        break;
    case TCP_FIN_WAIT_2:
        __tcp_enter_time_wait(pcb);
        break;
    default:
        break;
    }
    __tcp_notify(pcb);
}

/* Queues a segment that starts beyond rcv_nxt, sorted, without duplicates of the same start. */
static void queue_out_of_order(struct tcp_pcb *pcb, uint32_t seq, const uint8_t *data, uint32_t length, int fin)
{
    if (pcb->ooo_count >= OOO_MAX) {
        return;
    }
    struct ooo_segment **link = &pcb->ooo;
    while (*link && SEQ_LT((*link)->seq, seq)) {
        link = &(*link)->next;
    }
    if (*link && (*link)->seq == seq && (*link)->length >= length) {
        return; /* already have it */
    }
    struct ooo_segment *s = malloc(sizeof *s + length);
    if (!s) {
        return;
    }
    s->seq = seq;
    s->length = length;
    s->fin = fin;
    memcpy(s->data, data, length);
    s->next = *link;
    *link = s;
    pcb->ooo_count++;
    __tcp_stats.out_of_order++;
}

/* After rcv_nxt advanced: take queued segments that now fit. */
static void drain_out_of_order(struct tcp_pcb *pcb)
{
    while (pcb->ooo && SEQ_LEQ(pcb->ooo->seq, pcb->rcv_nxt) && !pcb->fin_received) {
        struct ooo_segment *s = pcb->ooo;
        pcb->ooo = s->next;
        pcb->ooo_count--;
        uint32_t end = s->seq + s->length;
        if (SEQ_GT(end, pcb->rcv_nxt)) {
            uint32_t skip = pcb->rcv_nxt - s->seq;
            uint32_t length = end - pcb->rcv_nxt;
            uint32_t window = __tcp_receive_window(pcb);
            if (length > window) {
                length = window;
            }
            deliver(pcb, s->data + skip, length);
            if (s->fin && pcb->rcv_nxt == end) {
                fin_arrived(pcb);
            }
        } else if (s->fin && end == pcb->rcv_nxt) {
            fin_arrived(pcb);
        }
        free(s);
    }
}

/* The ACK field of a segment in a synchronized state. Returns 0 to go on, -1 if the segment is done. */
static int process_ack(struct tcp_pcb *pcb, const struct tcp_header *tcp, uint32_t seq, uint32_t data_length)
{
    uint32_t ack = net_ntohl(tcp->ack);
    uint32_t window = peer_window(pcb, tcp);
    if (SEQ_GT(ack, pcb->snd_max)) {
        pcb->ack_now = 1; /* acknowledges what we never sent */
        return -1;
    }
    if (window == 0) {
        pcb->backoffs = 0; /* a peer that advertises a zero window is alive: persist without giving up */
    }
    if (SEQ_GT(ack, pcb->snd_una)) {
        if (pcb->timing && SEQ_GT(ack, pcb->timed_seq)) {
            pcb->timing = 0;
            __tcp_update_rto(pcb, (uint32_t)(ilwaco_now_us() - pcb->timed_at));
        }
        if (pcb->sbuf && SEQ_GT(ack, pcb->sbuf_seq)) {
            uint32_t acked = ack - pcb->sbuf_seq;
            if (acked > pcb->sbuf_len) {
                acked = pcb->sbuf_len;
            }
            pcb->sbuf_head = (pcb->sbuf_head + acked) % TCP_SEND_BUFFER;
            pcb->sbuf_len -= acked;
            pcb->sbuf_seq += acked;
        }
        if (pcb->fin_queued && pcb->sbuf_len == 0 && ack == pcb->sbuf_seq + 1) {
            pcb->fin_acked = 1;
        }
        pcb->snd_una = ack;
        if (SEQ_LT(pcb->snd_nxt, pcb->snd_una)) {
            pcb->snd_nxt = pcb->snd_una;
        }
        pcb->backoffs = 0;
        pcb->dupacks = 0;
        pcb->rto = __tcp_base_rto(pcb);
        if (pcb->snd_una == pcb->snd_max) {
            ilwaco_timer_cancel(&pcb->timer);
        } else {
            __tcp_arm_timer(pcb, pcb->rto);
        }
        pcb->ack_now |= 2; /* room in the window: run output at the end of the burst */
        __tcp_notify(pcb);
    } else if (ack == pcb->snd_una && data_length == 0 && pcb->snd_una != pcb->snd_max && window == pcb->snd_wnd
               && !(tcp->flags & TCP_FIN)) {
        if (++pcb->dupacks == 3 && pcb->sbuf) {
            /* Fast retransmit of the oldest segment. */
            uint32_t data_end = pcb->sbuf_seq + pcb->sbuf_len;
            uint32_t length = data_end - pcb->snd_una;
            if (length > pcb->snd_mss) {
                length = pcb->snd_mss;
            }
            int sent = length ? __tcp_emit_for(pcb, pcb->snd_una, 0, length)
                              : pcb->fin_queued ? __tcp_emit_for(pcb, pcb->snd_una, TCP_FIN, 0) : -1;
            if (sent == 0) {
                __tcp_stats.retransmissions++;
                __tcp_stats.fast_retransmits++;
                pcb->retransmissions++;
                pcb->timing = 0;
            }
        }
    }
    /* Window update (RFC 9293 3.10.7.4: only from segments not older than the last one used). */
    if (SEQ_LT(pcb->snd_wl1, seq) || (pcb->snd_wl1 == seq && SEQ_LEQ(pcb->snd_wl2, ack))) {
        if (window > pcb->snd_wnd) {
            pcb->ack_now |= 2;
        }
        if (pcb->snd_wnd == 0 && window > 0 && SEQ_LT(pcb->snd_una, pcb->snd_nxt)) {
            pcb->snd_nxt = pcb->snd_una; /* the window reopened: resend the probe byte it refused, and on */
        }
        pcb->snd_wnd = window;
        pcb->snd_wl1 = seq;
        pcb->snd_wl2 = ack;
        if (window > 0 && pcb->snd_una == pcb->snd_max && pcb->timer.armed) {
            ilwaco_timer_cancel(&pcb->timer); /* the persist timer is no longer needed */
            pcb->rto = __tcp_base_rto(pcb);
        }
    }
    if (pcb->fin_acked) {
        switch (pcb->state) {
        case TCP_FIN_WAIT_1:
            pcb->state = TCP_FIN_WAIT_2;
            if (!pcb->owned) {
                __tcp_arm_timer(pcb, FIN_WAIT_2_ORPHAN_US);
            }
            __tcp_notify(pcb);
            break;
        case TCP_CLOSING:
            __tcp_enter_time_wait(pcb);
            break;
        case TCP_LAST_ACK:
            __tcp_drop_connection(pcb, 0, 0);
            return -1;
        default:
            break;
        }
    }
    return 0;
}

static void listen_input(struct tcp_pcb *listener, const uint8_t *frame, const struct ip4_header *ip,
                         const struct tcp_header *tcp, size_t header_length, uint32_t segment_length)
{
    const uint8_t *src_mac = ((const struct eth_header *)frame)->src;
    if (tcp->flags & TCP_RST) {
        return;
    }
    if (tcp->flags & TCP_ACK) {
        __tcp_send_reset_for(src_mac, ip, tcp, segment_length);
        return;
    }
    if (!(tcp->flags & TCP_SYN)) {
        return;
    }
    if (listener->accept_queued + listener->half_open >= listener->backlog) {
        return; /* backlog full: ignore the SYN, the client retries */
    }
    struct tcp_pcb *child = __tcp_create();
    if (!child) {
        return;
    }
    child->owned = 0;
    if (__tcp_allocate_buffers(child) < 0) {
        __tcp_maybe_free(child);
        return;
    }
    child->parent = listener;
    child->local_ip = ip->dst;
    child->local_port = listener->local_port;
    child->remote_ip = ip->src;
    child->remote_port = net_ntohs(tcp->src_port);
    memcpy(child->mac, src_mac, ETH_ADDR_LEN); /* the next hop the SYN came from */
    child->irs = net_ntohl(tcp->seq);
    child->rcv_nxt = child->irs + 1;
    int wscale;
    child->snd_mss = parse_options(tcp, header_length, &wscale);
    child->peer_offered_wscale = wscale >= 0;
    child->snd_wscale = wscale >= 0 ? (uint8_t)wscale : 0;
    child->snd_wnd = net_ntohs(tcp->window);
    child->snd_wl1 = child->irs;
    child->iss = __tcp_new_iss(child);
    child->snd_wl2 = child->iss;
    child->snd_una = child->iss;
    child->snd_nxt = child->snd_max = child->iss + 1;
    child->sbuf_seq = child->iss + 1;
    child->state = TCP_SYN_RECEIVED;
    listener->half_open++;
    __tcp_send_syn(child);
    child->timing = 1; /* the SYN-ACK's round trip is the first RTT sample */
    child->timed_seq = child->iss;
    child->timed_at = ilwaco_now_us();
    __tcp_arm_timer(child, child->rto);
}

static void syn_sent_input(struct tcp_pcb *pcb, const struct tcp_header *tcp, size_t header_length)
{
    uint32_t seq = net_ntohl(tcp->seq), ack = net_ntohl(tcp->ack);
    if (tcp->flags & TCP_ACK) {
        if (ack != pcb->iss + 1) {
            if (!(tcp->flags & TCP_RST)) {
                __tcp_emit(pcb->mac, pcb->remote_ip, pcb->local_port, pcb->remote_port, ack, 0, TCP_RST, 0, 0, 0, 0, 0);
                __tcp_stats.resets_sent++;
            }
            return;
        }
        if (tcp->flags & TCP_RST) {
            __tcp_stats.resets_received++;
            __tcp_drop_connection(pcb, ECONNREFUSED, 0);
            return;
        }
    } else if (tcp->flags & TCP_RST) {
        /* RFC 9293 says to ignore a reset without ACK here, but passt (0.0~git20230309) refuses connections
           to closed host ports exactly so: taking it spares a 31 s SYN timeout for a clear ECONNREFUSED. */
        __tcp_stats.resets_received++;
        __tcp_drop_connection(pcb, ECONNREFUSED, 0);
        return;
    }
    if (!(tcp->flags & TCP_SYN)) {
        return;
    }
    pcb->irs = seq;
    pcb->rcv_nxt = seq + 1;
    int wscale;
    pcb->snd_mss = parse_options(tcp, header_length, &wscale);
    pcb->peer_offered_wscale = wscale >= 0;
    pcb->snd_wscale = wscale >= 0 ? (uint8_t)wscale : 0; /* we offered ours in the SYN */
    pcb->snd_wnd = net_ntohs(tcp->window);
    pcb->snd_wl1 = seq;
    pcb->snd_wl2 = ack;
    if (tcp->flags & TCP_ACK) {
        if (pcb->timing) {
            pcb->timing = 0;
            __tcp_update_rto(pcb, (uint32_t)(ilwaco_now_us() - pcb->timed_at));
        }
        pcb->snd_una = ack;
        __tcp_established(pcb);
        pcb->rto = __tcp_base_rto(pcb);
        pcb->ack_now = 1;
        __tcp_emit_for(pcb, pcb->snd_nxt, 0, 0);
    } else {
        /* Simultaneous open: both sides sent SYN. */
        pcb->state = TCP_SYN_RECEIVED;
        __tcp_send_syn(pcb);
        __tcp_arm_timer(pcb, pcb->rto);
    }
}

void __net_tcp_input(const uint8_t *frame, const struct ip4_header *ip, const uint8_t *payload, size_t length)
{
    const struct tcp_header *tcp = (const struct tcp_header *)payload;
    size_t header_length = length >= TCP_HEADER_LEN ? (size_t)(tcp->offset >> 4) * 4 : 0;
    if (length < TCP_HEADER_LEN || header_length < TCP_HEADER_LEN || header_length > length
            || ip->dst != net_address()) {
        __net_stats.frames_dropped++;
        return;
    }
    if (tcp_checksum(ip->src, ip->dst, payload, length) != 0) {
        __tcp_stats.bad_checksums++;
        __net_stats.frames_dropped++;
        return;
    }
    __tcp_stats.segments_received++;
    const uint8_t *data = payload + header_length;
    uint32_t data_length = (uint32_t)(length - header_length);
    uint32_t seq = net_ntohl(tcp->seq);
    uint32_t segment_length = data_length + ((tcp->flags & TCP_SYN) ? 1 : 0) + ((tcp->flags & TCP_FIN) ? 1 : 0);
    uint16_t local_port = net_ntohs(tcp->dst_port), remote_port = net_ntohs(tcp->src_port);
    const uint8_t *src_mac = ((const struct eth_header *)frame)->src;

    struct tcp_pcb *pcb = find(ip->dst, local_port, ip->src, remote_port);
    if (pcb && pcb->state == TCP_TIME_WAIT && (tcp->flags & (TCP_SYN | TCP_ACK | TCP_RST)) == TCP_SYN
            && SEQ_GT(seq, pcb->rcv_nxt)) {
        /* A new incarnation of a connection in TIME_WAIT (RFC 1122 4.2.2.13). */
        pcb->state = TCP_CLOSED;
        ilwaco_timer_cancel(&pcb->timer);
        __tcp_notify(pcb);
        __tcp_maybe_free(pcb);
        pcb = find(ip->dst, local_port, ip->src, remote_port);
    }
    if (!pcb) {
        if (tcp->flags & TCP_SYN && !(tcp->flags & TCP_ACK)) {
            __tcp_stats.connections_refused++;
        }
        __tcp_send_reset_for(src_mac, ip, tcp, segment_length);
        return;
    }
    if (pcb->state == TCP_LISTEN) {
        listen_input(pcb, frame, ip, tcp, header_length, segment_length);
        return;
    }
    if (pcb->state == TCP_SYN_SENT) {
        syn_sent_input(pcb, tcp, header_length);
        return;
    }

    /* Synchronized states (and SYN_RECEIVED). First: is the segment inside the receive window? */
    uint32_t window = __tcp_receive_window(pcb);
    int acceptable;
    if (segment_length == 0) {
        acceptable = SEQ_GEQ(seq, pcb->rcv_nxt) && SEQ_LEQ(seq, pcb->rcv_nxt + window);
    } else {
        acceptable = SEQ_LT(seq, pcb->rcv_nxt + (window ? window : 1)) && SEQ_GT(seq + segment_length, pcb->rcv_nxt);
    }
    if (tcp->flags & TCP_RST) {
        /* RFC 5961-lite: only a reset inside the window counts. */
        if (SEQ_GEQ(seq, pcb->rcv_nxt) && SEQ_LT(seq, pcb->rcv_nxt + (window ? window : 1))) {
            __tcp_stats.resets_received++;
            int was_synchronized = pcb->state != TCP_SYN_RECEIVED;
            __tcp_drop_connection(pcb, was_synchronized && pcb->state != TCP_TIME_WAIT ? ECONNRESET : 0, 0);
        }
        return;
    }
    if (pcb->state == TCP_SYN_RECEIVED && (tcp->flags & TCP_SYN) && !(tcp->flags & TCP_ACK) && seq == pcb->irs) {
        __tcp_send_syn(pcb); /* our SYN-ACK was lost: the client retransmitted its SYN */
        return;
    }
    if (!acceptable) {
        /* Old duplicate, beyond the window, or a zero-window probe: acknowledge what we have. Its ACK field
           may still carry news (a window update), so process that for synchronized states. */
        if (pcb->state != TCP_SYN_RECEIVED && (tcp->flags & TCP_ACK) && !(tcp->flags & TCP_SYN)
                && process_ack(pcb, tcp, seq, 0) < 0) {
            return; /* it may have closed (and freed) the connection */
        }
        __tcp_emit_for(pcb, pcb->snd_nxt, 0, 0);
        return;
    }
    if (tcp->flags & TCP_SYN) {
        __tcp_emit_for(pcb, pcb->snd_nxt, 0, 0); /* challenge ACK (RFC 5961): a SYN inside a connection */
        return;
    }
    if (!(tcp->flags & TCP_ACK)) {
        return;
    }
    if (pcb->state == TCP_SYN_RECEIVED) {
        uint32_t ack = net_ntohl(tcp->ack);
        if (ack != pcb->iss + 1) {
            __tcp_send_reset_for(src_mac, ip, tcp, segment_length);
            return;
        }
        if (pcb->timing) {
            pcb->timing = 0;
            __tcp_update_rto(pcb, (uint32_t)(ilwaco_now_us() - pcb->timed_at));
        }
        pcb->snd_una = ack;
        pcb->snd_wnd = peer_window(pcb, tcp);
        pcb->snd_wl1 = seq;
        pcb->snd_wl2 = ack;
        pcb->rto = __tcp_base_rto(pcb);
        __tcp_established(pcb);
    }
    if (process_ack(pcb, tcp, seq, data_length) < 0 || pcb->state == TCP_CLOSED) {
        return;
    }

    /* Data and FIN. */
    int fin = (tcp->flags & TCP_FIN) != 0;
    if (SEQ_LT(seq, pcb->rcv_nxt)) {
        uint32_t skip = pcb->rcv_nxt - seq; /* a partly duplicate segment: keep its new part */
        if (skip > data_length) {
            skip = data_length;
        }
        data += skip;
        data_length -= skip;
        seq += skip;
    }
    if (data_length > window) {
        data_length = window; /* beyond the window: the FIN is cut off with it */
        fin = 0;
    }
    if (data_length == 0 && !fin) {
        if (segment_length) {
            __tcp_emit_for(pcb, pcb->snd_nxt, 0, 0); /* e.g. a probe of our zero window */
        }
        return;
    }
    if (pcb->fin_received || pcb->state == TCP_TIME_WAIT) {
        pcb->ack_now = 1; /* a retransmitted FIN: acknowledge again */
        if (pcb->state == TCP_TIME_WAIT) {
            __tcp_emit_for(pcb, pcb->snd_nxt, 0, 0);
            __tcp_arm_timer(pcb, 2 * MSL_US);
        }
        return;
    }
    if (data_length && !pcb->owned) {
        __tcp_drop_connection(pcb, 0, 1); /* data for a closed socket: reset, as Linux does */
        return;
    }
    if (seq != pcb->rcv_nxt) {
        queue_out_of_order(pcb, seq, data, data_length, fin);
        __tcp_emit_for(pcb, pcb->snd_nxt, 0, 0); /* duplicate ACK at once: the peer counts them */
        return;
    }
    if (data_length) {
        deliver(pcb, data, data_length);
        pcb->ack_now = 1;
    }
    if (fin) {
        fin_arrived(pcb);
    }
    drain_out_of_order(pcb);
    if (pcb->ooo) {
        __tcp_emit_for(pcb, pcb->snd_nxt, 0, 0);
    }
    __tcp_notify(pcb);
}

void __net_tcp_input_done(void)
{
    for (struct tcp_pcb *pcb = __tcp_pcbs; pcb; pcb = pcb->next) {
        if (pcb->ack_now) {
            pcb->ack_now &= 1; /* an owed ACK stays owed until a segment carries it (see __tcp_output) */
            __tcp_output(pcb, 0x7FFFFFFF);
        }
    }
}
