/*
 * net_tcp.c: TCP (RFC 793/9293) for Ilwaco: connection life cycle, segment output, timers and state
 * changes. Segment arrival is in net_tcp_input.c, the calls behind the socket API in net_tcp_calls.c.
 *
 * Design (docs/networking.md has the long version):
 *  - One protocol control block (pcb) per listener or connection, in one list. Segments are processed by
 *    the NIC receive handler (thread context, never blocking); ACKs for in-order data and data the new
 *    ACKs allow are sent once the handler has drained the NIC (__net_tcp_input_done), so a burst of
 *    segments costs one ACK. Out-of-order segments are queued (at most OOO_MAX) and answered at once with
 *    a duplicate ACK so the peer can fast-retransmit.
 *  - Send side: a ring buffer of TCP_SEND_BUFFER bytes from the oldest unacknowledged byte; segments of at
 *    most the peer's MSS are cut from it while the peer's advertised window allows. No congestion control
 *    and no Nagle (TCP_NODELAY behaviour): the LANs this runs on are switched and lossless unless a test
 *    makes them lossy.
 *  - Retransmission: one timer per connection, RTO from RFC 6298 (Jacobson/Karels: SRTT, RTTVAR, K = 4),
 *    one timed segment at a time and Karn's rule; minimum 200 ms (Linux's, not RFC 6298's 1 s), maximum
 *    60 s, doubled on every expiry (exponential backoff), go-back-N from the oldest unacknowledged byte.
 *    Three duplicate ACKs retransmit that segment at once. The same timer serves SYN/SYN-ACK
 *    retransmission, zero-window probes (persist), TIME_WAIT and the orphaned-FIN_WAIT_2 limit.
 *  - The receive window is the free space of a TCP_RECEIVE_BUFFER ring (no window scaling, so at most
 *    64 KB); a window update is sent when reading opens it from under an MSS, or by half the buffer.
 *  - TIME_WAIT lasts 2 * MSL with MSL shortened to 1 s (LANs do not keep segments for minutes); a SYN
 *    with a higher sequence number may reopen a connection in TIME_WAIT, as BSD allows.
 */
#include <stdlib.h>
#include <string.h>

#include "net_tcp_internal.h"

struct tcp_pcb *__tcp_pcbs;
struct tcp_stats __tcp_stats;
static uint32_t iss_counter;

/* ------------------------------------------------------------------ names, checksums, statistics */

const char *tcp_state_name(enum tcp_state state)
{
    static const char *const names[] = {"CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED",
        "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT"};
    return (unsigned)state < sizeof names / sizeof names[0] ? names[state] : "?";
}

uint16_t tcp_checksum(ip4_addr_t src, ip4_addr_t dst, const void *segment, size_t length)
{
    uint8_t pseudo[12];
    memcpy(pseudo, &src, 4);
    memcpy(pseudo + 4, &dst, 4);
    pseudo[8] = 0;
    pseudo[9] = IP4_PROTO_TCP;
    uint16_t tcp_length = net_htons((uint16_t)length);
    memcpy(pseudo + 10, &tcp_length, 2);
    return net_checksum_finish(net_checksum_add(net_checksum_add(0, pseudo, 12), segment, length));
}

void tcp_get_stats(struct tcp_stats *out)
{
    *out = __tcp_stats;
}

/* ------------------------------------------------------------------ pcb life cycle */

void __tcp_notify(struct tcp_pcb *pcb)
{
    cond_broadcast(&pcb->changed);
    __net_notify_activity();
}

void __tcp_free_ooo(struct tcp_pcb *pcb)
{
    while (pcb->ooo) {
        struct ooo_segment *s = pcb->ooo;
        pcb->ooo = s->next;
        free(s);
    }
    pcb->ooo_count = 0;
}

