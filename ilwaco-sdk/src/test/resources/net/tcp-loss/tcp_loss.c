/*
 * tcp-loss: two VMs on a LAN that loses frames (TcpRetransmissionTest installs an EthernetSwitch drop policy).
 * The VM at 10.0.0.3 is a sink on port 9: per connection it reads to the end of stream, answers with
 * "<count> <sum>" and closes. The VM at 10.0.0.2
 *   1. connects and sends one 1000-byte segment, whose first three transmissions the LAN drops: it waits for
 *      the acknowledgement and prints how long that took, the timeouts and the RTO (200, 400, 800 ms backoff);
 *   2. sends 256 KB over a LAN that then drops about one frame in twenty in both directions, and checks the
 *      sink's count and sum;
 *   3. prints the stacks' counters and "client: done".
 */
#include <ilwaco/socket.h>
#include <ilwaco/thread.h>
#include <ilwaco/timer.h>
#include <stdio.h>
#include <string.h>

#define CLIENT IP4_ADDR(10, 0, 0, 2)
#define SERVER IP4_ADDR(10, 0, 0, 3)
#define SINK_PORT 9
#define BULK (256u * 1024u)

static uint8_t pattern(uint32_t i)
{
    return (uint8_t)(i * 2654435761u >> 11);
}

static int send_all(int fd, const void *data, size_t length)
{
    const char *p = data;
    while (length) {
        int n = send(fd, p, length, 0);
        if (n <= 0) {
            return -1;
        }
        p += n;
        length -= (size_t)n;
    }
    return 0;
}

static void print_stats(const char *who)
{
    struct tcp_stats s;
    tcp_get_stats(&s);
    printf("%s: stats retransmissions %u timeouts %u fast_retransmits %u out_of_order %u bad_checksums %u\n", who,
           s.retransmissions, s.timeouts, s.fast_retransmits, s.out_of_order, s.bad_checksums);
}

static int sink(void)
{
    int server = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in local = {AF_INET, htons(SINK_PORT), {INADDR_ANY}, {0}};
    if (server < 0 || bind(server, (struct sockaddr *)&local, sizeof local) < 0 || listen(server, 4) < 0) {
        printf("server: cannot listen (errno %d)\n", errno);
        return 1;
    }
    for (int connection = 0; connection < 2; connection++) {
        int fd = accept(server, 0, 0);
        if (fd < 0) {
            printf("server: accept failed (errno %d)\n", errno);
            return 1;
        }
        static char buffer[4096];
        uint32_t count = 0, sum = 0;
        int n;
        while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0) {
            for (int i = 0; i < n; i++) {
                sum += (uint8_t)buffer[i];
            }
            count += (uint32_t)n;
        }
        char answer[32];
        int length = snprintf(answer, sizeof answer, "%u %u", count, sum);
        if (n < 0 || send_all(fd, answer, (size_t)length) < 0) {
            printf("server: connection %d failed (errno %d)\n", connection, errno);
        }
        close(fd);
    }
    print_stats("server");
    thread_sleep_us(5000000); /* stay up while a lost FIN of ours may still need retransmitting */
    return 0;
}

static int dial(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in server = {AF_INET, htons(SINK_PORT), {SERVER}, {0}};
    if (fd >= 0 && connect(fd, (struct sockaddr *)&server, sizeof server) < 0) {
        printf("client: connect failed (errno %d)\n", errno);
        close(fd);
        return -1;
    }
    return fd;
}

/* Half-closes, reads "<count> <sum>" and compares. */
static int finish(int fd, uint32_t count, uint32_t sum)
{
    char answer[32] = {0}, expected[32];
    shutdown(fd, SHUT_WR);
    int n = recv(fd, answer, sizeof answer - 1, MSG_WAITALL);
    snprintf(expected, sizeof expected, "%u %u", count, sum);
    close(fd);
    printf("client: sink counted '%s', expected '%s'\n", n > 0 ? answer : "(nothing)", expected);
    return n > 0 && strcmp(answer, expected) == 0 ? 0 : -1;
}

static int client(void)
{
    /* 1. One segment, lost three times. */
    int fd = dial();
    if (fd < 0) {
        return 1;
    }
    static char data[4096];
    uint32_t sum = 0;
    for (uint32_t i = 0; i < 1000; i++) {
        data[i] = (char)pattern(i);
        sum += (uint8_t)data[i];
    }
    struct tcp_stats before, after;
    tcp_get_stats(&before);
    uint64_t start = ilwaco_now_us();
    send_all(fd, data, 1000);
    struct tcp_connection_info info;
    uint32_t highest_rto = 0;
    do {
        thread_sleep_us(5000);
        tcp_connection_info(fd, &info);
        highest_rto = info.rto_us > highest_rto ? info.rto_us : highest_rto;
    } while (info.unacknowledged > 0 && ilwaco_now_us() - start < 30000000u);
    uint64_t elapsed = ilwaco_now_us() - start;
    tcp_get_stats(&after);
    printf("client: first segment acknowledged after %u ms, %u timeouts, highest rto %u ms, rto now %u ms\n",
           (unsigned)(elapsed / 1000), after.timeouts - before.timeouts, highest_rto / 1000, info.rto_us / 1000);
    if (finish(fd, 1000, sum) < 0) {
        return 1;
    }

    /* 2. Bulk over a lossy LAN. */
    fd = dial();
    if (fd < 0) {
        return 1;
    }
    sum = 0;
    start = ilwaco_now_us();
    for (uint32_t done = 0; done < BULK; done += sizeof data) {
        for (uint32_t i = 0; i < sizeof data; i++) {
            data[i] = (char)pattern(done + i);
            sum += (uint8_t)data[i];
        }
        if (send_all(fd, data, sizeof data) < 0) {
            printf("client: bulk send failed (errno %d)\n", errno);
            return 1;
        }
    }
    int ok = finish(fd, BULK, sum) == 0;
    printf("client: bulk %s in %u ms\n", ok ? "intact" : "CORRUPT", (unsigned)((ilwaco_now_us() - start) / 1000));
    print_stats("client");
    printf("client: done\n");
    return ok ? 0 : 1;
}

int main(void)
{
    if (net_init() < 0) {
        printf("tcp-loss: no static address\n");
        return 1;
    }
    return net_address() == SERVER ? sink() : client();
}
