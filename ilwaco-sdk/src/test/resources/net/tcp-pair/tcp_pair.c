/*
 * tcp-pair: run as two VMs with `denali run tcp-pair.elf --count 2 --ip 10.0.0.2/24`. The VM at 10.0.0.3 is
 * a server written the event-driven way (one thread, non-blocking sockets, poll): TCP echo on port 7, UDP
 * echo on port 7, a listener on port 10 that resets every connection (SO_LINGER 0), "quit" on port 9, and
 * (in a thread of its own, blocking style) port 11, which accepts one connection and reads nothing from it
 * until a second connection says "go" (so the client meets a zero window for as long as it needs), then
 * counts the bytes to the end of stream and answers the count; and port 12, listening with a backlog of 1
 * and accepting nothing until a datagram to UDP port 12 says "go".
 * The VM at 10.0.0.2 is the client: it checks the socket API's error paths, refused and unreachable
 * connects, addresses, round trips (measuring the RTT), a 1 MB echo (measuring MB/s), timeouts, peeking,
 * half-close, concurrent connections from threads, a non-blocking connect, resets, UDP sockets, TIME_WAIT,
 * zero-window probing, the listen backlog,
 * and prints "client: N passed, M failed". TcpPairTest checks the output and the capture.
 */
#include <ilwaco/heap.h>
#include <ilwaco/net.h>
#include <ilwaco/socket.h>
#include <ilwaco/thread.h>
#include <ilwaco/timer.h>
#include <stdio.h>
#include <string.h>

#define CLIENT IP4_ADDR(10, 0, 0, 2)
#define SERVER IP4_ADDR(10, 0, 0, 3)
#define ECHO_PORT 7
#define QUIT_PORT 9
#define RESET_PORT 10
#define STALL_PORT 11
#define BACKLOG_PORT 12
#define MAX_CONNECTIONS 16

static struct sockaddr_in address_of(ip4_addr_t ip, uint16_t port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = ip;
    return a;
}

static int listener(int type, uint16_t port)
{
    int fd = socket(AF_INET, type | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = address_of(INADDR_ANY, port);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || (type == SOCK_STREAM && listen(fd, 8) < 0)) {
        printf("server: cannot open port %u (errno %d)\n", port, errno);
        return -1;
    }
    return fd;
}

/* ------------------------------------------------------------------ the server */

struct connection {
    int fd;
    char data[4096];
    int start, length; /* received and not yet echoed */
};

static void *stall_server(void *unused)
{
    (void)unused;
    int server = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = address_of(INADDR_ANY, STALL_PORT);
    if (server < 0 || bind(server, (struct sockaddr *)&a, sizeof a) < 0 || listen(server, 1) < 0) {
        printf("server: cannot listen on %d (errno %d)\n", STALL_PORT, errno);
        return 0;
    }
    int fd = accept(server, 0, 0);
    close(accept(server, 0, 0)); /* the client's "go": it has seen our zero window and its probes */
    static char buffer[4096];
    uint32_t count = 0;
    int n;
    while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0) {
        count += (uint32_t)n;
    }
    char answer[16];
    int length = snprintf(answer, sizeof answer, "%u", count);
    send(fd, answer, (size_t)length, 0);
    close(fd);
    close(server);
    return 0;
}

static void *backlog_server(void *unused)
{
    (void)unused;
    int server = socket(AF_INET, SOCK_STREAM, 0), go = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = address_of(INADDR_ANY, BACKLOG_PORT);
    if (bind(server, (struct sockaddr *)&a, sizeof a) < 0 || listen(server, 1) < 0
            || bind(go, (struct sockaddr *)&a, sizeof a) < 0) {
        printf("server: cannot listen on %d (errno %d)\n", BACKLOG_PORT, errno);
        return 0;
    }
    char word[4];
    recv(go, word, sizeof word, 0);
    for (int i = 0; i < 3; i++) {
        close(accept(server, 0, 0));
    }
    close(go);
    close(server);
    return 0;
}