/* Frees `pcb` once nothing refers to it any more: closed, no descriptor, no blocked thread. */
void __tcp_maybe_free(struct tcp_pcb *pcb)
{
    if (pcb->state != TCP_CLOSED || pcb->owned || pcb->waiters) {
        return;
    }
    for (struct tcp_pcb **link = &__tcp_pcbs; *link; link = &(*link)->next) {
        if (*link == pcb) {
            *link = pcb->next;
            break;
        }
    }
    ilwaco_timer_cancel(&pcb->timer);
    ilwaco_timer_cancel(&pcb->output_timer);
    __tcp_free_ooo(pcb);
    free(pcb->sbuf);
    free(pcb->rbuf);
    free(pcb);
}

struct tcp_pcb *__tcp_create(void)
{
    struct tcp_pcb *pcb = calloc(1, sizeof *pcb);
    if (!pcb) {
        return 0;
    }
    pcb->owned = 1;
    pcb->rto = RTO_INITIAL_US;
    pcb->snd_mss = DEFAULT_MSS;
    pcb->next = __tcp_pcbs;
    __tcp_pcbs = pcb;
    return pcb;
}

int __tcp_allocate_buffers(struct tcp_pcb *pcb)
{
    if (!pcb->sbuf) {
        pcb->sbuf = malloc(TCP_SEND_BUFFER);
    }
    if (!pcb->rbuf) {
        pcb->rbuf = malloc(TCP_RECEIVE_BUFFER);
    }
    return pcb->sbuf && pcb->rbuf ? 0 : -ENOMEM;
}

uint32_t __tcp_new_iss(struct tcp_pcb *pcb)
{
    /* RFC 6528 in spirit: a clock plus a per-connection hash, so two VMs booted alike still differ. */
    iss_counter += 64019;
    return (uint32_t)(ilwaco_now_us() * 4) + iss_counter + pcb->remote_ip * 2654435761u
        + ((uint32_t)pcb->local_port << 16 ^ pcb->remote_port) * 40503u;
}

/* ------------------------------------------------------------------ segment output */

uint32_t __tcp_receive_window(const struct tcp_pcb *pcb)
{
    /* After SHUT_RD (or close) arriving data is acknowledged and dropped, so nothing limits the window. */
    uint32_t free_space = pcb->shut_rd ? TCP_RECEIVE_BUFFER : pcb->rbuf ? TCP_RECEIVE_BUFFER - pcb->rbuf_len : 0;
    return free_space > 0xFFFF ? 0xFFFF : free_space;
}

/* Builds and sends one segment. `data` comes from the send ring at `offset` bytes past sbuf_head. */
int __tcp_emit(const uint8_t mac[ETH_ADDR_LEN], ip4_addr_t dst, uint16_t src_port, uint16_t dst_port,
                uint32_t seq, uint32_t ack, uint8_t flags, uint16_t window, const struct tcp_pcb *data_from,
                uint32_t offset, uint32_t length, int options)
{
    uint8_t frame[NET_FRAME_MAX];
    uint8_t *segment = frame + ETH_HEADER_LEN + IP4_HEADER_LEN;
    struct tcp_header *tcp = (struct tcp_header *)segment;
    size_t header_length = TCP_HEADER_LEN + ((options & OPTION_MSS) ? 4 : 0) + ((options & OPTION_WSCALE) ? 4 : 0);
    tcp->src_port = net_htons(src_port);
    tcp->dst_port = net_htons(dst_port);
    tcp->seq = net_htonl(seq);
    tcp->ack = net_htonl((flags & TCP_ACK) ? ack : 0);
    tcp->offset = (uint8_t)(header_length / 4 << 4);
    tcp->flags = flags;
    tcp->window = net_htons(window);
    tcp->checksum = 0;
    tcp->urgent = 0;
    uint8_t *option = segment + TCP_HEADER_LEN;
    if (options & OPTION_MSS) {
        *option++ = 2; /* kind 2, length 4, our MSS */
        *option++ = 4;
        *option++ = TCP_MSS >> 8;
        *option++ = TCP_MSS & 0xFF;
    }
    if (options & OPTION_WSCALE) {
        *option++ = 1; /* NOP, then kind 3, length 3, shift 0 */
        *option++ = 3;
        *option++ = 3;
        *option++ = 0;
    }
    if (length) {
        uint32_t start = (data_from->sbuf_head + offset) % TCP_SEND_BUFFER;
        uint32_t first = TCP_SEND_BUFFER - start < length ? TCP_SEND_BUFFER - start : length;
        memcpy(segment + header_length, data_from->sbuf + start, first);
        memcpy(segment + header_length + first, data_from->sbuf, length - first);
    }
    tcp->checksum = tcp_checksum(net_address(), dst, segment, header_length + length);
    int result = __net_ip4_output(frame, mac, dst, IP4_PROTO_TCP, header_length + length);
    if (result == 0) {
        __tcp_stats.segments_sent++;
    }
    return result;
}

