/*
 * dhcp-client: configures the stack with DHCP (no static address: NIC_IPV4 is 0) and prints the lease.
 * A second thread calls net_init while the first one's exchange runs and must get the same outcome.
 * Exit status 0 with a lease, 1 with DHCP's error message.
 */
#include <ilwaco/dhcp.h>
#include <ilwaco/net.h>
#include <ilwaco/thread.h>
#include <ilwaco/timer.h>
#include <stdio.h>

static void *concurrent_init(void *arg)
{
    (void)arg;
    int result = net_init();
    printf("dhcp-client: second thread: net_init %d\n", result);
    return 0;
}

int main(void)
{
    thread_t other = thread_create(concurrent_init, 0);
    uint64_t started = ilwaco_now_us();
    int result = net_init();
    uint32_t took_ms = (uint32_t)((ilwaco_now_us() - started) / 1000);
    thread_join(other, 0);
    if (result < 0) {
        printf("dhcp-client: net_init %d after %u ms: %s\n", result, took_ms, dhcp_error());
        printf("dhcp-client: again: net_init %d\n", net_init());
        return 1;
    }
    struct dhcp_lease lease;
    if (net_dhcp_lease(&lease) < 0) {
        printf("dhcp-client: not configured by DHCP\n");
        return 2;
    }
    char address[16], netmask[16], gateway[16], server[16];
    printf("dhcp-client: address %s netmask %s gateway %s server %s lease %u\n",
           ip4_format(net_address(), address), ip4_format(net_netmask(), netmask),
           ip4_format(net_gateway(), gateway), ip4_format(lease.server, server), lease.lease_seconds);
    return 0;
}