static int serve(void)
{
    thread_create_with_stack(stall_server, 0, 32 * 1024);
    thread_create_with_stack(backlog_server, 0, 32 * 1024);
    int echo = listener(SOCK_STREAM, ECHO_PORT), quit = listener(SOCK_STREAM, QUIT_PORT);
    int reset = listener(SOCK_STREAM, RESET_PORT), udp = listener(SOCK_DGRAM, ECHO_PORT);
    if (echo < 0 || quit < 0 || reset < 0 || udp < 0) {
        return 1;
    }
    static struct connection connections[MAX_CONNECTIONS];
    for (int i = 0; i < MAX_CONNECTIONS; i++) {
        connections[i].fd = -1;
    }
    unsigned served = 0, resets = 0, datagrams = 0;
    for (;;) {
        struct pollfd fds[4 + MAX_CONNECTIONS];
        fds[0] = (struct pollfd){echo, POLLIN, 0};
        fds[1] = (struct pollfd){quit, POLLIN, 0};
        fds[2] = (struct pollfd){reset, POLLIN, 0};
        fds[3] = (struct pollfd){udp, POLLIN, 0};
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            fds[4 + i] = (struct pollfd){connections[i].fd, connections[i].length ? POLLOUT : POLLIN, 0};
        }
        if (poll(fds, 4 + MAX_CONNECTIONS, -1) < 0) {
            printf("server: poll failed (errno %d)\n", errno);
            return 1;
        }
        if (fds[0].revents & POLLIN) {
            int fd = accept(echo, 0, 0);
            for (int i = 0; i < MAX_CONNECTIONS && fd >= 0; i++) {
                if (connections[i].fd < 0) {
                    connections[i] = (struct connection){.fd = fd};
                    fd = -1;
                    served++;
                }
            }
            if (fd >= 0) {
                close(fd);
            }
        }
        if (fds[2].revents & POLLIN) {
            int fd = accept(reset, 0, 0);
            if (fd >= 0) {
                /* Reset only after the client's first byte: its connect() has returned by then. Resetting at
                   once let the RST reach a busy client before its connecting thread ran again, and connect()
                   itself then reported ECONNRESET (as Linux may), which is not what this check is about. */
                struct timeval limit = {5, 0};
                char byte;
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
                recv(fd, &byte, 1, 0);
            }
            struct linger linger = {1, 0};
            if (fd >= 0 && setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, sizeof linger) == 0) {
                resets++;
            }
            close(fd);
        }
        if (fds[3].revents & POLLIN) {
            char datagram[1500];
            struct sockaddr_in from;
            socklen_t length = sizeof from;
            int n = recvfrom(udp, datagram, sizeof datagram, 0, (struct sockaddr *)&from, &length);
            if (n >= 0 && sendto(udp, datagram, (size_t)n, 0, (struct sockaddr *)&from, length) == n) {
                datagrams++;
            }
        }
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            struct connection *c = &connections[i];
            short revents = fds[4 + i].revents;
            if (c->fd < 0 || !revents) {
                continue;
            }
            if (c->length) {
                int n = send(c->fd, c->data + c->start, (size_t)c->length, 0);
                if (n > 0) {
                    c->start += n;
                    c->length -= n;
                } else if (errno != EAGAIN) {
                    close(c->fd);
                    c->fd = -1;
                }
                continue;
            }
            int n = recv(c->fd, c->data, sizeof c->data, 0);
            if (n > 0) {
                c->start = 0;
                c->length = n;
            } else if (n == 0 || errno != EAGAIN) {
                close(c->fd); /* end of stream (or reset): close our side too */
                c->fd = -1;
            }
        }
        if (fds[1].revents & POLLIN) {
            int fd = accept(quit, 0, 0);
            char word[8] = {0};
            struct timeval limit = {5, 0};
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
            int n = recv(fd, word, 4, MSG_WAITALL);
            close(fd);
            if (n == 4 && memcmp(word, "quit", 4) == 0) {
                break;
            }
        }
    }
    printf("server: served %u echo connections, reset %u, echoed %u datagrams\n", served, resets, datagrams);
    return 0;
}

/* ------------------------------------------------------------------ the client */

static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("client: FAILED %s (errno %d)\n", what, errno);
    }
}

static int fails_with(int result, int error)
{
    return result == -1 && errno == error;
}