/* A segment of `pcb` at `seq` carrying `length` bytes of the send ring (from seq) and the current ACK. */
int __tcp_emit_for(struct tcp_pcb *pcb, uint32_t seq, uint8_t flags, uint32_t length)
{
    uint16_t window = (uint16_t)__tcp_receive_window(pcb);
    if (!(flags & TCP_SYN)) {
        flags |= TCP_ACK;
    }
    int result = __tcp_emit(pcb->mac, pcb->remote_ip, pcb->local_port, pcb->remote_port, seq, pcb->rcv_nxt, flags,
                      window, pcb, length ? seq - pcb->sbuf_seq : 0, length, 0);
    if (result == 0 && (flags & TCP_ACK)) {
        pcb->ack_now = 0;
        pcb->last_window = window;
    }
    return result;
}

void __tcp_send_syn(struct tcp_pcb *pcb)
{
    uint8_t flags = pcb->state == TCP_SYN_RECEIVED ? TCP_SYN | TCP_ACK : TCP_SYN;
    uint16_t window = (uint16_t)__tcp_receive_window(pcb);
    /* Window scale 0 (we never scale our window; accepting the peer's lets passt or Linux offer more
       than 64 KB), unless answering a SYN that did not offer scaling (RFC 7323 1.3). */
    int options = OPTION_MSS | (pcb->state == TCP_SYN_SENT || pcb->peer_offered_wscale ? OPTION_WSCALE : 0);
    if (__tcp_emit(pcb->mac, pcb->remote_ip, pcb->local_port, pcb->remote_port, pcb->iss, pcb->rcv_nxt, flags,
             window, 0, 0, 0, options) == 0) {
        pcb->last_window = window;
    }
}

/* A reset answering a segment nobody wants (RFC 9293 3.10.7.1): no pcb needed. */
void __tcp_send_reset_for(const uint8_t mac[ETH_ADDR_LEN], const struct ip4_header *ip,
                           const struct tcp_header *tcp, uint32_t segment_length)
{
    if (tcp->flags & TCP_RST) {
        return; /* never answer a reset */
    }
    uint32_t seq = 0, ack = 0;
    uint8_t flags = TCP_RST;
    if (tcp->flags & TCP_ACK) {
        seq = net_ntohl(tcp->ack);
    } else {
        ack = net_ntohl(tcp->seq) + segment_length;
        flags |= TCP_ACK;
    }
    if (__tcp_emit(mac, ip->src, net_ntohs(tcp->dst_port), net_ntohs(tcp->src_port), seq, ack, flags, 0, 0, 0, 0, 0) == 0) {
        __tcp_stats.resets_sent++;
    }
}

static void retry_output(void *arg)
{
    __tcp_output(arg, 0x7FFFFFFF);
}

