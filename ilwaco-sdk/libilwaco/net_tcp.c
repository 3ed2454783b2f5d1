/*
 * net_tcp.c: TCP (RFC 793/9293) for Ilwaco: connection state machine, sliding windows, retransmission.
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
 *    64 KB); a window update is sent when reading opens it by an MSS or half the buffer.
 *  - TIME_WAIT lasts 2 * MSL with MSL shortened to 1 s (LANs do not keep segments for minutes); a SYN
 *    with a higher sequence number may reopen a connection in TIME_WAIT, as BSD allows.
 */
#include <ilwaco/socket.h>
#include <ilwaco/timer.h>
#include <stdlib.h>
#include <string.h>

#include "net_internal.h"

#define EPHEMERAL_FIRST 49152u
#define DEFAULT_MSS 536u           /* RFC 9293: when the peer sends no MSS option */
#define RTO_INITIAL_US 1000000u    /* RFC 6298 (2.1) */
#define RTO_MIN_US 200000u
#define RTO_MAX_US 60000000u
#define CLOCK_GRANULARITY_US 1000u /* G in RTO = SRTT + max(G, 4 * RTTVAR) */
#define SYN_RETRIES 5              /* 1+2+4+8+16 s: connect gives up after about 31 s */
#define SYNACK_RETRIES 5
#define DATA_RETRIES 10            /* consecutive expiries before the connection is dropped (ETIMEDOUT) */
#define MSL_US 1000000u
#define FIN_WAIT_2_ORPHAN_US 10000000u
#define OUTPUT_RETRY_US 1000u      /* the NIC's transmit queue was full */
#define OOO_MAX 16                 /* out-of-order segments queued per connection */
#define ARP_TIMEOUT_US 1500000u

#define SEQ_LT(a, b) ((int32_t)((a) - (b)) < 0)
#define SEQ_LEQ(a, b) ((int32_t)((a) - (b)) <= 0)
#define SEQ_GT(a, b) ((int32_t)((a) - (b)) > 0)
#define SEQ_GEQ(a, b) ((int32_t)((a) - (b)) >= 0)

/* A segment that arrived ahead of a gap. */
struct ooo_segment {
    struct ooo_segment *next; /* sorted by seq */
    uint32_t seq;
    uint32_t length;
    int fin;
    uint8_t data[];
};

struct tcp_pcb {
    struct tcp_pcb *next;  /* all pcbs */
    enum tcp_state state;
    int owned;             /* a descriptor (or a listener's accept queue) refers to it */
    int waiters;           /* threads blocked on `changed`: the pcb is not freed under them */
    int error;             /* pending error (positive errno): reset, refused, timed out */
    cond_t changed;

    ip4_addr_t local_ip, remote_ip;
    uint16_t local_port, remote_port;
    uint8_t mac[ETH_ADDR_LEN]; /* next hop towards remote_ip */

    /* send side */
    uint32_t iss, snd_una, snd_nxt, snd_max, snd_wnd, snd_wl1, snd_wl2;
    uint16_t snd_mss;
    uint8_t snd_wscale;      /* the peer's window scale shift (RFC 7323), 0 unless both sides sent one */
    uint8_t peer_offered_wscale; /* its SYN carried the option: our SYN-ACK answers with ours */
    uint8_t *sbuf;           /* ring of TCP_SEND_BUFFER bytes */
    uint32_t sbuf_head;      /* ring index of the byte at sbuf_seq */
    uint32_t sbuf_seq;       /* sequence number of the oldest buffered byte */
    uint32_t sbuf_len;
    int fin_queued;          /* shutdown(SHUT_WR) or close(): FIN follows the data, at sbuf_seq + sbuf_len */
    int fin_acked;
    int dupacks;

    /* receive side */
    uint32_t irs, rcv_nxt;
    uint32_t last_window;    /* window in the last segment we sent */
    uint8_t *rbuf;           /* ring of TCP_RECEIVE_BUFFER bytes */
    uint32_t rbuf_head, rbuf_len;
    int fin_received;
    int shut_rd;
    struct ooo_segment *ooo;
    int ooo_count;
    int ack_now;             /* due at the end of the receive burst: 1 an ACK, 2 output (the window moved) */

