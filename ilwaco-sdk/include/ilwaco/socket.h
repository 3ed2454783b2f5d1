/*
 * ilwaco/socket.h: BSD-style sockets over Ilwaco's TCP/IP stack (<ilwaco/net.h>), for threads.
 *
 * The calls, types and constants follow POSIX / Linux closely enough that ordinary socket code compiles
 * unchanged apart from its #includes: socket(AF_INET, SOCK_STREAM or SOCK_DGRAM, 0), bind, listen, accept,
 * connect, send/recv, sendto/recvfrom, shutdown, close, setsockopt/getsockopt, getsockname/getpeername and
 * poll. Errors return -1 and set errno to Linux's number (ECONNREFUSED is 111 as on Linux).
 *
 * Blocking: a call that must wait blocks its *thread* on a condition variable (other threads run; a VM
 * whose threads all wait idles with idle-with-timeout, the timeout being the earliest timer, TCP's
 * retransmission and TIME_WAIT timers included). Sockets block by default; SOCK_NONBLOCK in socket()'s
 * type or MSG_DONTWAIT in a call's flags make a call fail with EAGAIN instead of waiting (connect: with
 * EINPROGRESS, then poll for POLLOUT and read SO_ERROR). SO_RCVTIMEO / SO_SNDTIMEO bound the wait of
 * recv/accept and send/connect (then EAGAIN, or ETIMEDOUT for connect). poll() and calls failing with
 * EAGAIN yield the CPU once, so loops of non-blocking calls let the stack run. There are no signals, so EINTR
 * never happens and MSG_NOSIGNAL is accepted and ignored (writing to a closed connection gives EPIPE).
 *
 * Semantics worth knowing (also in docs/networking.md):
 *  - send() on a stream socket blocks until at least one byte fits into the send buffer, then queues as
 *    much as fits and returns that count: partial sends happen, as with BSD sockets; loop until done.
 *  - recv() returns what is buffered (at least 1 byte, at most `length`), 0 at end of stream (the peer
 *    sent FIN), -1/ECONNRESET after a reset.
 *  - connect() on a stream socket blocks until the handshake completes: ECONNREFUSED when the peer
 *    answers with RST, ETIMEDOUT when the SYN retransmissions run out (about 30 s, or SO_SNDTIMEO),
 *    EHOSTUNREACH when ARP finds no next hop, ENETUNREACH for an off-link address without a gateway.
 *    On a datagram socket it sets the default peer.
 *  - close() of a stream socket with unsent data keeps sending it in the background, then FINs (like
 *    BSD without SO_LINGER); a socket with unread received data sends RST instead, as Linux does.
 *  - Addresses are IPv4 only; there is no loopback interface (connecting to our own address fails with
 *    EHOSTUNREACH). INADDR_ANY binds to the VM's one address.
 *  - Descriptors are small integers from 3 (0-2 stay free for stdio look-alikes), at most SOCKET_MAX
 *    sockets open at once; more give EMFILE.
 */
#ifndef _ILWACO_SOCKET_H
#define _ILWACO_SOCKET_H

#include <errno.h>
#include <ilwaco/net.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------ errno values (Linux numbers) */

#ifndef EINTR
#define EINTR 4
#endif
#ifndef EWOULDBLOCK
#define EWOULDBLOCK EAGAIN
#endif
#ifndef EMFILE
#define EMFILE 24
#endif
#ifndef EPIPE
#define EPIPE 32
#endif
#ifndef ENOTSOCK
#define ENOTSOCK 88
#endif
#ifndef EDESTADDRREQ
#define EDESTADDRREQ 89
#endif
#ifndef EPROTOTYPE
#define EPROTOTYPE 91
#endif
#ifndef ENOPROTOOPT
#define ENOPROTOOPT 92
#endif
#ifndef EPROTONOSUPPORT
#define EPROTONOSUPPORT 93
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP 95
#endif
#ifndef EAFNOSUPPORT
#define EAFNOSUPPORT 97
#endif
#ifndef EADDRNOTAVAIL
#define EADDRNOTAVAIL 99
#endif
#ifndef ENETUNREACH
#define ENETUNREACH 101
#endif
#ifndef ECONNABORTED
#define ECONNABORTED 103
#endif
#ifndef ECONNRESET
#define ECONNRESET 104
#endif
#ifndef EISCONN
#define EISCONN 106
#endif
#ifndef ENOTCONN
#define ENOTCONN 107
#endif
#ifndef ECONNREFUSED
#define ECONNREFUSED 111
#endif
#ifndef EALREADY
#define EALREADY 114
#endif
#ifndef EINPROGRESS
#define EINPROGRESS 115
#endif

