/*
 * nettest: checks of the network stack's pure parts (checksums, header building and checking, address
 * text) against vectors from RFC 1071, a textbook IPv4 header and a UDP checksum computed independently.
 * The JUnit test (NetGuestTest) reads the final "N passed, M failed" line.
 */
#include <ilwaco/net.h>
#include <stdio.h>
#include <string.h>

static int passed, failed;

static void check(int ok, const char *what, int line)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL nettest.c:%d: %s\n", line, what);
    }
}
#define CHECK(cond) check((cond), #cond, __LINE__)

/* The checksum as the two bytes it is stored as. */
static int stored_as(uint16_t checksum, uint8_t first, uint8_t second)
{
    uint8_t bytes[2];
    memcpy(bytes, &checksum, 2);
    return bytes[0] == first && bytes[1] == second;
}

/* A textbook IPv4 header (192.168.0.1 -> 192.168.0.199, UDP, 0x73 bytes, DF, TTL 64), checksum b861. */
static const uint8_t textbook[20] = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                                     0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};

static void checksums(void)
{
    static const uint8_t rfc1071[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    CHECK(stored_as(net_checksum(rfc1071, sizeof rfc1071), 0x22, 0x0d));
    static const uint8_t odd[] = {0x01, 0x02, 0x03}; /* the last byte is padded with a zero */
    CHECK(stored_as(net_checksum(odd, sizeof odd), 0xfb, 0xfd));
    /* chaining even-length pieces gives the same sum as one call */
    CHECK(net_checksum_finish(net_checksum_add(net_checksum_add(0, rfc1071, 4), rfc1071 + 4, 4))
          == net_checksum(rfc1071, sizeof rfc1071));
    /* a long run of 0xFF bytes must fold correctly, not overflow */
    static uint8_t ones[4000];
    memset(ones, 0xff, sizeof ones);
    CHECK(net_checksum(ones, sizeof ones) == 0);
    CHECK(stored_as(net_checksum("", 0), 0xff, 0xff));

    uint8_t header[20];
    memcpy(header, textbook, 20);
    header[10] = header[11] = 0;
    CHECK(stored_as(net_checksum(header, 20), 0xb8, 0x61));
    CHECK(net_checksum(textbook, 20) == 0); /* a header with its checksum sums to zero */

    /* UDP 10.0.0.2:49152 -> 10.0.0.3:7 "denali": checksum ec95 (computed with Python's struct) */
    uint8_t udp[14] = {0xc0, 0x00, 0x00, 0x07, 0x00, 0x0e, 0x00, 0x00, 'd', 'e', 'n', 'a', 'l', 'i'};
    uint16_t sum = udp_checksum(IP4_ADDR(10, 0, 0, 2), IP4_ADDR(10, 0, 0, 3), udp, sizeof udp);
    CHECK(stored_as(sum, 0xec, 0x95));
    memcpy(udp + 6, &sum, 2);
    CHECK(udp_checksum(IP4_ADDR(10, 0, 0, 2), IP4_ADDR(10, 0, 0, 3), udp, sizeof udp) == 0xFFFF);
    /* odd-length UDP payload: verifying the filled-in checksum still gives the all-ones sum */
    uint8_t odd_udp[9] = {0x00, 0x07, 0x00, 0x07, 0x00, 0x09, 0x00, 0x00, 'x'};
    sum = udp_checksum(IP4_ADDR(1, 2, 3, 4), IP4_ADDR(5, 6, 7, 8), odd_udp, sizeof odd_udp);
    memcpy(odd_udp + 6, &sum, 2);
    CHECK(udp_checksum(IP4_ADDR(1, 2, 3, 4), IP4_ADDR(5, 6, 7, 8), odd_udp, sizeof odd_udp) == 0xFFFF);
}

static void headers(void)
{
    struct ip4_header built;
    ip4_build_header(&built, IP4_ADDR(192, 168, 0, 1), IP4_ADDR(192, 168, 0, 199), IP4_PROTO_UDP, 0x73 - 20, 0);
    CHECK(memcmp(&built, textbook, 20) == 0);
    CHECK(ip4_check(textbook, 0x73) == IP4_OK);
    CHECK(ip4_check(textbook, 0x73 + 18) == IP4_OK); /* Ethernet padding after the packet */
    CHECK(ip4_check(textbook, 0x72) == IP4_TRUNCATED);
    CHECK(ip4_check(textbook, 19) == IP4_TRUNCATED);

    uint8_t packet[0x73] = {0};
    memcpy(packet, textbook, 20);
    packet[15] ^= 1; /* source address changed, checksum not */
    CHECK(ip4_check(packet, sizeof packet) == IP4_BAD_CHECKSUM);
    memcpy(packet, textbook, 20);
    packet[0] = 0x65; /* version 6 */
    CHECK(ip4_check(packet, sizeof packet) == IP4_BAD_VERSION);
    packet[0] = 0x44; /* header shorter than 20 bytes */
    CHECK(ip4_check(packet, sizeof packet) == IP4_BAD_VERSION);

    struct ip4_header *ip = (struct ip4_header *)packet;
    ip4_build_header(ip, IP4_ADDR(10, 0, 0, 2), IP4_ADDR(10, 0, 0, 3), IP4_PROTO_ICMP, 0x73 - 20, 9);
    CHECK(ip4_check(packet, sizeof packet) == IP4_OK);
    CHECK(ip->id == net_htons(9) && ip->ttl == 64 && ip->protocol == IP4_PROTO_ICMP);
    ip->flags_fragment = net_htons(0x2000); /* MF: a first fragment */
    ip->checksum = 0;
    ip->checksum = net_checksum(ip, 20);
    CHECK(ip4_check(packet, sizeof packet) == IP4_FRAGMENT);
    ip->flags_fragment = net_htons(0x0010); /* a later fragment (offset 128 bytes) */
    ip->checksum = 0;
    ip->checksum = net_checksum(ip, 20);
    CHECK(ip4_check(packet, sizeof packet) == IP4_FRAGMENT);
}

static void addresses(void)
{
    char text[16];
    CHECK(strcmp(ip4_format(IP4_ADDR(10, 0, 0, 2), text), "10.0.0.2") == 0);
    CHECK(strcmp(ip4_format(IP4_ADDR(255, 255, 255, 255), text), "255.255.255.255") == 0);
    ip4_addr_t a = 0;
    CHECK(ip4_parse("192.168.0.199", &a) == 0 && a == IP4_ADDR(192, 168, 0, 199));
    CHECK(memcmp(&a, textbook + 16, 4) == 0); /* network order in memory */
    CHECK(ip4_parse("256.1.1.1", &a) == -EINVAL);
    CHECK(ip4_parse("1.2.3", &a) == -EINVAL);
    CHECK(ip4_parse("1.2.3.4.", &a) == -EINVAL);
    CHECK(ip4_parse("1..3.4", &a) == -EINVAL);
    CHECK(ip4_parse("0001.2.3.4", &a) == -EINVAL);
    CHECK(ip4_parse("", &a) == -EINVAL);
    uint16_t port = net_htons(0x1234);
    CHECK(((uint8_t *)&port)[0] == 0x12 && net_ntohs(port) == 0x1234);
    CHECK(net_ntohl(net_htonl(0x01020304)) == 0x01020304 && net_htonl(1) == IP4_ADDR(0, 0, 0, 1));
}

/* This machine has no address configured (NIC_IPV4 = 0): the stack refuses to start rather than guess. */
static void unconfigured(void)
{
    CHECK(net_address() == 0);
    CHECK(net_init() == -ENETDOWN);
    CHECK(udp_bind(7) == -ENETDOWN);
    CHECK(ip4_send(IP4_ADDR(10, 0, 0, 1), IP4_PROTO_UDP, "x", 1) == -ENETDOWN);
}

int main(void)
{
    checksums();
    headers();
    addresses();
    unconfigured();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
