/*
 * net-pair: run as two VMs with `denali run net-pair.elf --count 2 --ip 10.0.0.2/24`. The VM at 10.0.0.3
 * is a UDP echo server on port 7 until it receives "quit"; the VM at 10.0.0.2 pings it (ARP first), has
 * a datagram echoed, sends ten datagrams to port 9, which the server does not read until "quit" (its queue
 * keeps UDP_QUEUE_LENGTH of them), then sends "quit". Each prints what happened; RunNetworkPairTest checks
 * the output.
 */
#include <ilwaco/net.h>
#include <ilwaco/thread.h>
#include <stdio.h>
#include <string.h>

#define CLIENT IP4_ADDR(10, 0, 0, 2)
#define SERVER IP4_ADDR(10, 0, 0, 3)
#define ECHO_PORT 7
#define SINK_PORT 9
#define SINK_DATAGRAMS 10

static int serve(void)
{
    int s = udp_bind(ECHO_PORT);
    if (s < 0) {
        printf("server: bind failed %d\n", s);
        return 1;
    }
    int sink = udp_bind(SINK_PORT);
    char data[UDP_MAX_PAYLOAD + 1], who[16];
    for (;;) {
        ip4_addr_t from;
        uint16_t port;
        int n = udp_recvfrom(s, data, UDP_MAX_PAYLOAD, &from, &port, NET_WAIT_FOREVER);
        if (n < 0) {
            printf("server: recvfrom failed %d\n", n);
            return 1;
        }
        data[n] = 0;
        if (strcmp(data, "quit") == 0) {
            break;
        }
        int sent = udp_sendto(s, from, port, data, (size_t)n);
        printf("server: echoed %d bytes to %s (sent %d)\n", n, ip4_format(from, who), sent);
    }
    /* The sink's queue keeps UDP_QUEUE_LENGTH datagrams; a short buffer truncates. Order is not checked:
       UDP does not promise it, and the emulator's LAN may swap two frames of one sender (two kernel
       workers draining its transmit queue at once). */
    int queued = 0, distinct = 1, seen[SINK_DATAGRAMS] = {0};
    int first = udp_recvfrom(sink, data, 4, 0, 0, 0);
    data[first > 0 ? 4 : 0] = 0;
    printf("server: first sink datagram %d bytes, read '%s'\n", first, data);
    for (int n = first; n >= 0; n = udp_recvfrom(sink, data, sizeof data - 1, 0, 0, 0)) {
        data[n] = 0;
        if (queued > 0) { /* the first was read truncated */
            int i = n == 10 && strncmp(data, "datagram ", 9) == 0 ? data[9] - '0' : -1;
            distinct &= i >= 0 && i < SINK_DATAGRAMS && !seen[i];
            if (i >= 0 && i < SINK_DATAGRAMS) {
                seen[i] = 1;
            }
        }
        queued++;
    }
    printf("server: sink queued %d of %d, distinct: %s\n", queued, SINK_DATAGRAMS, distinct ? "yes" : "no");
    struct net_stats stats;
    net_get_stats(&stats);
    printf("server: answered %u pings, done\n", (unsigned)stats.pings_answered);
    return 0;
}

static int client(void)
{
    char who[16];
    int replies = 0;
    for (uint16_t seq = 1; seq <= 3; seq++) {
        uint32_t rtt;
        int r = net_ping(SERVER, seq, 56, 1000000, &rtt);
        if (r == 0) {
            replies++;
        }
        printf("client: ping %s seq %u: %s\n", ip4_format(SERVER, who), seq, r == 0 ? "reply" : "no reply");
    }
    int s = udp_bind(0);
    const char *message = "hello over the virtual LAN";
    char echo[64];
    int n = -ETIMEDOUT;
    ip4_addr_t from = 0;
    uint16_t port = 0;
    /* The server may still be starting: resend a few times. */
    for (int attempt = 0; attempt < 3 && n == -ETIMEDOUT; attempt++) {
        int sent = udp_sendto(s, SERVER, ECHO_PORT, message, strlen(message));
        if (sent < 0) {
            printf("client: sendto failed %d\n", sent);
        }
        n = udp_recvfrom(s, echo, sizeof echo - 1, &from, &port, 1000000);
    }
    if (n >= 0) {
        echo[n] = 0;
        printf("client: echo from %s:%u: %s\n", ip4_format(from, who), port, echo);
    } else {
        printf("client: no echo (%d)\n", n);
    }
    for (int i = 0; i < SINK_DATAGRAMS; i++) {
        char text[16];
        snprintf(text, sizeof text, "datagram %d", i);
        udp_sendto(s, SERVER, SINK_PORT, text, strlen(text));
    }
    thread_sleep_us(20000); /* let the burst reach the server before "quit" (see the sink above) */
    udp_sendto(s, SERVER, ECHO_PORT, "quit", 4);
    printf("client: done\n");
    return replies == 3 && n >= 0 ? 0 : 1;
}

int main(void)
{
    int r = net_init();
    if (r < 0) {
        printf("net_init failed %d\n", r);
        return 1;
    }
    if (net_address() == CLIENT) {
        return client();
    }
    if (net_address() == SERVER) {
        return serve();
    }
    printf("unexpected address\n");
    return 1;
}
