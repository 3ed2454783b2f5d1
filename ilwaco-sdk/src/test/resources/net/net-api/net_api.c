/*
 * net-api: the stack's error paths and timeouts on a VM alone on its LAN, run with
 * `denali run net-api.elf --ip 10.0.0.2/24`: bind conflicts and the socket limit, receive timeouts that
 * idle the VM (idle-with-timeout, not spinning), unreachable hosts (ARP gives up; off-link without a
 * gateway fails at once) and oversized datagrams. Prints "N passed, M failed".
 */
#include <ilwaco/net.h>
#include <ilwaco/thread.h>
#include <ilwaco/timer.h>
#include <stdio.h>

static int passed, failed;

static void check(int ok, const char *what, int line)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL net_api.c:%d: %s\n", line, what);
    }
}
#define CHECK(cond) check((cond), #cond, __LINE__)

static char big[UDP_MAX_PAYLOAD + 1];

int main(void)
{
    CHECK(net_init() == 0);
    CHECK(net_init() == 0); /* idempotent */
    CHECK(net_address() == IP4_ADDR(10, 0, 0, 2));
    CHECK(net_netmask() == IP4_ADDR(255, 255, 255, 0));
    uint8_t mac[ETH_ADDR_LEN];
    net_mac(mac);
    CHECK(mac[0] == 0x52 && mac[1] == 0x54 && mac[2] == 0x00);

    /* binding */
    int echo = udp_bind(7);
    CHECK(echo >= 0 && udp_local_port(echo) == 7);
    CHECK(udp_bind(7) == -EADDRINUSE);
    int ephemeral = udp_bind(0);
    CHECK(ephemeral >= 0 && udp_local_port(ephemeral) >= 49152);
    int more[UDP_MAX_SOCKETS];
    int opened = 0;
    for (int i = 0; i < UDP_MAX_SOCKETS; i++) {
        more[i] = udp_bind(0);
        if (more[i] >= 0) {
            opened++;
        }
    }
    CHECK(opened == UDP_MAX_SOCKETS - 2 && more[UDP_MAX_SOCKETS - 1] == -ENOBUFS);
    for (int i = 0; i < UDP_MAX_SOCKETS; i++) {
        if (more[i] >= 0) {
            CHECK(udp_close(more[i]) == 0);
        }
    }
    CHECK(udp_close(echo) == 0 && udp_close(echo) == -EBADF);
    echo = udp_bind(7);
    CHECK(echo >= 0); /* the port is free again */

    /* receive timeouts: the thread sleeps and the VM idles with the timeout */
    char buffer[16];
    CHECK(udp_recvfrom(echo, buffer, sizeof buffer, 0, 0, 0) == -ETIMEDOUT);
    struct thread_stats before, after;
    thread_get_stats(&before);
    uint64_t start = ilwaco_now_us();
    CHECK(udp_recvfrom(echo, buffer, sizeof buffer, 0, 0, 20000) == -ETIMEDOUT);
    uint64_t waited = ilwaco_now_us() - start;
    thread_get_stats(&after);
    CHECK(waited >= 20000 && waited < 1000000);
    CHECK(after.timed_idles > before.timed_idles);
    CHECK(udp_recvfrom(99, buffer, sizeof buffer, 0, 0, 0) == -EBADF);

    /* sending */
    CHECK(udp_sendto(echo, IP4_ADDR(10, 0, 0, 3), 7, big, sizeof big) == -EMSGSIZE);
    CHECK(udp_sendto(echo, IP4_ADDR(10, 0, 0, 255), 7, "broadcast", 9) == 9); /* no ARP for broadcasts */
    CHECK(udp_sendto(echo, IP4_BROADCAST, 7, "broadcast", 9) == 9);
    start = ilwaco_now_us();
    CHECK(udp_sendto(echo, IP4_ADDR(10, 0, 0, 9), 7, "nobody", 6) == -EHOSTUNREACH); /* ARP gives up */
    CHECK(ilwaco_now_us() - start >= 1000000);
    CHECK(net_ping(IP4_ADDR(192, 168, 1, 1), 1, 8, 100000, 0) == -EHOSTUNREACH); /* no gateway */
    CHECK(net_ping(IP4_ADDR(10, 0, 0, 3), 1, 2000, 100000, 0) == -EMSGSIZE);

    struct net_stats stats;
    net_get_stats(&stats);
    CHECK(stats.arp_requests_sent == 3 && stats.frames_sent == 5);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