static int connect_to(uint16_t port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = address_of(SERVER, port);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int send_all(int fd, const void *data, size_t length)
{
    const char *p = data;
    while (length > 0) {
        int n = send(fd, p, length, 0);
        if (n <= 0) {
            return -1;
        }
        p += n;
        length -= (size_t)n;
    }
    return 0;
}

static int recv_all(int fd, void *buffer, size_t length)
{
    int n = recv(fd, buffer, length, MSG_WAITALL);
    return n == (int)length ? 0 : -1;
}

static uint8_t pattern(uint32_t i, uint32_t seed)
{
    return (uint8_t)(i * 2654435761u >> 13 ^ seed);
}

struct stream_job {
    int fd;
    uint32_t length;
    uint32_t seed;
};

static void *send_pattern(void *arg)
{
    struct stream_job *job = arg;
    static char chunks[8][1000];
    char *chunk = chunks[job->seed % 8];
    for (uint32_t done = 0; done < job->length;) {
        uint32_t n = job->length - done < 1000 ? job->length - done : 1000;
        for (uint32_t i = 0; i < n; i++) {
            chunk[i] = (char)pattern(done + i, job->seed);
        }
        if (send_all(job->fd, chunk, n) < 0) {
            return (void *)1;
        }
        done += n;
    }
    return 0;
}

/* Sends `length` pattern bytes on fd from a helper thread while reading the echo here; 0 if all came back intact. */
static int echo_stream(int fd, uint32_t length, uint32_t seed)
{
    struct stream_job job = {fd, length, seed};
    thread_t sender = thread_create(send_pattern, &job);
    char buffer[2048];
    int ok = sender != 0;
    for (uint32_t got = 0; ok && got < length;) {
        int n = recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            ok = 0;
            break;
        }
        for (int i = 0; i < n; i++) {
            ok &= (uint8_t)buffer[i] == pattern(got + (uint32_t)i, seed);
        }
        got += (uint32_t)n;
    }
    void *result = (void *)1;
    if (sender) {
        thread_join(sender, &result);
    }
    return ok && result == 0 ? 0 : -1;
}

static void *concurrent_client(void *arg)
{
    uint32_t seed = (uint32_t)(uintptr_t)arg;
    int fd = connect_to(ECHO_PORT);
    int ok = fd >= 0 && echo_stream(fd, 65536, seed) == 0;
    close(fd);
    return ok ? (void *)0 : (void *)1;
}

static void api_errors(void)
{
    check(fails_with(socket(10 /* AF_INET6 */, SOCK_STREAM, 0), EAFNOSUPPORT), "socket(AF_INET6) -> EAFNOSUPPORT");
    check(fails_with(socket(AF_INET, 5, 0), EPROTOTYPE), "socket(type 5) -> EPROTOTYPE");
    check(fails_with(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), EPROTONOSUPPORT), "TCP socket with IPPROTO_UDP");
    check(fails_with(close(99), EBADF), "close(99) -> EBADF");
    check(fails_with(send(2, "x", 1, 0), EBADF), "send on fd 2 -> EBADF");
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    check(fd >= 3, "descriptors start at 3");
    check(fails_with(send(fd, "x", 1, 0), ENOTCONN), "send unconnected -> ENOTCONN");
    check(fails_with(recv(fd, (char[4]){0}, 4, 0), ENOTCONN), "recv unconnected -> ENOTCONN");
    struct sockaddr_in a;
    socklen_t length = sizeof a;
    check(fails_with(getpeername(fd, (struct sockaddr *)&a, &length), ENOTCONN), "getpeername unconnected");
    struct sockaddr_in foreign = address_of(IP4_ADDR(10, 0, 0, 99), 5000);
    check(fails_with(bind(fd, (struct sockaddr *)&foreign, sizeof foreign), EADDRNOTAVAIL), "bind foreign address");
    struct sockaddr_in mine = address_of(CLIENT, 5000);
    check(bind(fd, (struct sockaddr *)&mine, sizeof mine) == 0, "bind own address");
    int other = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in any = address_of(INADDR_ANY, 5000);
    check(fails_with(bind(other, (struct sockaddr *)&any, sizeof any), EADDRINUSE), "bind taken port -> EADDRINUSE");
    struct sockaddr_in self = address_of(CLIENT, 80);
    check(fails_with(connect(other, (struct sockaddr *)&self, sizeof self), EHOSTUNREACH), "no loopback");
    int level = 0;
    check(fails_with(setsockopt(other, SOL_SOCKET, 12345, &level, sizeof level), ENOPROTOOPT), "unknown option");
    close(fd);
    close(other);
    int udp = socket(AF_INET, SOCK_DGRAM, 0);
    check(fails_with(listen(udp, 1), EOPNOTSUPP), "listen on UDP -> EOPNOTSUPP");
    check(fails_with(send(udp, "x", 1, 0), EDESTADDRREQ), "UDP send without peer -> EDESTADDRREQ");
    close(udp);
    struct in_addr in;
    char text[INET_ADDRSTRLEN];
    check(inet_pton(AF_INET, "10.0.0.3", &in) == 1 && in.s_addr == SERVER, "inet_pton");
    check(inet_pton(AF_INET, "10.0.0", &in) == 0, "inet_pton rejects 10.0.0");
    check(strcmp(inet_ntop(AF_INET, &in, text, sizeof text), "10.0.0.3") == 0, "inet_ntop");
    check(htons(0x1234) == 0x3412 && ntohl(htonl(0x01020304)) == 0x01020304, "byte order");
}

