/*
 * socket.c: the BSD socket calls of <ilwaco/socket.h> over net_tcp.c (SOCK_STREAM) and net_udp.c
 * (SOCK_DGRAM). This file owns the descriptor table, argument checking, options, errno and poll; the
 * protocols own their state and their waiting. Errors from below are negative errno values, turned into
 * -1 + errno here, at the very end of each call (errno is one global and threads are cooperative, so
 * setting it just before returning cannot be overwritten by another thread).
 */
#include <ilwaco/socket.h>
#include <ilwaco/timer.h>
#include <string.h>

#include "net_internal.h"

#define FIRST_DESCRIPTOR 3
#define MAX_WAIT_US 0xFFFFFFF0u

struct socket {
    int open;
    int type;          /* SOCK_STREAM or SOCK_DGRAM */
    int nonblocking;
    int reuse_address;
    int linger_reset;  /* SO_LINGER on with 0 seconds: close() resets */
    int keepalive;     /* remembered for getsockopt only */
    uint32_t receive_timeout_us; /* NET_WAIT_FOREVER: none */
    uint32_t send_timeout_us;
    struct tcp_pcb *tcp;
    /* datagram sockets */
    int udp;           /* udp_bind descriptor, -1 until bound */
    int has_peer;
    ip4_addr_t peer;
    uint16_t peer_port;
    int read_shut, write_shut;
    uint32_t generation; /* changes on close: a waiting thread notices its descriptor went away */
};

static struct socket sockets[SOCKET_MAX];

static int fail(int error)
{
    errno = error;
    return -1;
}

/* A result from below: >= 0 passes, a negative errno becomes -1 + errno. */
static int finish(int result)
{
    if (result == -EAGAIN) {
        /* A thread polling in a loop of non-blocking calls must not starve the stack: received frames and
           expired timers (retransmissions) are only processed when the scheduler runs. */
        thread_yield();
    }
    return result < 0 ? fail(-result) : result;
}

static struct socket *lookup(int fd)
{
    int index = fd - FIRST_DESCRIPTOR;
    if (index < 0 || index >= SOCKET_MAX || !sockets[index].open) {
        return 0;
    }
    return &sockets[index];
}

static int descriptor_of(const struct socket *s)
{
    return (int)(s - sockets) + FIRST_DESCRIPTOR;
}

static struct socket *allocate(int type)
{
    for (int i = 0; i < SOCKET_MAX; i++) {
        if (!sockets[i].open) {
            uint32_t generation = sockets[i].generation;
            memset(&sockets[i], 0, sizeof sockets[i]);
            sockets[i].generation = generation + 1;
            sockets[i].open = 1;
            sockets[i].type = type;
            sockets[i].udp = -1;
            sockets[i].receive_timeout_us = NET_WAIT_FOREVER;
            sockets[i].send_timeout_us = NET_WAIT_FOREVER;
            return &sockets[i];
        }
    }
    return 0;
}

static void release(struct socket *s)
{
    s->open = 0;
    s->generation++;
}

static uint32_t wait_limit(const struct socket *s, int flags, uint32_t timeout_us)
{
    return s->nonblocking || (flags & MSG_DONTWAIT) ? 0 : timeout_us;
}

/* The address in `address` (an AF_INET sockaddr_in of at least `length` bytes). */
static int read_address(const struct sockaddr *address, socklen_t length, ip4_addr_t *ip, uint16_t *port)
{
    if (!address || length < sizeof(struct sockaddr_in)) {
        return -EINVAL;
    }
    const struct sockaddr_in *in = (const struct sockaddr_in *)address;
    if (in->sin_family != AF_INET) {
        return -EAFNOSUPPORT;
    }
    *ip = in->sin_addr.s_addr;
    *port = net_ntohs(in->sin_port);
    return 0;
}