    /* timing */
    struct ilwaco_timer timer;        /* retransmission / persist / TIME_WAIT / FIN_WAIT_2 */
    struct ilwaco_timer output_timer; /* NIC queue full: try again shortly */
    uint32_t srtt, rttvar, rto;       /* microseconds; srtt 0: no sample yet */
    uint32_t backoffs;
    uint32_t retransmissions;
    int timing;
    uint32_t timed_seq;
    uint64_t timed_at;

    /* listeners */
    struct tcp_pcb *parent;        /* SYN_RECEIVED / queued child: its listener */
    struct tcp_pcb *accept_next;   /* link in the parent's accept queue */
    struct tcp_pcb *accept_head, *accept_tail;
    int backlog, accept_queued, half_open;
};

static struct tcp_pcb *pcbs;
static struct tcp_stats stats;
static uint16_t next_ephemeral = EPHEMERAL_FIRST;
static uint32_t iss_counter;

static void tcp_output(struct tcp_pcb *pcb, int max_segments);

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
    *out = stats;
}

/* ------------------------------------------------------------------ pcb life cycle */

static void notify(struct tcp_pcb *pcb)
{
    cond_broadcast(&pcb->changed);
    __net_notify_activity();
}

static void free_ooo(struct tcp_pcb *pcb)
{
    while (pcb->ooo) {
        struct ooo_segment *s = pcb->ooo;
        pcb->ooo = s->next;
        free(s);
    }
    pcb->ooo_count = 0;
}

/* Frees `pcb` once nothing refers to it any more: closed, no descriptor, no blocked thread. */
static void maybe_free(struct tcp_pcb *pcb)
{
    if (pcb->state != TCP_CLOSED || pcb->owned || pcb->waiters) {
        return;
    }
    for (struct tcp_pcb **link = &pcbs; *link; link = &(*link)->next) {
        if (*link == pcb) {
            *link = pcb->next;
            break;
        }
    }
    ilwaco_timer_cancel(&pcb->timer);
    ilwaco_timer_cancel(&pcb->output_timer);
    free_ooo(pcb);
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
    pcb->next = pcbs;
    pcbs = pcb;
    return pcb;
}

static int allocate_buffers(struct tcp_pcb *pcb)
{
    if (!pcb->sbuf) {
        pcb->sbuf = malloc(TCP_SEND_BUFFER);
    }
    if (!pcb->rbuf) {
        pcb->rbuf = malloc(TCP_RECEIVE_BUFFER);
    }
    return pcb->sbuf && pcb->rbuf ? 0 : -ENOMEM;
}

static uint32_t new_iss(struct tcp_pcb *pcb)
{
    /* RFC 6528 in spirit: a clock plus a per-connection hash, so two VMs booted alike still differ. */
    iss_counter += 64019;
    return (uint32_t)(ilwaco_now_us() * 4) + iss_counter + pcb->remote_ip * 2654435761u
        + ((uint32_t)pcb->local_port << 16 ^ pcb->remote_port) * 40503u;
}

/* ------------------------------------------------------------------ segment output */

static uint32_t receive_window(const struct tcp_pcb *pcb)
{
    uint32_t free_space = pcb->rbuf ? TCP_RECEIVE_BUFFER - pcb->rbuf_len : 0;
    return free_space > 0xFFFF ? 0xFFFF : free_space;
}

/* Builds and sends one segment. `data` comes from the send ring at `offset` bytes past sbuf_head. */
#define OPTION_MSS 1    /* SYN options */
#define OPTION_WSCALE 2

static int emit(const uint8_t mac[ETH_ADDR_LEN], ip4_addr_t dst, uint16_t src_port, uint16_t dst_port,
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
        stats.segments_sent++;
    }
    return result;
}

/* A segment of `pcb` at `seq` carrying `length` bytes of the send ring (from seq) and the current ACK. */
static int emit_for(struct tcp_pcb *pcb, uint32_t seq, uint8_t flags, uint32_t length)
{
    uint16_t window = (uint16_t)receive_window(pcb);
    if (!(flags & TCP_SYN)) {
        flags |= TCP_ACK;
    }
    int result = emit(pcb->mac, pcb->remote_ip, pcb->local_port, pcb->remote_port, seq, pcb->rcv_nxt, flags,
                      window, pcb, length ? seq - pcb->sbuf_seq : 0, length, 0);
    if (result == 0 && (flags & TCP_ACK)) {
        pcb->ack_now = 0;
        pcb->last_window = window;
    }
    return result;
}

