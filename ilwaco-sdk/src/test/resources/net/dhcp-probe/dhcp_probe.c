/*
 * dhcp-probe: broadcasts one DHCPDISCOVER through the virtual NIC and prints the address of the first
 * DHCPOFFER that comes back. With `denali run --net passt:...`, passt is the DHCP server on the virtual LAN.
 * Exit status 0 on an offer, 1 if none arrives within about two seconds.
 */
#include <denali.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define BOOTP_LEN 300
#define UDP_LEN (8 + BOOTP_LEN)
#define IP_LEN (20 + UDP_LEN)
#define FRAME_LEN (14 + IP_LEN)
#define XID 0x44454e41u /* "DENA" */

static uint8_t frame[FRAME_LEN];
static uint8_t rx[1600];

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

static uint16_t ip_checksum(const uint8_t *p, int n)
{
    uint32_t sum = 0;
    for (int i = 0; i < n; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static void build_discover(const uint8_t mac[6])
{
    uint8_t *eth = frame, *ip = eth + 14, *udp = ip + 20, *bootp = udp + 8;
    memset(eth, 0xff, 6);
    memcpy(eth + 6, mac, 6);
    put16(eth + 12, 0x0800);
    ip[0] = 0x45;
    put16(ip + 2, IP_LEN);
    ip[8] = 64;
    ip[9] = 17;                       /* UDP; source 0.0.0.0 */
    memset(ip + 16, 0xff, 4);         /* 255.255.255.255 */
    put16(ip + 10, ip_checksum(ip, 20));
    put16(udp, 68);
    put16(udp + 2, 67);
    put16(udp + 4, UDP_LEN);          /* UDP checksum 0: none, allowed over IPv4 */
    bootp[0] = 1;                     /* BOOTREQUEST */
    bootp[1] = 1;                     /* Ethernet */
    bootp[2] = 6;
    bootp[4] = (uint8_t)(XID >> 24); bootp[5] = (uint8_t)(XID >> 16);
    bootp[6] = (uint8_t)(XID >> 8); bootp[7] = (uint8_t)XID;
    bootp[10] = 0x80;                 /* broadcast the reply */
    memcpy(bootp + 28, mac, 6);
    bootp[236] = 99; bootp[237] = 130; bootp[238] = 83; bootp[239] = 99;   /* magic cookie */
    bootp[240] = 53; bootp[241] = 1; bootp[242] = 1;                       /* DHCPDISCOVER */
    bootp[243] = 255;
}

/* The DHCP message type of a BOOTREPLY to our XID in rx[0..len), or 0. */
static int dhcp_reply_type(uint32_t len, const uint8_t **bootp_out)
{
    if (len < 14 + 20 + 8 + 240 || rx[12] != 0x08 || rx[13] != 0x00)
        return 0;
    const uint8_t *ip = rx + 14;
    int ihl = (ip[0] & 0x0f) * 4;
    const uint8_t *udp = ip + ihl;
    if (ip[9] != 17 || udp[0] != 0 || udp[1] != 67)
        return 0;
    const uint8_t *bootp = udp + 8;
    uint32_t xid = (uint32_t)bootp[4] << 24 | (uint32_t)bootp[5] << 16 | (uint32_t)bootp[6] << 8 | bootp[7];
    if (bootp[0] != 2 || xid != XID)
        return 0;
    for (const uint8_t *o = bootp + 240; o < rx + len && *o != 255; o += (*o == 0) ? 1 : o[1] + 2) {
        if (o[0] == 53)
            { *bootp_out = bootp; return o[2]; }
    }
    return 0;
}

int main(void)
{
    uint8_t mac[6];
    for (int i = 0; i < 6; i++)
        mac[i] = denali_vregs()->nic_mac[i];
    build_discover(mac);
    struct denali_nic_send send = { (uint32_t)frame, sizeof frame, 0 };
    outl(DENALI_PORT_NIC_SEND, (uint32_t)&send);
    if (send.status != DENALI_NIC_OK) {
        printf("send failed: status %u\n", send.status);
        return 2;
    }
    for (int waited_ms = 0; waited_ms < 2000;) {
        struct denali_nic_receive receive = { (uint32_t)rx, sizeof rx, 0 };
        outl(DENALI_PORT_NIC_RECEIVE, (uint32_t)&receive);
        if (receive.len == 0) {
            denali_idle(1000);  /* until the next frame's interrupt, or 1 ms */
            waited_ms++;
            continue;
        }
        const uint8_t *bootp;
        if (dhcp_reply_type(receive.len, &bootp) == 2) {
            printf("DHCPOFFER %u.%u.%u.%u\n", bootp[16], bootp[17], bootp[18], bootp[19]);
            return 0;
        }
    }
    printf("no DHCPOFFER\n");
    return 1;
}