/* Stores an AF_INET address, truncated to *length like the BSD calls; *length becomes its full size. */
static void write_address(struct sockaddr *address, socklen_t *length, ip4_addr_t ip, uint16_t port)
{
    if (!address || !length) {
        return;
    }
    struct sockaddr_in in;
    memset(&in, 0, sizeof in);
    in.sin_family = AF_INET;
    in.sin_port = net_htons(port);
    in.sin_addr.s_addr = ip;
    memcpy(address, &in, *length < sizeof in ? *length : sizeof in);
    *length = sizeof in;
}

static uint32_t timeval_to_us(const struct timeval *tv)
{
    if (tv->tv_sec < 0 || tv->tv_usec < 0) {
        return 0xFFFFFFFFu - 1; /* invalid; callers reject it before */
    }
    uint64_t us = (uint64_t)tv->tv_sec * 1000000u + (uint64_t)tv->tv_usec;
    return us == 0 ? NET_WAIT_FOREVER : us > MAX_WAIT_US ? MAX_WAIT_US : (uint32_t)us;
}

/* ------------------------------------------------------------------ addresses */

int inet_pton(int af, const char *src, void *dst)
{
    if (af != AF_INET) {
        return fail(EAFNOSUPPORT);
    }
    ip4_addr_t address;
    if (ip4_parse(src, &address) < 0) {
        return 0;
    }
    memcpy(dst, &address, sizeof address);
    return 1;
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
    if (af != AF_INET) {
        errno = EAFNOSUPPORT;
        return 0;
    }
    if (size < INET_ADDRSTRLEN) {
        errno = ENOSPC;
        return 0;
    }
    ip4_addr_t address;
    memcpy(&address, src, sizeof address);
    return ip4_format(address, dst);
}

in_addr_t inet_addr(const char *text)
{
    ip4_addr_t address;
    return ip4_parse(text, &address) < 0 ? INADDR_NONE : address;
}

/* ------------------------------------------------------------------ datagram helpers */

static int udp_ensure_bound(struct socket *s)
{
    if (s->udp >= 0) {
        return 0;
    }
    int udp = udp_bind(0);
    if (udp < 0) {
        return udp;
    }
    s->udp = udp;
    return 0;
}

static int udp_receive(struct socket *s, void *buffer, size_t length, int flags, struct sockaddr *address,
                       socklen_t *address_length)
{
    int bound = udp_ensure_bound(s);
    if (bound < 0) {
        return bound;
    }
    uint32_t timeout = wait_limit(s, flags, s->receive_timeout_us);
    uint64_t deadline = timeout == NET_WAIT_FOREVER ? 0 : ilwaco_now_us() + timeout;
    uint32_t generation = s->generation;
    for (;;) {
        if (s->read_shut) {
            return 0;
        }
        ip4_addr_t from;
        uint16_t from_port;
        int n = (flags & MSG_PEEK) ? __net_udp_peek(s->udp, buffer, length, &from, &from_port)
                                   : (__net_udp_queued(s->udp) > 0
                                      ? udp_recvfrom(s->udp, buffer, length, &from, &from_port, 0) : -EAGAIN);
        if (n >= 0) {
            if (s->has_peer && (from != s->peer || from_port != s->peer_port)) {
                if (flags & MSG_PEEK) {
                    char discard;
                    udp_recvfrom(s->udp, &discard, 0, 0, 0, 0);
                }
                continue; /* a connected datagram socket hears only its peer */
            }
            write_address(address, address_length, from, from_port);
            return n;
        }
        if (timeout == 0) {
            return -EAGAIN;
        }
        uint32_t wait = NET_WAIT_FOREVER;
        if (deadline) {
            uint64_t now = ilwaco_now_us();
            if (now >= deadline) {
                return -EAGAIN;
            }
            wait = (uint32_t)(deadline - now);
        }
        __net_wait(&__net_activity, wait);
        if (!s->open || s->generation != generation) {
            return -EBADF;
        }
    }
}

