/*
 * net_nic.c: the virtual NIC driver and the bottom of the stack: static configuration from the virtual
 * registers, NIC_SEND / NIC_RECEIVE (one PIO per frame, architecture.md §5) and Ethernet demultiplexing.
 *
 * Receiving is interrupt driven: the NIC_RECEIVE line fires when the kernel's receive queue goes from
 * empty to non-empty, so the handler drains the queue completely; otherwise no further line would come.
 */
#include <denali.h>
#include <ilwaco/interrupt.h>
#include <string.h>

#include <ilwaco/dhcp.h>

#include "ilwaco_internal.h"
#include "net_dhcp_internal.h"
#include "net_internal.h"

struct net_stats __net_stats;
const uint8_t __net_broadcast_mac[ETH_ADDR_LEN] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
mutex_t __net_lock = MUTEX_INITIALIZER;
cond_t __net_activity = COND_INITIALIZER;

static int initialised;
static uint8_t receive_buffer[NET_FRAME_MAX];

/* The configuration net_init chose: static from the virtual registers, or a DHCP lease. Until it is up,
   the registers are reported (0.0.0.0 while DHCP runs, which is also the source address DHCP needs). */
static enum { NET_UNCONFIGURED, NET_CONFIGURING, NET_UP, NET_DOWN } net_state;
static cond_t net_state_changed = COND_INITIALIZER;
static struct dhcp_lease config;
static int config_from_dhcp;

ip4_addr_t net_address(void) { return net_state == NET_UP ? config.address : denali_vregs()->nic_ipv4; }
ip4_addr_t net_netmask(void) { return net_state == NET_UP ? config.netmask : denali_vregs()->nic_netmask; }
ip4_addr_t net_gateway(void) { return net_state == NET_UP ? config.gateway : denali_vregs()->nic_gateway; }

int net_dhcp_lease(struct dhcp_lease *lease)
{
    if (net_state != NET_UP || !config_from_dhcp) {
        return -ENOENT;
    }
    *lease = config;
    return 0;
}

void net_mac(uint8_t mac[ETH_ADDR_LEN])
{
    for (int i = 0; i < ETH_ADDR_LEN; i++) {
        mac[i] = denali_vregs()->nic_mac[i];
    }
}

void net_get_stats(struct net_stats *stats)
{
    *stats = __net_stats;
}

int __net_eth_send(uint8_t *frame, const uint8_t dst[ETH_ADDR_LEN], uint16_t type, size_t payload_length)
{
    struct eth_header *eth = (struct eth_header *)frame;
    memcpy(eth->dst, dst, ETH_ADDR_LEN);
    net_mac(eth->src);
    eth->type = net_htons(type);
    size_t length = ETH_HEADER_LEN + payload_length;
    /* The NIC takes short frames as they are. ARP frames are padded to Ethernet's 60-byte minimum so
       captures see well-formed frames; IPv4 packets are not: passt (Debian's 0.0~git20230309 at least)
       ignores a padded TCP SYN-ACK (it seems to take the frame length, not the IP total length, as the
       segment's end), so padding made every connection from the host hang in the handshake. */
    if (length < 60 && type != ETH_TYPE_IPV4) {
        memset(frame + length, 0, 60 - length);
        length = 60;
    }
    struct denali_nic_send send = {(uint32_t)(uintptr_t)frame, (uint32_t)length, 0};
    outl(DENALI_PORT_NIC_SEND, (uint32_t)(uintptr_t)&send);
    if (send.status != DENALI_NIC_OK) {
        __net_stats.send_failures++;
        return send.status == DENALI_NIC_TOO_LONG ? -EMSGSIZE : -ENOBUFS;
    }
    __net_stats.frames_sent++;
    return 0;
}

static void dispatch(const uint8_t *frame, size_t length)
{
    __net_stats.frames_received++;
    if (length < ETH_HEADER_LEN) {
        __net_stats.frames_dropped++;
        return;
    }
    if (__net_dhcp_listening && __net_dhcp_input(frame, length)) {
        return;
    }
    const struct eth_header *eth = (const struct eth_header *)frame;
    switch (net_ntohs(eth->type)) {
    case ETH_TYPE_ARP:
        __net_arp_input(frame, length);
        break;
    case ETH_TYPE_IPV4:
        __net_ip4_input(frame, length);
        break;
    default:
        __net_stats.frames_dropped++;
    }
}

/* The NIC_RECEIVE handler (thread context, from the scheduler): process every queued frame. */
static void nic_receive_line(void)
{
    for (;;) {
        struct denali_nic_receive receive = {(uint32_t)(uintptr_t)receive_buffer, sizeof receive_buffer, 0};
        outl(DENALI_PORT_NIC_RECEIVE, (uint32_t)(uintptr_t)&receive);
        if (receive.len == 0) {
            __net_tcp_input_done(); /* one ACK per burst, not per segment */
            return;
        }
        if (receive.len > sizeof receive_buffer) {
            __net_stats.frames_dropped++; /* truncated: longer than the MTU allows */
            continue;
        }
        dispatch(receive_buffer, receive.len);
    }
}

void __net_nic_start(void)
{
    if (!initialised) {
        initialised = 1;
        ilwaco_on_interrupt(DENALI_IRQ_NIC_RECEIVE, nic_receive_line);
        /* Frames that arrived before the handler existed raised the line already: take them now. */
        nic_receive_line();
    }
}

int net_init(void)
{
    if (net_state == NET_UP) {
        return 0;
    }
    if (net_state == NET_DOWN) {
        return -ENETDOWN; /* DHCP failed once: say so at once rather than make every caller wait again */
    }
    if (net_state == NET_CONFIGURING) {
        /* Another thread runs DHCP: wait for its outcome (the NIC or its timers wake us). */
        while (net_state == NET_CONFIGURING) {
            __net_wait(&net_state_changed, NET_WAIT_FOREVER);
        }
        return net_state == NET_UP ? 0 : -ENETDOWN;
    }
    net_state = NET_CONFIGURING;
    const volatile struct denali_vregs *vregs = denali_vregs();
    if (vregs->nic_ipv4 != 0) {
        __net_nic_start();
        memset(&config, 0, sizeof config);
        config.address = vregs->nic_ipv4;
        config.netmask = vregs->nic_netmask;
        config.gateway = vregs->nic_gateway;
        net_state = NET_UP;
    } else {
        config_from_dhcp = dhcp_acquire(&config) == 0;
        net_state = config_from_dhcp ? NET_UP : NET_DOWN;
    }
    cond_broadcast(&net_state_changed);
    return net_state == NET_UP ? 0 : -ENETDOWN;
}

void __net_notify_activity(void)
{
    cond_broadcast(&__net_activity);
}

int __net_wait(cond_t *cond, uint32_t timeout_us)
{
    int result = 0;
    mutex_lock(&__net_lock);
    if (timeout_us == NET_WAIT_FOREVER) {
        /* No timer is armed, so tell the idle loop that a device (the NIC) can still wake us. */
        __ilwaco_device_waiters++;
        cond_wait(cond, &__net_lock);
        __ilwaco_device_waiters--;
    } else {
        result = cond_timedwait_us(cond, &__net_lock, timeout_us);
    }
    mutex_unlock(&__net_lock);
    return result;
}
