/*
 * echo: a UDP echo server (RFC 862) on port 7. Every datagram goes back to its sender unchanged.
 *
 * The address is static, from the NIC_IPV4/NIC_NETMASK virtual registers (`denali run --ip`); with none
 * configured (DHCP) the server says so and stops. While no datagram is queued, udp_recvfrom blocks its
 * thread and the VM idles; pings are answered by the stack's receive path meanwhile.
 */
#include <ilwaco/net.h>
#include <stdio.h>

#define ECHO_PORT 7

int main(void)
{
    char address[16];
    if (net_init() < 0) {
        printf("echo: no static IPv4 address (NIC_IPV4 is 0: DHCP, which Ilwaco does not do yet)\n");
        return 1;
    }
    int s = udp_bind(ECHO_PORT);
    if (s < 0) {
        printf("echo: cannot bind port %d (%d)\n", ECHO_PORT, s);
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