static int udp_send(struct socket *s, const void *data, size_t length, const struct sockaddr *address,
                    socklen_t address_length)
{
    ip4_addr_t ip = s->peer;
    uint16_t port = s->peer_port;
    if (address) {
        int read = read_address(address, address_length, &ip, &port);
        if (read < 0) {
            return read;
        }
    } else if (!s->has_peer) {
        return -EDESTADDRREQ;
    }
    if (s->write_shut) {
        return -EPIPE;
    }
    if (length > UDP_MAX_PAYLOAD) {
        return -EMSGSIZE;
    }
    int bound = udp_ensure_bound(s);
    if (bound < 0) {
        return bound;
    }
    if (ip == 0 || ip == net_address()) {
        return -EHOSTUNREACH; /* no loopback */
    }
    return udp_sendto(s->udp, ip, port, data, length);
}

/* ------------------------------------------------------------------ the calls */

int socket(int domain, int type, int protocol)
{
    if (domain != AF_INET) {
        return fail(EAFNOSUPPORT);
    }
    int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (base == SOCK_STREAM) {
        if (protocol != 0 && protocol != IPPROTO_TCP) {
            return fail(EPROTONOSUPPORT);
        }
    } else if (base == SOCK_DGRAM) {
        if (protocol != 0 && protocol != IPPROTO_UDP) {
            return fail(EPROTONOSUPPORT);
        }
    } else {
        return fail(EPROTOTYPE);
    }
    if (net_init() < 0) {
        return fail(ENETDOWN);
    }
    struct socket *s = allocate(base);
    if (!s) {
        return fail(EMFILE);
    }
    s->nonblocking = (type & SOCK_NONBLOCK) != 0;
    if (base == SOCK_STREAM && !(s->tcp = __tcp_create())) {
        release(s);
        return fail(ENOMEM);
    }
    return descriptor_of(s);
}

int bind(int fd, const struct sockaddr *address, socklen_t length)
{
    struct socket *s = lookup(fd);
    if (!s) {
        return fail(EBADF);
    }
    ip4_addr_t ip;
    uint16_t port;
    int read = read_address(address, length, &ip, &port);
    if (read < 0) {
        return finish(read);
    }
    if (ip != INADDR_ANY && ip != net_address()) {
        return fail(EADDRNOTAVAIL);
    }
    if (s->type == SOCK_STREAM) {
        return finish(__tcp_bind(s->tcp, port, s->reuse_address));
    }
    if (s->udp >= 0) {
        return fail(EINVAL);
    }
    int udp = udp_bind(port);
    if (udp < 0) {
        return finish(udp);
    }
    s->udp = udp;
    return 0;
}

int listen(int fd, int backlog)
{
    struct socket *s = lookup(fd);
    if (!s) {
        return fail(EBADF);
    }
    if (s->type != SOCK_STREAM) {
        return fail(EOPNOTSUPP);
    }
    if (backlog <= 0) {
        backlog = 1;
    }
    if (backlog > SOMAXCONN) {
        backlog = SOMAXCONN;
    }
    return finish(__tcp_listen(s->tcp, backlog));
}

int accept(int fd, struct sockaddr *address, socklen_t *length)
{
    struct socket *s = lookup(fd);
    if (!s) {
        return fail(EBADF);
    }
    if (s->type != SOCK_STREAM) {
        return fail(EOPNOTSUPP);
    }
    struct tcp_pcb *connection;
    int accepted = __tcp_accept(s->tcp, &connection, wait_limit(s, 0, s->receive_timeout_us));
    if (accepted < 0) {
        return finish(accepted);
    }
    struct socket *n = allocate(SOCK_STREAM);
    if (!n) {
        __tcp_close(connection, 1);
        return fail(EMFILE);
    }
    n->tcp = connection;
    n->receive_timeout_us = s->receive_timeout_us; /* inherited, as on Linux; O_NONBLOCK is not */
    n->send_timeout_us = s->send_timeout_us;
    n->linger_reset = s->linger_reset;
    ip4_addr_t local, remote;
    uint16_t local_port, remote_port;
    __tcp_endpoints(connection, &local, &local_port, &remote, &remote_port);
    write_address(address, length, remote, remote_port);
    return descriptor_of(n);
}