/* ------------------------------------------------------------------ types */

#ifndef _ILWACO_SSIZE_T
#define _ILWACO_SSIZE_T
typedef int ssize_t;
#endif
typedef uint32_t socklen_t;
typedef uint16_t sa_family_t;
typedef uint16_t in_port_t;
typedef uint32_t in_addr_t; /* network byte order, the same value as ip4_addr_t */

struct in_addr {
    in_addr_t s_addr;
};

struct sockaddr {
    sa_family_t sa_family;
    char sa_data[14];
};

struct sockaddr_in {
    sa_family_t sin_family; /* AF_INET */
    in_port_t sin_port;     /* network byte order */
    struct in_addr sin_addr;
    uint8_t sin_zero[8];
};
_Static_assert(sizeof(struct sockaddr_in) == sizeof(struct sockaddr), "sockaddr_in is a 16-byte sockaddr");

#ifndef _ILWACO_STRUCT_TIMEVAL
#define _ILWACO_STRUCT_TIMEVAL
struct timeval {
    long tv_sec;
    long tv_usec;
};
#endif

struct linger {
    int l_onoff;
    int l_linger;
};

/* ------------------------------------------------------------------ constants */

#define AF_UNSPEC 0
#define AF_INET 2
#define PF_INET AF_INET

#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_NONBLOCK 04000 /* or'ed into socket()'s type, as on Linux */
#define SOCK_CLOEXEC 02000000 /* accepted and ignored (there is no exec) */

#define IPPROTO_IP 0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17

#define INADDR_ANY ((in_addr_t)0x00000000)
#define INADDR_BROADCAST ((in_addr_t)0xFFFFFFFF)
#define INADDR_NONE ((in_addr_t)0xFFFFFFFF)
#define INADDR_LOOPBACK ((in_addr_t)0x7F000001) /* host order, as in POSIX: use htonl(INADDR_LOOPBACK) */
#define INET_ADDRSTRLEN 16

#define SOMAXCONN 128 /* listen() caps the backlog here */

/* shutdown() */
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

/* send/recv flags */
#define MSG_PEEK 0x02     /* recv: return data without consuming it */
#define MSG_DONTWAIT 0x40 /* fail with EAGAIN instead of blocking */
#define MSG_WAITALL 0x100 /* recv on a stream: wait for `length` bytes (or EOF / error / timeout) */
#define MSG_NOSIGNAL 0x4000 /* accepted; there are no signals */

/* setsockopt/getsockopt levels and options (Linux numbers) */
#define SOL_SOCKET 1
#define SO_REUSEADDR 2 /* bind may reuse a port held by connections in TIME_WAIT (int) */
#define SO_TYPE 3      /* get: SOCK_STREAM or SOCK_DGRAM */
#define SO_ERROR 4     /* get and clear the pending error (after a non-blocking connect) */
#define SO_BROADCAST 6 /* accepted; UDP may always send to broadcast addresses */
#define SO_SNDBUF 7    /* get; set: accepted and ignored (buffers are TCP_SEND_BUFFER / TCP_RECEIVE_BUFFER) */
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9 /* accepted and ignored: no keep-alive probes are sent */
#define SO_LINGER 13   /* l_onoff with l_linger 0: close() resets the connection; other values: ignored */
#define SO_RCVTIMEO 20 /* struct timeval: limit for recv/recvfrom/accept waits (0: no limit) */
#define SO_SNDTIMEO 21 /* struct timeval: limit for send/connect waits (0: no limit) */
#define SO_ACCEPTCONN 30

#define TCP_NODELAY 1  /* int; the stack never delays small segments (no Nagle), so this is always on */
#define TCP_MAXSEG 2   /* get: the connection's send MSS */

/* poll() */
#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLWRNORM 0x100

typedef unsigned int nfds_t;

struct pollfd {
    int fd;        /* negative: ignored, revents 0 */
    short events;  /* POLLIN, POLLOUT (POLLERR/POLLHUP/POLLNVAL are always reported) */
    short revents;
};