/* Sends what the window allows (at most max_segments), the FIN when its turn has come, or a pending ACK. */
void __tcp_output(struct tcp_pcb *pcb, int max_segments)
{
    if (pcb->state == TCP_CLOSED || pcb->state == TCP_LISTEN || pcb->state == TCP_SYN_SENT
            || pcb->state == TCP_SYN_RECEIVED) {
        return;
    }
    int sent = 0;
    if (pcb->sbuf && pcb->state != TCP_TIME_WAIT) {
        uint32_t data_end = pcb->sbuf_seq + pcb->sbuf_len;
        uint32_t window_end = pcb->snd_una + pcb->snd_wnd;
        while (sent < max_segments && SEQ_LT(pcb->snd_nxt, data_end)) {
            uint32_t available = data_end - pcb->snd_nxt;
            uint32_t room = SEQ_GT(window_end, pcb->snd_nxt) ? window_end - pcb->snd_nxt : 0;
            uint32_t length = available < room ? available : room;
            if (length > pcb->snd_mss) {
                length = pcb->snd_mss;
            }
            if (length == 0) {
                break;
            }
            /* Sender-side silly window avoidance: no tiny segment cut by the window while data is in flight. */
            if (length < pcb->snd_mss && length < available && pcb->snd_nxt != pcb->snd_una) {
                break;
            }
            int retransmission = SEQ_LT(pcb->snd_nxt, pcb->snd_max);
            uint8_t flags = length == available ? TCP_PSH : 0;
            if (__tcp_emit_for(pcb, pcb->snd_nxt, flags, length) < 0) {
                ilwaco_timer_start(&pcb->output_timer, OUTPUT_RETRY_US, retry_output, pcb);
                break;
            }
            if (retransmission) {
                __tcp_stats.retransmissions++;
                pcb->retransmissions++;
            } else if (!pcb->timing) {
                pcb->timing = 1;
                pcb->timed_seq = pcb->snd_nxt;
                pcb->timed_at = ilwaco_now_us();
            }
            pcb->snd_nxt += length;
            if (SEQ_GT(pcb->snd_nxt, pcb->snd_max)) {
                pcb->snd_max = pcb->snd_nxt;
            }
            sent++;
        }
        if (pcb->fin_queued && pcb->snd_nxt == data_end && sent < max_segments) {
            if (__tcp_emit_for(pcb, data_end, TCP_FIN, 0) == 0) {
                if (SEQ_LT(data_end, pcb->snd_max)) {
                    __tcp_stats.retransmissions++;
                    pcb->retransmissions++;
                }
                pcb->snd_nxt = data_end + 1;
                if (SEQ_GT(pcb->snd_nxt, pcb->snd_max)) {
                    pcb->snd_max = pcb->snd_nxt;
                }
                sent++;
            } else {
                ilwaco_timer_start(&pcb->output_timer, OUTPUT_RETRY_US, retry_output, pcb);
            }
        }
    }
    if (!sent && (pcb->ack_now & 1) && __tcp_emit_for(pcb, pcb->snd_nxt, 0, 0) < 0) {
        ilwaco_timer_start(&pcb->output_timer, OUTPUT_RETRY_US, retry_output, pcb); /* the ACK stays due */
    }
    if (pcb->state == TCP_TIME_WAIT) {
        return; /* its timer measures 2 MSL */
    }
    if (pcb->snd_una != pcb->snd_max) {
        if (!pcb->timer.armed) {
            __tcp_arm_timer(pcb, pcb->rto);
        }
    } else if (pcb->sbuf && SEQ_LT(pcb->snd_nxt, pcb->sbuf_seq + pcb->sbuf_len) && pcb->snd_wnd == 0) {
        if (!pcb->timer.armed) {
            __tcp_arm_timer(pcb, pcb->rto); /* persist: probe the zero window */
        }
    }
}

/* ------------------------------------------------------------------ state changes */

static void on_timer(void *arg);

void __tcp_arm_timer(struct tcp_pcb *pcb, uint32_t delay_us)
{
    ilwaco_timer_start(&pcb->timer, delay_us, on_timer, pcb);
}