int connect(int fd, const struct sockaddr *address, socklen_t length)
{
    struct socket *s = lookup(fd);
    if (!s) {
        return fail(EBADF);
    }
    if (s->type == SOCK_DGRAM && address && length >= sizeof(sa_family_t) && address->sa_family == AF_UNSPEC) {
        s->has_peer = 0;
        return 0;
    }
    ip4_addr_t ip;
    uint16_t port;
    int read = read_address(address, length, &ip, &port);
    if (read < 0) {
        return finish(read);
    }
    if (s->type == SOCK_STREAM) {
        return finish(__tcp_connect(s->tcp, ip, port, s->send_timeout_us, s->nonblocking));
    }
    int bound = udp_ensure_bound(s);
    if (bound < 0) {
        return finish(bound);
    }
    s->has_peer = 1;
    s->peer = ip;
    s->peer_port = port;
    return 0;
}

ssize_t send(int fd, const void *data, size_t length, int flags)
{
    return sendto(fd, data, length, flags, 0, 0);
}

ssize_t sendto(int fd, const void *data, size_t length, int flags, const struct sockaddr *address,
               socklen_t address_length)
{
    struct socket *s = lookup(fd);
    if (!s) {
        return fail(EBADF);
    }
    if (s->type == SOCK_STREAM) {
        return finish(__tcp_send(s->tcp, data, length, wait_limit(s, flags, s->send_timeout_us)));
    }
    return finish(udp_send(s, data, length, address, address_length));
}

ssize_t recv(int fd, void *buffer, size_t length, int flags)
{
    return recvfrom(fd, buffer, length, flags, 0, 0);
}

ssize_t recvfrom(int fd, void *buffer, size_t length, int flags, struct sockaddr *address, socklen_t *address_length)
{
    struct socket *s = lookup(fd);
    if (!s) {
        return fail(EBADF);
    }
    if (s->type == SOCK_DGRAM) {
        return finish(udp_receive(s, buffer, length, flags, address, address_length));
    }
    int n = __tcp_recv(s->tcp, buffer, length, flags & (MSG_PEEK | MSG_WAITALL),
                       wait_limit(s, flags, s->receive_timeout_us));
    if (n >= 0 && address) {
        ip4_addr_t local, remote;
        uint16_t local_port, remote_port;
        __tcp_endpoints(s->tcp, &local, &local_port, &remote, &remote_port);
        write_address(address, address_length, remote, remote_port);
    }
    return finish(n);
}

int shutdown(int fd, int how)
{
    struct socket *s = lookup(fd);
    if (!s) {
        return fail(EBADF);
    }
    if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR) {
        return fail(EINVAL);
    }
    if (s->type == SOCK_STREAM) {
        return finish(__tcp_shutdown(s->tcp, how));
    }
    if (!s->has_peer) {
        return fail(ENOTCONN);
    }
    s->read_shut |= how != SHUT_WR;
    s->write_shut |= how != SHUT_RD;
    __net_notify_activity();
    return 0;
}

int close(int fd)
{
    struct socket *s = lookup(fd);
    if (!s) {
        return fail(EBADF);
    }
    if (s->type == SOCK_STREAM) {
        __tcp_close(s->tcp, s->linger_reset);
    } else if (s->udp >= 0) {
        udp_close(s->udp);
    }
    release(s);
    __net_notify_activity();
    return 0;
}

/* ------------------------------------------------------------------ options */

static int int_value(const void *value, socklen_t length, int *out)
{
    if (!value || length < sizeof(int)) {
        return -EINVAL;
    }
    memcpy(out, value, sizeof(int));
    return 0;
}