static void connects(void)
{
    check(fails_with(connect_to(1), ECONNREFUSED), "connect to a closed port -> ECONNREFUSED (RST)");
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in nobody = address_of(IP4_ADDR(10, 0, 0, 9), 7);
    check(fails_with(connect(fd, (struct sockaddr *)&nobody, sizeof nobody), EHOSTUNREACH), "no ARP answer");
    close(fd);

    int nb = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in server = address_of(SERVER, ECHO_PORT);
    check(fails_with(connect(nb, (struct sockaddr *)&server, sizeof server), EINPROGRESS), "non-blocking connect");
    struct pollfd p = {nb, POLLOUT, 0};
    check(poll(&p, 1, 5000) == 1 && (p.revents & POLLOUT), "poll: connected");
    int error = -1;
    socklen_t length = sizeof error;
    check(getsockopt(nb, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0, "SO_ERROR 0");
    char c;
    check(fails_with(recv(nb, &c, 1, 0), EAGAIN), "non-blocking recv -> EAGAIN");
    close(nb);

    int reset = connect_to(RESET_PORT);
    check(reset >= 0 && send(reset, "x", 1, 0) == 1, "connect to the resetting port, send the byte it waits for");
    check(fails_with(recv(reset, &c, 1, 0), ECONNRESET), "recv after RST -> ECONNRESET");
    check(fails_with(send(reset, "x", 1, 0), EPIPE), "send after RST -> EPIPE");
    close(reset);
}

static void echo_connection(void)
{
    int fd = connect_to(ECHO_PORT);
    check(fd >= 0, "connect to echo");
    struct sockaddr_in a;
    socklen_t length = sizeof a;
    check(getsockname(fd, (struct sockaddr *)&a, &length) == 0 && a.sin_addr.s_addr == CLIENT
          && ntohs(a.sin_port) >= 49152, "getsockname: our address and an ephemeral port");
    check(getpeername(fd, (struct sockaddr *)&a, &length) == 0 && a.sin_addr.s_addr == SERVER
          && ntohs(a.sin_port) == ECHO_PORT, "getpeername");
    int mss = 0;
    length = sizeof mss;
    check(getsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &mss, &length) == 0 && mss == 1460, "MSS option negotiated");
    int on = 1;
    check(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) == 0, "TCP_NODELAY");

    /* Round trips. */
    char out[32], in[32];
    int rounds_ok = 1;
    uint64_t start = ilwaco_now_us();
    enum { ROUNDS = 1000 };
    for (int i = 0; i < ROUNDS && rounds_ok; i++) {
        snprintf(out, sizeof out, "round trip %d", i);
        rounds_ok = send_all(fd, out, sizeof out) == 0 && recv_all(fd, in, sizeof in) == 0
            && memcmp(in, out, sizeof out) == 0;
    }
    uint64_t rtt = (ilwaco_now_us() - start) / ROUNDS;
    check(rounds_ok, "1000 round trips");
    printf("client: round trip %u us\n", (unsigned)rtt);

    /* 1 MB echoed. */
    start = ilwaco_now_us();
    check(echo_stream(fd, 1u << 20, 7) == 0, "1 MB echoed intact");
    uint64_t elapsed = ilwaco_now_us() - start;
    printf("client: 1 MB echoed in %u ms (%u KB/s each way)\n", (unsigned)(elapsed / 1000),
           (unsigned)(1024ull * 1000000u / (elapsed ? elapsed : 1)));
    struct tcp_connection_info info;
    check(tcp_connection_info(fd, &info) == 0 && info.state == TCP_ESTABLISHED && info.srtt_us > 0
          && info.rto_us >= 200000 && info.unacknowledged == 0, "connection info: RTT measured, all acknowledged");

    /* Timeouts, non-blocking flags, peeking. */
    struct timeval limit = {0, 100000};
    check(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit) == 0, "SO_RCVTIMEO");
    start = ilwaco_now_us();
    check(fails_with(recv(fd, in, sizeof in, 0), EAGAIN) && ilwaco_now_us() - start >= 100000, "recv times out");
    check(fails_with(recv(fd, in, sizeof in, MSG_DONTWAIT), EAGAIN), "MSG_DONTWAIT");
    send_all(fd, "peek", 4);
    check(recv(fd, in, 4, MSG_PEEK | MSG_WAITALL) >= 1 && in[0] == 'p', "MSG_PEEK sees the data");
    check(recv(fd, in, 4, MSG_WAITALL) == 4 && memcmp(in, "peek", 4) == 0, "and recv still gets it");
    struct pollfd p = {fd, POLLIN | POLLOUT, 0};
    check(poll(&p, 1, 0) == 1 && p.revents == POLLOUT, "poll: writable, nothing to read");

    /* Half close: the server echoes what we sent, then closes when it sees our FIN. */
    send_all(fd, "bye", 3);
    check(shutdown(fd, SHUT_WR) == 0, "shutdown(SHUT_WR)");
    check(fails_with(send(fd, "x", 1, 0), EPIPE), "send after shutdown -> EPIPE");
    check(recv(fd, in, 3, MSG_WAITALL) == 3 && memcmp(in, "bye", 3) == 0, "data after our FIN still arrives");
    check(recv(fd, in, 1, 0) == 0, "then end of stream");
    p = (struct pollfd){fd, POLLIN, 0};
    check(poll(&p, 1, 0) == 1 && (p.revents & POLLIN) && (p.revents & POLLHUP), "poll: POLLIN|POLLHUP at EOF");
    check(tcp_connection_info(fd, &info) == 0 && info.state == TCP_TIME_WAIT, "we closed first: TIME_WAIT");
    thread_sleep_us(2100000);
    check(tcp_connection_info(fd, &info) == 0 && info.state == TCP_CLOSED, "TIME_WAIT ends after 2 MSL (2 s)");
    check(close(fd) == 0, "close");
}