/* The connection is gone: `error` (0 for none) for the user, RST to the peer if asked. */
void __tcp_drop_connection(struct tcp_pcb *pcb, int error, int send_reset)
{
    if (send_reset && pcb->state != TCP_CLOSED && pcb->state != TCP_LISTEN && pcb->state != TCP_SYN_SENT
            && pcb->state != TCP_TIME_WAIT) {
        if (__tcp_emit(pcb->mac, pcb->remote_ip, pcb->local_port, pcb->remote_port, pcb->snd_nxt, pcb->rcv_nxt,
                 TCP_RST | TCP_ACK, 0, 0, 0, 0, 0) == 0) {
            __tcp_stats.resets_sent++;
        }
    }
    if (pcb->state == TCP_SYN_RECEIVED && pcb->parent) {
        pcb->parent->half_open--;
    }
    pcb->state = TCP_CLOSED;
    if (error) {
        pcb->error = error;
    }
    ilwaco_timer_cancel(&pcb->timer);
    ilwaco_timer_cancel(&pcb->output_timer);
    __tcp_free_ooo(pcb);
    __tcp_notify(pcb);
    if (pcb->parent && !pcb->owned) {
        pcb->parent = 0; /* a half-open child that never reached the accept queue */
    }
    __tcp_maybe_free(pcb);
}

/* A connection nobody will read again (closed by the application) keeps no receive buffer: it may linger for
   minutes in FIN_WAIT or TIME_WAIT, and a client that opens connections quickly would otherwise hold
   TCP_RECEIVE_BUFFER bytes of its heap per closed connection until malloc fails (ENOMEM at connect). */
void __tcp_release_receive_buffer(struct tcp_pcb *pcb)
{
    pcb->shut_rd = 1; /* arriving data is acknowledged and dropped (deliver) */
    free(pcb->rbuf);
    pcb->rbuf = 0;
    pcb->rbuf_len = 0;
    pcb->rbuf_head = 0;
}

void __tcp_enter_time_wait(struct tcp_pcb *pcb)
{
    pcb->state = TCP_TIME_WAIT;
    ilwaco_timer_cancel(&pcb->output_timer);
    free(pcb->sbuf); /* nothing will be sent again; unread received data stays readable while a descriptor has it */
    pcb->sbuf = 0;
    pcb->sbuf_len = 0;
    __tcp_free_ooo(pcb);
    if (!pcb->owned) {
        __tcp_release_receive_buffer(pcb);
    }
    __tcp_arm_timer(pcb, 2 * MSL_US);
    __tcp_notify(pcb);
}

void __tcp_established(struct tcp_pcb *pcb)
{
    pcb->state = TCP_ESTABLISHED;
    pcb->backoffs = 0;
    pcb->sbuf_seq = pcb->iss + 1;
    __tcp_stats.connections_opened++;
    ilwaco_timer_cancel(&pcb->timer);
    struct tcp_pcb *parent = pcb->parent;
    if (parent) {
        parent->half_open--;
        pcb->owned = 1; /* by the accept queue until accept() hands it out */
        pcb->accept_next = 0;
        if (parent->accept_tail) {
            parent->accept_tail->accept_next = pcb;
        } else {
            parent->accept_head = pcb;
        }
        parent->accept_tail = pcb;
        parent->accept_queued++;
        __tcp_notify(parent);
    }
    __tcp_notify(pcb);
}

void __tcp_update_rto(struct tcp_pcb *pcb, uint32_t sample)
{
    if (sample == 0) {
        sample = 1;
    }
    if (pcb->srtt == 0) {
        pcb->srtt = sample;          /* RFC 6298 (2.2) */
        pcb->rttvar = sample / 2;
    } else {
        uint32_t delta = pcb->srtt > sample ? pcb->srtt - sample : sample - pcb->srtt;
        pcb->rttvar = pcb->rttvar - pcb->rttvar / 4 + delta / 4;   /* beta = 1/4 */
        pcb->srtt = pcb->srtt - pcb->srtt / 8 + sample / 8;       /* alpha = 1/8 */
    }
}

uint32_t __tcp_base_rto(const struct tcp_pcb *pcb)
{
    if (pcb->srtt == 0) {
        return RTO_INITIAL_US;
    }
    uint32_t variance = 4 * pcb->rttvar > CLOCK_GRANULARITY_US ? 4 * pcb->rttvar : CLOCK_GRANULARITY_US;
    uint32_t rto = pcb->srtt + variance;
    return rto < RTO_MIN_US ? RTO_MIN_US : rto > RTO_MAX_US ? RTO_MAX_US : rto;
}