int setsockopt(int fd, int level, int option, const void *value, socklen_t length)
{
    struct socket *s = lookup(fd);
    if (!s) {
        return fail(EBADF);
    }
    int flag;
    if (level == SOL_SOCKET) {
        switch (option) {
        case SO_REUSEADDR:
        case SO_KEEPALIVE:
        case SO_BROADCAST:
        case SO_SNDBUF:
        case SO_RCVBUF:
            if (int_value(value, length, &flag) < 0) {
                return fail(EINVAL);
            }
            if (option == SO_REUSEADDR) {
                s->reuse_address = flag != 0;
            } else if (option == SO_KEEPALIVE) {
                s->keepalive = flag != 0;
            }
            return 0;
        case SO_RCVTIMEO:
        case SO_SNDTIMEO: {
            struct timeval tv;
            if (!value || length < sizeof tv) {
                return fail(EINVAL);
            }
            memcpy(&tv, value, sizeof tv);
            if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000) {
                return fail(EDOM);
            }
            *(option == SO_RCVTIMEO ? &s->receive_timeout_us : &s->send_timeout_us) = timeval_to_us(&tv);
            return 0;
        }
        case SO_LINGER: {
            struct linger linger;
            if (!value || length < sizeof linger) {
                return fail(EINVAL);
            }
            memcpy(&linger, value, sizeof linger);
            s->linger_reset = linger.l_onoff && linger.l_linger == 0;
            return 0;
        }
        default:
            return fail(ENOPROTOOPT);
        }
    }
    if (level == IPPROTO_TCP && s->type == SOCK_STREAM && option == TCP_NODELAY) {
        return int_value(value, length, &flag) < 0 ? fail(EINVAL) : 0; /* always on: there is no Nagle */
    }
    return fail(ENOPROTOOPT);
}

int getsockopt(int fd, int level, int option, void *value, socklen_t *length)
{
    struct socket *s = lookup(fd);
    if (!s) {
        return fail(EBADF);
    }
    if (!value || !length) {
        return fail(EFAULT);
    }
    int result;
    if (level == SOL_SOCKET && (option == SO_RCVTIMEO || option == SO_SNDTIMEO)) {
        uint32_t us = option == SO_RCVTIMEO ? s->receive_timeout_us : s->send_timeout_us;
        struct timeval tv = {0, 0};
        if (us != NET_WAIT_FOREVER) {
            tv.tv_sec = (long)(us / 1000000u);
            tv.tv_usec = (long)(us % 1000000u);
        }
        if (*length < sizeof tv) {
            return fail(EINVAL);
        }
        memcpy(value, &tv, sizeof tv);
        *length = sizeof tv;
        return 0;
    }
    if (level == SOL_SOCKET && option == SO_LINGER) {
        struct linger linger = {s->linger_reset, 0};
        if (*length < sizeof linger) {
            return fail(EINVAL);
        }
        memcpy(value, &linger, sizeof linger);
        *length = sizeof linger;
        return 0;
    }
    if (level == SOL_SOCKET) {
        switch (option) {
        case SO_TYPE:
            result = s->type;
            break;
        case SO_ERROR:
            result = s->type == SOCK_STREAM ? __tcp_take_error(s->tcp) : 0;
            break;
        case SO_REUSEADDR:
            result = s->reuse_address;
            break;
        case SO_KEEPALIVE:
            result = s->keepalive;
            break;
        case SO_BROADCAST:
            result = 1;
            break;
        case SO_SNDBUF:
            result = s->type == SOCK_STREAM ? TCP_SEND_BUFFER : UDP_MAX_PAYLOAD;
            break;
        case SO_RCVBUF:
            result = s->type == SOCK_STREAM ? TCP_RECEIVE_BUFFER : UDP_QUEUE_LENGTH * UDP_MAX_PAYLOAD;
            break;
        case SO_ACCEPTCONN:
            result = s->type == SOCK_STREAM && __tcp_is_listening(s->tcp);
            break;
        default:
            return fail(ENOPROTOOPT);
        }
    } else if (level == IPPROTO_TCP && s->type == SOCK_STREAM && option == TCP_NODELAY) {
        result = 1;
    } else if (level == IPPROTO_TCP && s->type == SOCK_STREAM && option == TCP_MAXSEG) {
        result = __tcp_send_mss(s->tcp);
    } else {
        return fail(ENOPROTOOPT);
    }
    if (*length < sizeof(int)) {
        return fail(EINVAL);
    }
    memcpy(value, &result, sizeof result);
    *length = sizeof result;
    return 0;
}