static void concurrent(void)
{
    enum { CLIENTS = 4 };
    thread_t threads[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
        threads[i] = thread_create_with_stack(concurrent_client, (void *)(uintptr_t)(100 + i), 32 * 1024);
    }
    int ok = 1;
    for (int i = 0; i < CLIENTS; i++) {
        void *result = (void *)1;
        if (threads[i]) {
            thread_join(threads[i], &result);
        }
        ok &= result == 0;
    }
    check(ok, "4 concurrent connections echo 64 KB each");
}

static void datagrams(void)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in server = address_of(SERVER, ECHO_PORT), from;
    socklen_t length = sizeof from;
    char in[16];
    struct timeval limit = {2, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    check(sendto(fd, "datagram", 8, 0, (struct sockaddr *)&server, sizeof server) == 8, "UDP sendto");
    check(recvfrom(fd, in, sizeof in, 0, (struct sockaddr *)&from, &length) == 8 && memcmp(in, "datagram", 8) == 0
          && from.sin_addr.s_addr == SERVER && ntohs(from.sin_port) == ECHO_PORT, "UDP recvfrom: echo and sender");
    check(connect(fd, (struct sockaddr *)&server, sizeof server) == 0, "UDP connect");
    struct pollfd p = {fd, POLLIN, 0};
    check(send(fd, "again", 5, 0) == 5 && poll(&p, 1, 2000) == 1 && recv(fd, in, sizeof in, 0) == 5, "UDP send/poll/recv");
    close(fd);
}