/* Sizes of the stack (per TCP connection: both buffers are malloc'd at connect/accept). */
#define SOCKET_MAX 64             /* open sockets of all kinds (listeners, connections, datagram) */
#define TCP_SEND_BUFFER 32768     /* bytes send() may queue ahead of the peer's acknowledgements */
#define TCP_RECEIVE_BUFFER 32768  /* the largest window we advertise (no window scaling) */
#define TCP_MSS 1460              /* our MSS: a 1500-byte MTU minus IPv4 and TCP headers */

/* ------------------------------------------------------------------ byte order and addresses */

static inline uint16_t htons(uint16_t v) { return net_htons(v); }
static inline uint16_t ntohs(uint16_t v) { return net_ntohs(v); }
static inline uint32_t htonl(uint32_t v) { return net_htonl(v); }
static inline uint32_t ntohl(uint32_t v) { return net_ntohl(v); }

/* "a.b.c.d" -> *dst (a struct in_addr / in_addr_t). 1 on success, 0 if not an address, -1/EAFNOSUPPORT. */
int inet_pton(int af, const char *src, void *dst);
/* *src (struct in_addr) -> "a.b.c.d" in dst; dst, or NULL with errno ENOSPC if size < INET_ADDRSTRLEN. */
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
/* "a.b.c.d" -> address in network order, INADDR_NONE if malformed. */
in_addr_t inet_addr(const char *text);

/* ------------------------------------------------------------------ the calls */

/* A new socket: AF_INET with SOCK_STREAM (TCP) or SOCK_DGRAM (UDP), optionally | SOCK_NONBLOCK;
   protocol 0 or the matching IPPROTO_*. Errors: EAFNOSUPPORT, EPROTONOSUPPORT, EPROTOTYPE, EMFILE,
   ENOMEM, ENETDOWN (no address configured). */
int socket(int domain, int type, int protocol);

/* Binds to the VM's address (sin_addr INADDR_ANY or our own address) and sin_port (0: an ephemeral port
   from 49152). EADDRINUSE if another socket of the same protocol holds the port (TIME_WAIT connections
   only hold it without SO_REUSEADDR), EADDRNOTAVAIL for a foreign address, EINVAL if already bound. */
int bind(int fd, const struct sockaddr *address, socklen_t length);

/* Stream sockets: accept connections, queueing at most `backlog` (1..SOMAXCONN; <= 0 means 1) completed
   handshakes not yet accept()ed; SYNs beyond that are ignored (the client retries, as with Linux). An
   unbound socket gets an ephemeral port. */
int listen(int fd, int backlog);

/* Waits for a completed connection on a listening socket and returns its new descriptor (blocking
   unless non-blocking: EAGAIN). Stores the peer's address in *address if address is not NULL
   (*length in/out). SO_RCVTIMEO bounds the wait (EAGAIN). EINVAL if not listening. */
int accept(int fd, struct sockaddr *address, socklen_t *length);

/* Stream: active open, see the header comment for the errors (EISCONN if connected, EALREADY while a
   non-blocking connect is under way). Datagram: sets the peer for send/recv (others' datagrams are then
   dropped); AF_UNSPEC dissolves it. Binds an ephemeral port first if unbound. */
int connect(int fd, const struct sockaddr *address, socklen_t length);

/* Stream: queues up to `length` bytes, returns how many (>= 1; partial sends allowed), blocking while the
   send buffer is full. EPIPE after shutdown(SHUT_WR) or when the peer reset/closed for reading,
   ECONNRESET, ETIMEDOUT (retransmissions ran out), ENOTCONN, EAGAIN (non-blocking or SO_SNDTIMEO).
   Datagram: one datagram to the connected peer (EDESTADDRREQ if none); EMSGSIZE over 1472 bytes.
   flags: 0, MSG_DONTWAIT, MSG_NOSIGNAL. */
ssize_t send(int fd, const void *data, size_t length, int flags);

/* Stream: 1..length bytes, 0 at end of stream, -1 with ECONNRESET / ETIMEDOUT / ENOTCONN / EAGAIN.
   Datagram: one datagram (the excess of a longer one is discarded). flags: MSG_PEEK, MSG_DONTWAIT,
   MSG_WAITALL (stream). */
ssize_t recv(int fd, void *buffer, size_t length, int flags);

/* Datagram sockets with an explicit peer (stream sockets: address is ignored, like send). */
ssize_t sendto(int fd, const void *data, size_t length, int flags, const struct sockaddr *address,
               socklen_t address_length);