/* The socket getsockname/getpeername answer for, or NULL with errno set (EBADF, or EFAULT for no buffer). */
static struct socket *named_socket(int fd, const struct sockaddr *address, const socklen_t *length)
{
    struct socket *s = lookup(fd);
    if (!s) {
        fail(EBADF);
        return 0;
    }
    if (!address || !length) {
        fail(EFAULT);
        return 0;
    }
    return s;
}

int getsockname(int fd, struct sockaddr *address, socklen_t *length)
{
    struct socket *s = named_socket(fd, address, length);
    if (!s) {
        return -1;
    }
    if (s->type == SOCK_STREAM) {
        ip4_addr_t local, remote;
        uint16_t local_port, remote_port;
        __tcp_endpoints(s->tcp, &local, &local_port, &remote, &remote_port);
        write_address(address, length, local, local_port);
    } else {
        uint16_t port = s->udp >= 0 ? udp_local_port(s->udp) : 0;
        write_address(address, length, port ? net_address() : 0, port);
    }
    return 0;
}

int getpeername(int fd, struct sockaddr *address, socklen_t *length)
{
    struct socket *s = named_socket(fd, address, length);
    if (!s) {
        return -1;
    }
    if (s->type == SOCK_STREAM) {
        ip4_addr_t local, remote;
        uint16_t local_port, remote_port;
        if (!__tcp_endpoints(s->tcp, &local, &local_port, &remote, &remote_port)) {
            return fail(ENOTCONN);
        }
        write_address(address, length, remote, remote_port);
        return 0;
    }
    if (!s->has_peer) {
        return fail(ENOTCONN);
    }
    write_address(address, length, s->peer, s->peer_port);
    return 0;
}

/* ------------------------------------------------------------------ poll */

static short readiness(int fd, short events)
{
    struct socket *s = lookup(fd);
    if (!s) {
        return POLLNVAL;
    }
    int ready;
    if (s->type == SOCK_STREAM) {
        ready = __tcp_poll(s->tcp);
    } else {
        ready = POLLOUT;
        if (s->read_shut || (s->udp >= 0 && __net_udp_queued(s->udp) > 0)) {
            ready |= POLLIN;
        }
    }
    if (ready & POLLIN) {
        ready |= POLLRDNORM;
    }
    if (ready & POLLOUT) {
        ready |= POLLWRNORM;
    }
    return (short)(ready & (events | POLLERR | POLLHUP));
}

int poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
    if (n > SOCKET_MAX * 4) {
        return fail(EINVAL);
    }
    if (n > 0 && !fds) {
        return fail(EFAULT);
    }
    uint64_t deadline = timeout_ms < 0 ? 0 : ilwaco_now_us() + (uint64_t)timeout_ms * 1000u;
    thread_yield(); /* let frames that arrived and timers that expired update readiness first */
    for (;;) {
        int ready = 0;
        for (nfds_t i = 0; i < n; i++) {
            fds[i].revents = fds[i].fd < 0 ? 0 : readiness(fds[i].fd, fds[i].events);
            ready += fds[i].revents != 0;
        }
        if (ready || timeout_ms == 0) {
            return ready;
        }
        uint32_t wait = NET_WAIT_FOREVER;
        if (timeout_ms > 0) {
            uint64_t now = ilwaco_now_us();
            if (now >= deadline) {
                return 0;
            }
            wait = deadline - now > MAX_WAIT_US ? MAX_WAIT_US : (uint32_t)(deadline - now);
        }
        net_init(); /* frames must be able to wake us even if no socket call started the stack */
        __net_wait(&__net_activity, wait);
    }
}

/* ------------------------------------------------------------------ introspection */

int tcp_connection_info(int fd, struct tcp_connection_info *info)
{
    struct socket *s = lookup(fd);
    if (!s) {
        return fail(EBADF);
    }
    if (s->type != SOCK_STREAM) {
        return fail(ENOTSOCK);
    }
    __tcp_info(s->tcp, info);
    return 0;
}