static void on_timer(void *arg)
{
    struct tcp_pcb *pcb = arg;
    switch (pcb->state) {
    case TCP_TIME_WAIT:
        pcb->state = TCP_CLOSED;
        __tcp_notify(pcb);
        __tcp_maybe_free(pcb);
        return;
    case TCP_FIN_WAIT_2:
        __tcp_drop_connection(pcb, 0, 1); /* orphaned and the peer never closed */
        return;
    case TCP_SYN_SENT:
    case TCP_SYN_RECEIVED:
        if (pcb->backoffs >= (pcb->state == TCP_SYN_SENT ? SYN_RETRIES : SYNACK_RETRIES)) {
            __tcp_drop_connection(pcb, ETIMEDOUT, 0);
            return;
        }
        pcb->backoffs++;
        __tcp_stats.timeouts++;
        __tcp_stats.retransmissions++;
        pcb->retransmissions++;
        pcb->timing = 0;
        pcb->rto = pcb->rto * 2 > RTO_MAX_US ? RTO_MAX_US : pcb->rto * 2;
        __tcp_send_syn(pcb);
        __tcp_arm_timer(pcb, pcb->rto);
        return;
    case TCP_CLOSED:
    case TCP_LISTEN:
        return;
    default:
        break;
    }
    if (pcb->snd_una == pcb->snd_max) {
        /* Persist: the peer's window is zero and we have data. Send one byte beyond it; it is retransmitted
           with backoff like any other until the window opens. */
        if (pcb->sbuf && pcb->snd_wnd == 0 && SEQ_LT(pcb->snd_nxt, pcb->sbuf_seq + pcb->sbuf_len)) {
            if (__tcp_emit_for(pcb, pcb->snd_nxt, 0, 1) == 0) {
                __tcp_stats.window_probes++;
                pcb->snd_nxt++;
                pcb->snd_max = pcb->snd_nxt;
            }
            pcb->rto = pcb->rto * 2 > RTO_MAX_US ? RTO_MAX_US : pcb->rto * 2;
            __tcp_arm_timer(pcb, pcb->rto);
        }
        return;
    }
    if (pcb->backoffs >= DATA_RETRIES) {
        __tcp_drop_connection(pcb, ETIMEDOUT, 1);
        return;
    }
    __tcp_stats.timeouts++;
    pcb->backoffs++;
    pcb->rto = pcb->rto * 2 > RTO_MAX_US ? RTO_MAX_US : pcb->rto * 2; /* exponential backoff */
    pcb->timing = 0;       /* Karn: no RTT sample from a retransmitted segment */
    pcb->dupacks = 0;
    pcb->snd_nxt = pcb->snd_una; /* go back N */
    if (pcb->sbuf && pcb->snd_una == pcb->sbuf_seq + pcb->sbuf_len && !pcb->fin_queued) {
        pcb->snd_nxt = pcb->snd_max; /* nothing left to resend (a window probe was acknowledged meanwhile) */
    } else if (pcb->sbuf && pcb->snd_wnd == 0 && SEQ_LT(pcb->snd_una, pcb->sbuf_seq + pcb->sbuf_len)) {
        /* The peer's window closed while data was outstanding: resend the first byte as the probe. */
        if (__tcp_emit_for(pcb, pcb->snd_una, 0, 1) == 0) {
            __tcp_stats.retransmissions++;
            pcb->retransmissions++;
        }
        pcb->snd_nxt = pcb->snd_una + 1;
    } else {
        /* Retransmit one segment; ACKs of it send the rest (go-back-N). */
        uint32_t saved_window = pcb->snd_wnd;
        if (pcb->snd_wnd < pcb->snd_mss) {
            pcb->snd_wnd = pcb->snd_mss;
        }
        __tcp_output(pcb, 1);
        pcb->snd_wnd = saved_window;
    }
    __tcp_arm_timer(pcb, pcb->rto);
}