/* Like recv, and stores the sender's address if address is not NULL. */
ssize_t recvfrom(int fd, void *buffer, size_t length, int flags, struct sockaddr *address, socklen_t *address_length);

/* SHUT_WR: send FIN after the queued data (the peer's recv then returns 0); further sends fail with
   EPIPE; receiving continues. SHUT_RD: further recv calls return 0 and arriving data is discarded.
   SHUT_RDWR: both. ENOTCONN if not connected. */
int shutdown(int fd, int how);

/* Releases the descriptor. A connection is closed gracefully in the background (see above); threads
   blocked on the socket get EBADF. */
int close(int fd);

/* The options listed above. EINVAL for a short value, ENOPROTOOPT for unknown ones. */
int setsockopt(int fd, int level, int option, const void *value, socklen_t length);
int getsockopt(int fd, int level, int option, void *value, socklen_t *length);

/* Our and the peer's address (getpeername: ENOTCONN if there is none). */
int getsockname(int fd, struct sockaddr *address, socklen_t *length);
int getpeername(int fd, struct sockaddr *address, socklen_t *length);

/* Waits until one of the sockets is ready or timeout_ms passes (< 0: no limit, 0: just look) and
   returns how many have nonzero revents (0 on timeout). Readiness:
     POLLIN   data or end of stream to recv, a connection to accept, a datagram queued
     POLLOUT  send would not block (stream: connected with send-buffer space; datagram: always)
     POLLERR  a pending error (reset, failed connect; read it with SO_ERROR)
     POLLHUP  the peer closed its side (after FIN, with POLLIN) or the connection is gone
     POLLNVAL fd is not an open socket
   Only sockets can be polled. EINVAL if n > SOCKET_MAX * 4. */
int poll(struct pollfd *fds, nfds_t n, int timeout_ms);

/* ------------------------------------------------------------------ introspection (Ilwaco-specific) */

/* TCP connection states (RFC 793 names). */
enum tcp_state {
    TCP_CLOSED = 0,
    TCP_LISTEN,
    TCP_SYN_SENT,
    TCP_SYN_RECEIVED,
    TCP_ESTABLISHED,
    TCP_FIN_WAIT_1,
    TCP_FIN_WAIT_2,
    TCP_CLOSE_WAIT,
    TCP_CLOSING,
    TCP_LAST_ACK,
    TCP_TIME_WAIT,
};
/* "ESTABLISHED" etc. */
const char *tcp_state_name(enum tcp_state state);

/* One stream socket's connection, for tests and tuning. */
struct tcp_connection_info {
    enum tcp_state state;
    uint32_t srtt_us;        /* smoothed round trip time (0 before the first sample) */
    uint32_t rttvar_us;      /* its mean deviation */
    uint32_t rto_us;         /* current retransmission timeout, backoff included */
    uint32_t backoffs;       /* consecutive RTO expiries of the oldest unacknowledged segment */
    uint32_t retransmissions;/* segments sent again on this connection */
    uint32_t send_mss;       /* the peer's MSS option, or 536 */
    uint32_t peer_window;    /* the peer's last advertised window */
    uint32_t unacknowledged; /* bytes sent and not acknowledged */
    uint32_t send_queued;    /* bytes in the send buffer (unacknowledged included) */
    uint32_t receive_queued; /* bytes received and not yet read */
};
/* 0, or -1 with EBADF / ENOTSOCK (not a stream socket). */
int tcp_connection_info(int fd, struct tcp_connection_info *info);

/* Counters over the whole stack since boot. */
struct tcp_stats {
    uint32_t segments_received;
    uint32_t segments_sent;
    uint32_t retransmissions;     /* segments sent again (timeouts, fast retransmit, SYN and FIN) */
    uint32_t timeouts;            /* retransmission timer expiries */
    uint32_t fast_retransmits;    /* after three duplicate ACKs */
    uint32_t bad_checksums;       /* received segments dropped for their checksum */
    uint32_t out_of_order;        /* received segments queued because they arrived before a gap filled */
    uint32_t resets_sent;
    uint32_t resets_received;
    uint32_t connections_opened;  /* reached ESTABLISHED (active or passive) */
    uint32_t connections_refused; /* SYNs to a port nobody listens on (answered with RST) */
    uint32_t window_probes;       /* zero-window probes sent */
};
void tcp_get_stats(struct tcp_stats *stats);

#endif