static void send_syn(struct tcp_pcb *pcb)
{
    uint8_t flags = pcb->state == TCP_SYN_RECEIVED ? TCP_SYN | TCP_ACK : TCP_SYN;
    uint16_t window = (uint16_t)receive_window(pcb);
    /* Window scale 0 (we never scale our window; accepting the peer's lets passt or Linux offer more
       than 64 KB), unless answering a SYN that did not offer scaling (RFC 7323 1.3). */
    int options = OPTION_MSS | (pcb->state == TCP_SYN_SENT || pcb->peer_offered_wscale ? OPTION_WSCALE : 0);
    if (emit(pcb->mac, pcb->remote_ip, pcb->local_port, pcb->remote_port, pcb->iss, pcb->rcv_nxt, flags,
             window, 0, 0, 0, options) == 0) {
        pcb->last_window = window;
    }
}

/* A reset answering a segment nobody wants (RFC 9293 3.10.7.1): no pcb needed. */
static void send_reset_for(const uint8_t mac[ETH_ADDR_LEN], const struct ip4_header *ip,
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
    if (emit(mac, ip->src, net_ntohs(tcp->dst_port), net_ntohs(tcp->src_port), seq, ack, flags, 0, 0, 0, 0, 0) == 0) {
        stats.resets_sent++;
    }
}

static void retry_output(void *arg)
{
    tcp_output(arg, 0x7FFFFFFF);
}

static void arm_timer(struct tcp_pcb *pcb, uint32_t delay_us);

