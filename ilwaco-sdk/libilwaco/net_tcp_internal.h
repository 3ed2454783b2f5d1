/*
 * net_tcp_internal.h: what net_tcp.c (connections, output, timers), net_tcp_input.c (segment arrival) and
 * net_tcp_calls.c (the calls socket.c makes) share: tunables, the protocol control block, helpers.
 * Not part of the public API.
 */
#ifndef _ILWACO_NET_TCP_INTERNAL_H
#define _ILWACO_NET_TCP_INTERNAL_H

#include <ilwaco/socket.h>
#include <ilwaco/timer.h>

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

extern struct tcp_pcb *__tcp_pcbs; /* every listener and connection */
extern struct tcp_stats __tcp_stats;

/* net_tcp.c: life cycle. */
void __tcp_notify(struct tcp_pcb *pcb);        /* wake its waiters and pollers */
void __tcp_free_ooo(struct tcp_pcb *pcb);
void __tcp_maybe_free(struct tcp_pcb *pcb);    /* frees it once closed, unowned and unwaited for */
int __tcp_allocate_buffers(struct tcp_pcb *pcb);
uint32_t __tcp_new_iss(struct tcp_pcb *pcb);

/* net_tcp.c: output. */
#define OPTION_MSS 1    /* SYN options */
#define OPTION_WSCALE 2
uint32_t __tcp_receive_window(const struct tcp_pcb *pcb);
/* One segment; `length` data bytes from data_from's send ring, `offset` bytes past its head. */
int __tcp_emit(const uint8_t mac[ETH_ADDR_LEN], ip4_addr_t dst, uint16_t src_port, uint16_t dst_port,
               uint32_t seq, uint32_t ack, uint8_t flags, uint16_t window, const struct tcp_pcb *data_from,
               uint32_t offset, uint32_t length, int options);
/* A segment of `pcb` at `seq` with the current ACK and window and `length` bytes of its send ring. */
int __tcp_emit_for(struct tcp_pcb *pcb, uint32_t seq, uint8_t flags, uint32_t length);
void __tcp_send_syn(struct tcp_pcb *pcb);      /* SYN or SYN-ACK, by state */
void __tcp_send_reset_for(const uint8_t mac[ETH_ADDR_LEN], const struct ip4_header *ip,
                          const struct tcp_header *tcp, uint32_t segment_length);
void __tcp_output(struct tcp_pcb *pcb, int max_segments);

/* net_tcp.c: timers and state changes. */
void __tcp_arm_timer(struct tcp_pcb *pcb, uint32_t delay_us);
void __tcp_drop_connection(struct tcp_pcb *pcb, int error, int send_reset); /* may free it */
void __tcp_release_receive_buffer(struct tcp_pcb *pcb);
void __tcp_enter_time_wait(struct tcp_pcb *pcb);
void __tcp_established(struct tcp_pcb *pcb);
void __tcp_update_rto(struct tcp_pcb *pcb, uint32_t sample);
uint32_t __tcp_base_rto(const struct tcp_pcb *pcb);

#endif