static void zero_window(void)
{
    int fd = connect_to(STALL_PORT);
    static char block[4096];
    memset(block, 'z', sizeof block);
    uint32_t sent = 0;
    int n;
    while ((n = send(fd, block, sizeof block, MSG_DONTWAIT)) > 0) {
        sent += (uint32_t)n;
    }
    check(n == -1 && errno == EAGAIN && sent >= TCP_SEND_BUFFER, "a reader that stalls fills the buffers: EAGAIN");
    struct tcp_connection_info info;
    for (int i = 0; i < 1000 && tcp_connection_info(fd, &info) == 0 && info.peer_window != 0; i++) {
        thread_sleep_us(10000);
    }
    check(info.peer_window == 0, "the peer advertises a zero window");
    while ((n = send(fd, block, sizeof block, MSG_DONTWAIT)) > 0) {
        sent += (uint32_t)n; /* our send buffer emptied into its window: fill it again */
    }
    check(sent >= TCP_SEND_BUFFER + TCP_RECEIVE_BUFFER, "both buffers full");
    struct tcp_stats before, after;
    tcp_get_stats(&before);
    uint64_t start = ilwaco_now_us();
    do {
        thread_sleep_us(10000);
        tcp_get_stats(&after);
    } while (after.window_probes == before.window_probes && ilwaco_now_us() - start < 10000000u);
    check(after.window_probes > before.window_probes, "zero-window probes while it stalls");
    thread_sleep_us(700000); /* a few more probes (200, 400 ms...) for the capture */
    close(connect_to(STALL_PORT)); /* "go" */
    for (int i = 0; i < 16; i++) {
        check(send_all(fd, block, sizeof block) == 0, "sending resumes when the window opens");
        sent += sizeof block;
    }
    shutdown(fd, SHUT_WR);
    char answer[16] = {0}, expected[16];
    snprintf(expected, sizeof expected, "%u", sent);
    check(recv(fd, answer, sizeof answer - 1, MSG_WAITALL) > 0 && strcmp(answer, expected) == 0,
          "every byte arrived after the stall");
    close(fd);
}

static int connected(int fd)
{
    struct tcp_connection_info info;
    return tcp_connection_info(fd, &info) == 0 && (info.state == TCP_ESTABLISHED || info.state == TCP_CLOSE_WAIT);
}

/* Three connects to a listener with backlog 1 that accepts nothing yet: one handshake completes, the other
   SYNs are ignored; once the server accepts, their retransmitted SYNs get through. */
static void backlog(void)
{
    int fds[3];
    struct sockaddr_in server = address_of(SERVER, BACKLOG_PORT);
    for (int i = 0; i < 3; i++) {
        fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        connect(fds[i], (struct sockaddr *)&server, sizeof server);
    }
    thread_sleep_us(500000);
    check(connected(fds[0]) + connected(fds[1]) + connected(fds[2]) == 1, "backlog 1: one handshake completes");
    int go = socket(AF_INET, SOCK_DGRAM, 0);
    sendto(go, "go", 2, 0, (struct sockaddr *)&server, sizeof server);
    close(go);
    uint64_t start = ilwaco_now_us();
    while (connected(fds[0]) + connected(fds[1]) + connected(fds[2]) < 3 && ilwaco_now_us() - start < 20000000u) {
        thread_sleep_us(20000);
    }
    check(connected(fds[0]) + connected(fds[1]) + connected(fds[2]) == 3,
          "the others connect once the server accepts (SYN retransmission)");
    for (int i = 0; i < 3; i++) {
        close(fds[i]);
    }
}

/* Many short connections: afterwards (TIME_WAIT over) the heap is exactly as before. */
static void no_leaks(void)
{
    struct heap_stats before, after;
    thread_sleep_us(2500000); /* earlier connections' TIME_WAITs end first */
    heap_get_stats(&before);
    int ok = 1;
    for (int i = 0; i < 50 && ok; i++) {
        int fd = connect_to(ECHO_PORT);
        char in[8];
        ok = fd >= 0 && send_all(fd, "leak?", 5) == 0 && recv_all(fd, in, 5) == 0;
        close(fd);
    }
    check(ok, "50 short connections");
    thread_sleep_us(2500000);
    heap_get_stats(&after);
    check(after.free_bytes == before.free_bytes,
          "every connection's memory is freed once TIME_WAIT is over");
}

static int run_client(void)
{
    api_errors();
    connects();
    echo_connection();
    concurrent();
    datagrams();
    zero_window();
    backlog();
    no_leaks();
    struct tcp_stats stats;
    tcp_get_stats(&stats);
    check(stats.bad_checksums == 0 && stats.resets_received >= 2 && stats.connections_opened >= 7,
          "stack counters: no bad checksums, resets received, connections opened");
    printf("client: %u segments sent, %u received, %u retransmissions\n", stats.segments_sent,
           stats.segments_received, stats.retransmissions);
    int quit = connect_to(QUIT_PORT);
    check(quit >= 0 && send_all(quit, "quit", 4) == 0, "quit the server");
    close(quit);
    printf("client: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

int main(void)
{
    if (net_init() < 0) {
        printf("tcp-pair: no static address (--ip)\n");
        return 1;
    }
    return net_address() == SERVER ? serve() : run_client();
}