/* Sends what the window allows (at most max_segments), the FIN when its turn has come, or a pending ACK. */
static void tcp_output(struct tcp_pcb *pcb, int max_segments)
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
            if (emit_for(pcb, pcb->snd_nxt, flags, length) < 0) {
                ilwaco_timer_start(&pcb->output_timer, OUTPUT_RETRY_US, retry_output, pcb);
                break;
            }
            if (retransmission) {
                stats.retransmissions++;
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
            if (emit_for(pcb, data_end, TCP_FIN, 0) == 0) {
                if (SEQ_LT(data_end, pcb->snd_max)) {
                    stats.retransmissions++;
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
    if (!sent && (pcb->ack_now & 1)) {
        emit_for(pcb, pcb->snd_nxt, 0, 0);
    }
    if (pcb->state == TCP_TIME_WAIT) {
        return; /* its timer measures 2 MSL */
    }
    if (pcb->snd_una != pcb->snd_max) {
        if (!pcb->timer.armed) {
            arm_timer(pcb, pcb->rto);
        }
    } else if (pcb->sbuf && SEQ_LT(pcb->snd_nxt, pcb->sbuf_seq + pcb->sbuf_len) && pcb->snd_wnd == 0) {
        if (!pcb->timer.armed) {
            arm_timer(pcb, pcb->rto); /* persist: probe the zero window */
        }
    }
}

/* ------------------------------------------------------------------ state changes */

static void on_timer(void *arg);

static void arm_timer(struct tcp_pcb *pcb, uint32_t delay_us)
{
    ilwaco_timer_start(&pcb->timer, delay_us, on_timer, pcb);
}

/* The connection is gone: `error` (0 for none) for the user, RST to the peer if asked. */
static void drop_connection(struct tcp_pcb *pcb, int error, int send_reset)
{
    if (send_reset && pcb->state != TCP_CLOSED && pcb->state != TCP_LISTEN && pcb->state != TCP_SYN_SENT
            && pcb->state != TCP_TIME_WAIT) {
        if (emit(pcb->mac, pcb->remote_ip, pcb->local_port, pcb->remote_port, pcb->snd_nxt, pcb->rcv_nxt,
                 TCP_RST | TCP_ACK, 0, 0, 0, 0, 0) == 0) {
            stats.resets_sent++;
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
    free_ooo(pcb);
    notify(pcb);
    if (pcb->parent && !pcb->owned) {
        pcb->parent = 0; /* a half-open child that never reached the accept queue */
    }
    maybe_free(pcb);
}

static void enter_time_wait(struct tcp_pcb *pcb)
{
    pcb->state = TCP_TIME_WAIT;
    ilwaco_timer_cancel(&pcb->output_timer);
    free(pcb->sbuf); /* nothing will be sent again; unread received data stays readable */
    pcb->sbuf = 0;
    pcb->sbuf_len = 0;
    free_ooo(pcb);
    arm_timer(pcb, 2 * MSL_US);
    notify(pcb);
}

static void established(struct tcp_pcb *pcb)
{
    pcb->state = TCP_ESTABLISHED;
    pcb->backoffs = 0;
    pcb->sbuf_seq = pcb->iss + 1;
    stats.connections_opened++;
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
        notify(parent);
    }
    notify(pcb);
}

static void update_rto(struct tcp_pcb *pcb, uint32_t sample)
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

static uint32_t base_rto(const struct tcp_pcb *pcb)
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
        notify(pcb);
        maybe_free(pcb);
        return;
    case TCP_FIN_WAIT_2:
        drop_connection(pcb, 0, 1); /* orphaned and the peer never closed */
        return;
    case TCP_SYN_SENT:
    case TCP_SYN_RECEIVED:
        if (pcb->backoffs >= (pcb->state == TCP_SYN_SENT ? SYN_RETRIES : SYNACK_RETRIES)) {
            drop_connection(pcb, ETIMEDOUT, 0);
            return;
        }
        pcb->backoffs++;
        stats.timeouts++;
        stats.retransmissions++;
        pcb->retransmissions++;
        pcb->timing = 0;
        pcb->rto = pcb->rto * 2 > RTO_MAX_US ? RTO_MAX_US : pcb->rto * 2;
        send_syn(pcb);
        arm_timer(pcb, pcb->rto);
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
            if (emit_for(pcb, pcb->snd_nxt, 0, 1) == 0) {
                stats.window_probes++;
                pcb->snd_nxt++;
                pcb->snd_max = pcb->snd_nxt;
            }
            pcb->rto = pcb->rto * 2 > RTO_MAX_US ? RTO_MAX_US : pcb->rto * 2;
            arm_timer(pcb, pcb->rto);
        }
        return;
    }
    if (pcb->backoffs >= DATA_RETRIES) {
        drop_connection(pcb, ETIMEDOUT, 1);
        return;
    }
    stats.timeouts++;
    pcb->backoffs++;
    pcb->rto = pcb->rto * 2 > RTO_MAX_US ? RTO_MAX_US : pcb->rto * 2; /* exponential backoff */
    pcb->timing = 0;       /* Karn: no RTT sample from a retransmitted segment */
    pcb->dupacks = 0;
    pcb->snd_nxt = pcb->snd_una; /* go back N */
    if (pcb->sbuf && pcb->snd_una == pcb->sbuf_seq + pcb->sbuf_len && !pcb->fin_queued) {
        pcb->snd_nxt = pcb->snd_max; /* nothing left to resend (a window probe was acknowledged meanwhile) */
    } else if (pcb->sbuf && pcb->snd_wnd == 0 && SEQ_LT(pcb->snd_una, pcb->sbuf_seq + pcb->sbuf_len)) {
        /* The peer's window closed while data was outstanding: resend the first byte as the probe. */
        if (emit_for(pcb, pcb->snd_una, 0, 1) == 0) {
            stats.retransmissions++;
            pcb->retransmissions++;
        }
        pcb->snd_nxt = pcb->snd_una + 1;
    } else {
        /* Retransmit one segment; ACKs of it send the rest (go-back-N). */
        uint32_t saved_window = pcb->snd_wnd;
        if (pcb->snd_wnd < pcb->snd_mss) {
            pcb->snd_wnd = pcb->snd_mss;
        }
        tcp_output(pcb, 1);
        pcb->snd_wnd = saved_window;
    }
    arm_timer(pcb, pcb->rto);
}

/* ------------------------------------------------------------------ input */

