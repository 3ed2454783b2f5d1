/*
 * echo: the echo service (RFC 862) on port 7, over UDP and TCP.
 *
 * UDP: every datagram goes back to its sender unchanged (the main thread, Ilwaco's small UDP API).
 * TCP: ECHO_WORKERS threads share one listening socket (<ilwaco/socket.h>, BSD style); each accepts a
 * connection, sends back every byte it receives until the client closes, closes its side and accepts the
 * next one. So up to ECHO_WORKERS connections are served at once and more wait in the listen backlog.
 *
 * The address is static, from the NIC_IPV4/NIC_NETMASK virtual registers (`denali run --ip`); with none
 * configured (DHCP) the server says so and stops. While nothing arrives every thread is blocked and the VM
 * idles; pings are answered by the stack's receive path meanwhile. Typing q on the VM's keyboard (the
 * stdin of `denali run`) stops the server: a run with a passt uplink would otherwise wait for the host
 * forever.
 */
#include <ilwaco/keyboard.h>
#include <ilwaco/net.h>
#include <ilwaco/socket.h>
#include <ilwaco/thread.h>
#include <stdio.h>
#include <stdlib.h>

#define ECHO_PORT 7
#define ECHO_WORKERS 8
#define WORKER_STACK (32u * 1024u)

static char address[16];

/* Sends all of data (send may take part of it). 0, or -1 with errno. */
static int send_all(int fd, const char *data, int length)
{
    while (length > 0) {
        int sent = send(fd, data, (size_t)length, 0);
        if (sent < 0) {
            return -1;
        }
        data += sent;
        length -= sent;
    }
    return 0;
}

static void serve(int fd, const struct sockaddr_in *peer)
{
    char from[16];
    char buffer[8192]; /* on the worker's own WORKER_STACK */
    unsigned port = ntohs(peer->sin_port);
    ip4_format(peer->sin_addr.s_addr, from);
    printf("echo: tcp connection from %s:%u\n", from, port);
    unsigned long total = 0;
    for (;;) {
        int n = recv(fd, buffer, sizeof buffer, 0);
        if (n == 0) {
            printf("echo: tcp %s:%u closed after %lu bytes\n", from, port, total);
            break;
        }
        if (n < 0 || send_all(fd, buffer, n) < 0) {
            printf("echo: tcp %s:%u failed after %lu bytes (errno %d)\n", from, port, total, errno);
            break;
        }
        total += (unsigned long)n;
    }
    close(fd);
}

static void *tcp_worker(void *listener)
{
    int server = (int)(intptr_t)listener;
    for (;;) {
        struct sockaddr_in peer;
        socklen_t length = sizeof peer;
        int fd = accept(server, (struct sockaddr *)&peer, &length);
        if (fd < 0) {
            printf("echo: accept failed (errno %d)\n", errno);
            return 0;
        }
        serve(fd, &peer);
    }
}

static void *keyboard_watch(void *unused)
{
    (void)unused;
    while (keyboard_getc() != 'q') {
    }
    printf("echo: q typed, stopping\n");
    exit(0);
}

static int start_tcp(void)
{
    int server = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    struct sockaddr_in local = {AF_INET, htons(ECHO_PORT), {INADDR_ANY}, {0}};
    if (server < 0 || setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0
            || bind(server, (struct sockaddr *)&local, sizeof local) < 0 || listen(server, 2 * ECHO_WORKERS) < 0) {
        printf("echo: cannot listen on tcp port %d (errno %d)\n", ECHO_PORT, errno);
        return -1;
    }
    for (int i = 0; i < ECHO_WORKERS; i++) {
        if (!thread_create_with_stack(tcp_worker, (void *)(intptr_t)server, WORKER_STACK)) {
            printf("echo: out of memory for tcp workers\n");
            return -1;
        }
    }
    return 0;
}

int main(void)
{
    if (net_init() < 0) {
        printf("echo: no static IPv4 address (NIC_IPV4 is 0: DHCP, which Ilwaco does not do yet)\n");
        return 1;
    }
    int s = udp_bind(ECHO_PORT);
    if (s < 0) {
        printf("echo: cannot bind port %d (%d)\n", ECHO_PORT, s);
        return 1;
    }
    if (start_tcp() < 0 || !thread_create(keyboard_watch, 0)) {
        return 1;
    }
    printf("echo: listening on %s:%d\n", ip4_format(net_address(), address), ECHO_PORT);
    static char data[UDP_MAX_PAYLOAD];
    for (;;) {
        ip4_addr_t from;
        uint16_t port;
        int n = udp_recvfrom(s, data, sizeof data, &from, &port, NET_WAIT_FOREVER);
        if (n < 0) {
            printf("echo: receive failed (%d)\n", n);
            return 1;
        }
        int sent = udp_sendto(s, from, port, data, (size_t)n);
        printf("echo: %d bytes from %s:%u%s\n", n, ip4_format(from, address), port, sent < 0 ? " (not echoed)" : "");
    }
}