static struct tcp_pcb *find(ip4_addr_t local_ip, uint16_t local_port, ip4_addr_t remote_ip, uint16_t remote_port)
{
    struct tcp_pcb *listener = 0;
    for (struct tcp_pcb *pcb = pcbs; pcb; pcb = pcb->next) {
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
            enter_time_wait(pcb);
        } else {
            pcb->state = TCP_CLOSING;
        }
        break;
    case TCP_FIN_WAIT_2:
        enter_time_wait(pcb);
        break;
    default:
        break;
    }
    notify(pcb);
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
    stats.out_of_order++;
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
            uint32_t window = receive_window(pcb);
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
            update_rto(pcb, (uint32_t)(ilwaco_now_us() - pcb->timed_at));
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
        pcb->rto = base_rto(pcb);
        if (pcb->snd_una == pcb->snd_max) {
            ilwaco_timer_cancel(&pcb->timer);
        } else {
            arm_timer(pcb, pcb->rto);
        }
        pcb->ack_now |= 2; /* room in the window: run output at the end of the burst */
        notify(pcb);
    } else if (ack == pcb->snd_una && data_length == 0 && pcb->snd_una != pcb->snd_max && window == pcb->snd_wnd
               && !(tcp->flags & TCP_FIN)) {
        if (++pcb->dupacks == 3 && pcb->sbuf) {
            /* Fast retransmit of the oldest segment. */
            uint32_t data_end = pcb->sbuf_seq + pcb->sbuf_len;
            uint32_t length = data_end - pcb->snd_una;
            if (length > pcb->snd_mss) {
                length = pcb->snd_mss;
            }
            int sent = length ? emit_for(pcb, pcb->snd_una, 0, length)
                              : pcb->fin_queued ? emit_for(pcb, pcb->snd_una, TCP_FIN, 0) : -1;
            if (sent == 0) {
                stats.retransmissions++;
                stats.fast_retransmits++;
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
            pcb->rto = base_rto(pcb);
        }
    }
    if (pcb->fin_acked) {
        switch (pcb->state) {
        case TCP_FIN_WAIT_1:
            pcb->state = TCP_FIN_WAIT_2;
            if (!pcb->owned) {
                arm_timer(pcb, FIN_WAIT_2_ORPHAN_US);
            }
            notify(pcb);
            break;
        case TCP_CLOSING:
            enter_time_wait(pcb);
            break;
        case TCP_LAST_ACK:
            drop_connection(pcb, 0, 0);
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
        send_reset_for(src_mac, ip, tcp, segment_length);
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
    if (allocate_buffers(child) < 0) {
        maybe_free(child);
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
    child->iss = new_iss(child);
    child->snd_wl2 = child->iss;
    child->snd_una = child->iss;
    child->snd_nxt = child->snd_max = child->iss + 1;
    child->sbuf_seq = child->iss + 1;
    child->state = TCP_SYN_RECEIVED;
    listener->half_open++;
    send_syn(child);
    child->timing = 1; /* the SYN-ACK's round trip is the first RTT sample */
    child->timed_seq = child->iss;
    child->timed_at = ilwaco_now_us();
    arm_timer(child, child->rto);
}

static void syn_sent_input(struct tcp_pcb *pcb, const struct tcp_header *tcp, size_t header_length)
{
    uint32_t seq = net_ntohl(tcp->seq), ack = net_ntohl(tcp->ack);
    if (tcp->flags & TCP_ACK) {
        if (ack != pcb->iss + 1) {
            if (!(tcp->flags & TCP_RST)) {
                emit(pcb->mac, pcb->remote_ip, pcb->local_port, pcb->remote_port, ack, 0, TCP_RST, 0, 0, 0, 0, 0);
                stats.resets_sent++;
            }
            return;
        }
        if (tcp->flags & TCP_RST) {
            stats.resets_received++;
            drop_connection(pcb, ECONNREFUSED, 0);
            return;
        }
    } else if (tcp->flags & TCP_RST) {
        /* RFC 9293 says to ignore a reset without ACK here, but passt (0.0~git20230309) refuses connections
           to closed host ports exactly so: taking it spares a 31 s SYN timeout for a clear ECONNREFUSED. */
        stats.resets_received++;
        drop_connection(pcb, ECONNREFUSED, 0);
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
            update_rto(pcb, (uint32_t)(ilwaco_now_us() - pcb->timed_at));
        }
        pcb->snd_una = ack;
        established(pcb);
        pcb->rto = base_rto(pcb);
        pcb->ack_now = 1;
        emit_for(pcb, pcb->snd_nxt, 0, 0);
    } else {
        /* Simultaneous open: both sides sent SYN. */
        pcb->state = TCP_SYN_RECEIVED;
        send_syn(pcb);
        arm_timer(pcb, pcb->rto);
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
        stats.bad_checksums++;
        __net_stats.frames_dropped++;
        return;
    }
    stats.segments_received++;
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
        notify(pcb);
        maybe_free(pcb);
        pcb = find(ip->dst, local_port, ip->src, remote_port);
    }
    if (!pcb) {
        if (tcp->flags & TCP_SYN && !(tcp->flags & TCP_ACK)) {
            stats.connections_refused++;
        }
        send_reset_for(src_mac, ip, tcp, segment_length);
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
    uint32_t window = receive_window(pcb);
    int acceptable;
    if (segment_length == 0) {
        acceptable = SEQ_GEQ(seq, pcb->rcv_nxt) && SEQ_LEQ(seq, pcb->rcv_nxt + window);
    } else {
        acceptable = SEQ_LT(seq, pcb->rcv_nxt + (window ? window : 1)) && SEQ_GT(seq + segment_length, pcb->rcv_nxt);
    }
    if (tcp->flags & TCP_RST) {
        /* RFC 5961-lite: only a reset inside the window counts. */
        if (SEQ_GEQ(seq, pcb->rcv_nxt) && SEQ_LT(seq, pcb->rcv_nxt + (window ? window : 1))) {
            stats.resets_received++;
            int was_synchronized = pcb->state != TCP_SYN_RECEIVED;
            drop_connection(pcb, was_synchronized && pcb->state != TCP_TIME_WAIT ? ECONNRESET : 0, 0);
        }
        return;
    }
    if (pcb->state == TCP_SYN_RECEIVED && (tcp->flags & TCP_SYN) && !(tcp->flags & TCP_ACK) && seq == pcb->irs) {
        send_syn(pcb); /* our SYN-ACK was lost: the client retransmitted its SYN */
        return;
    }
    if (!acceptable) {
        /* Old duplicate, beyond the window, or a zero-window probe: acknowledge what we have. Its ACK field
           may still carry news (a window update), so process that for synchronized states. */
        if (pcb->state != TCP_SYN_RECEIVED && (tcp->flags & TCP_ACK) && !(tcp->flags & TCP_SYN)
                && process_ack(pcb, tcp, seq, 0) < 0) {
            return; /* it may have closed (and freed) the connection */
        }
        emit_for(pcb, pcb->snd_nxt, 0, 0);
        return;
    }
    if (tcp->flags & TCP_SYN) {
        emit_for(pcb, pcb->snd_nxt, 0, 0); /* challenge ACK (RFC 5961): a SYN inside a connection */
        return;
    }
    if (!(tcp->flags & TCP_ACK)) {
        return;
    }
    if (pcb->state == TCP_SYN_RECEIVED) {
        uint32_t ack = net_ntohl(tcp->ack);
        if (ack != pcb->iss + 1) {
            send_reset_for(src_mac, ip, tcp, segment_length);
            return;
        }
        if (pcb->timing) {
            pcb->timing = 0;
            update_rto(pcb, (uint32_t)(ilwaco_now_us() - pcb->timed_at));
        }
        pcb->snd_una = ack;
        pcb->snd_wnd = peer_window(pcb, tcp);
        pcb->snd_wl1 = seq;
        pcb->snd_wl2 = ack;
        pcb->rto = base_rto(pcb);
        established(pcb);
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
            emit_for(pcb, pcb->snd_nxt, 0, 0); /* e.g. a probe of our zero window */
        }
        return;
    }
    if (pcb->fin_received || pcb->state == TCP_TIME_WAIT) {
        pcb->ack_now = 1; /* a retransmitted FIN: acknowledge again */
        if (pcb->state == TCP_TIME_WAIT) {
            emit_for(pcb, pcb->snd_nxt, 0, 0);
            arm_timer(pcb, 2 * MSL_US);
        }
        return;
    }
    if (data_length && !pcb->owned) {
        drop_connection(pcb, 0, 1); /* data for a closed socket: reset, as Linux does */
        return;
    }
    if (seq != pcb->rcv_nxt) {
        queue_out_of_order(pcb, seq, data, data_length, fin);
        emit_for(pcb, pcb->snd_nxt, 0, 0); /* duplicate ACK at once: the peer counts them */
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
        emit_for(pcb, pcb->snd_nxt, 0, 0);
    }
    notify(pcb);
}

void __net_tcp_input_done(void)
{
    for (struct tcp_pcb *pcb = pcbs; pcb; pcb = pcb->next) {
        if (pcb->ack_now) {
            tcp_output(pcb, 0x7FFFFFFF);
            pcb->ack_now = 0;
        }
    }
}

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
        maybe_free(pcb);
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
    for (struct tcp_pcb *pcb = pcbs; pcb; pcb = pcb->next) {
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
    if (allocate_buffers(pcb) < 0) {
        return -ENOMEM;
    }
    pcb->local_ip = self;
    pcb->remote_ip = address;
    pcb->remote_port = port;
    pcb->iss = new_iss(pcb);
    pcb->snd_una = pcb->iss;
    pcb->snd_nxt = pcb->snd_max = pcb->iss + 1;
    pcb->sbuf_seq = pcb->iss + 1;
    pcb->rto = RTO_INITIAL_US;
    pcb->error = 0;
    pcb->state = TCP_SYN_SENT;
    send_syn(pcb);
    pcb->timing = 1;
    pcb->timed_seq = pcb->iss;
    pcb->timed_at = ilwaco_now_us();
    arm_timer(pcb, pcb->rto);
    if (nonblocking) {
        return -EINPROGRESS;
    }
    uint64_t deadline = deadline_of(timeout_us);
    while (pcb->state == TCP_SYN_SENT || pcb->state == TCP_SYN_RECEIVED) {
        int waited = wait_for_change(pcb, deadline);
        if (waited == -EAGAIN) {
            drop_connection(pcb, ETIMEDOUT, pcb->state == TCP_SYN_RECEIVED);
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
            tcp_output(pcb, 0x7FFFFFFF);
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
    uint32_t window = receive_window(pcb);
    if ((pcb->last_window < pcb->snd_mss && window >= pcb->snd_mss)
            || window >= pcb->last_window + TCP_RECEIVE_BUFFER / 2) {
        emit_for(pcb, pcb->snd_nxt, 0, 0);
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
            drop_connection(pcb, 0, 0);
        }
        return -ENOTCONN;
    }
    if (how == SHUT_RD || how == SHUT_RDWR) {
        pcb->shut_rd = 1;
        pcb->rbuf_len = 0; /* unread data is discarded */
        notify(pcb);
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
        tcp_output(pcb, 0x7FFFFFFF);
        notify(pcb);
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
            drop_connection(child, 0, 1);
        }
        pcb->accept_tail = 0;
        for (int again = 1; again;) {
            again = 0;
            for (struct tcp_pcb *child = pcbs; child; child = child->next) {
                if (child->parent == pcb) {
                    child->parent = 0;
                    drop_connection(child, 0, 1); /* frees it: start over */
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
            drop_connection(pcb, 0, 1); /* unread data (or SO_LINGER 0): RST, as Linux does */
            return;
        }
        __tcp_shutdown(pcb, SHUT_WR);
        break;
    case TCP_FIN_WAIT_2:
        if (reset) {
            drop_connection(pcb, 0, 1);
            return;
        }
        arm_timer(pcb, FIN_WAIT_2_ORPHAN_US);
        break;
    default:
        if (reset && pcb->state != TCP_TIME_WAIT) {
            drop_connection(pcb, 0, 1);
            return;
        }
        break;
    }
    notify(pcb); /* threads blocked on it see the descriptor gone */
    maybe_free(pcb);
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
