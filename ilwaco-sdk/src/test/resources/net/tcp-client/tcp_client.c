/*
 * tcp-client: the guest as a TCP client of a server on the host, through passt. TcpClientPasstTest writes
 * target.h (SERVER_IP: the address passt maps to the host, SERVER_PORT: its java.net.ServerSocket,
 * CLOSED_PORT: a port nobody listens on) and checks what both sides saw. The guest
 *   1. connects to CLOSED_PORT and expects ECONNREFUSED (passt's connect fails, it resets ours);
 *   2. connects to SERVER_PORT, sends a greeting line and prints the server's answer line;
 *   3. sends UPLOAD bytes of pattern and prints the server's count and sum, compared with its own;
 *   4. receives the server's DOWNLOAD bytes of pattern up to the end of stream and checks them;
 *   5. closes and prints "client: done".
 */
#include <ilwaco/socket.h>
#include <stdio.h>
#include <string.h>

#include "target.h"

#define UPLOAD (256u * 1024u)
#define DOWNLOAD (256u * 1024u)

static uint8_t pattern(uint32_t i)
{
    return (uint8_t)(i * 131u + (i >> 9));
}

/* One line (without its newline) into `line`; its length, or -1. */
static int read_line(int fd, char *line, int capacity)
{
    int n = 0;
    while (n < capacity - 1) {
        char c;
        if (recv(fd, &c, 1, 0) != 1) {
            return -1;
        }
        if (c == '\n') {
            break;
        }
        line[n++] = c;
    }
    line[n] = 0;
    return n;
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

static int dial(uint16_t port)
{
    struct sockaddr_in server;
    memset(&server, 0, sizeof server);
    server.sin_family = AF_INET;
    server.sin_port = htons(port);
    if (inet_pton(AF_INET, SERVER_IP, &server.sin_addr) != 1) {
        printf("client: bad SERVER_IP %s\n", SERVER_IP);
        return -1;
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return -1;
    }
    if (connect(fd, (struct sockaddr *)&server, sizeof server) < 0) {
        int error = errno;
        close(fd);
        errno = error;
        return -1;
    }
    return fd;
}

int main(void)
{
    int refused = dial(CLOSED_PORT);
    printf("client: port %d: %s\n", CLOSED_PORT,
           refused < 0 && errno == ECONNREFUSED ? "connection refused" : "unexpected result");

    int fd = dial(SERVER_PORT);
    if (fd < 0) {
        printf("client: connect to %s:%d failed (errno %d)\n", SERVER_IP, SERVER_PORT, errno);
        return 1;
    }
    char line[128];
    const char *greeting = "hello from the guest\n";
    if (send_all(fd, greeting, strlen(greeting)) < 0 || read_line(fd, line, sizeof line) < 0) {
        printf("client: greeting failed (errno %d)\n", errno);
        return 1;
    }
    printf("client: server says '%s'\n", line);

    static char chunk[4096];
    uint32_t sum = 0;
    for (uint32_t done = 0; done < UPLOAD; done += sizeof chunk) {
        for (uint32_t i = 0; i < sizeof chunk; i++) {
            chunk[i] = (char)pattern(done + i);
            sum += (uint8_t)chunk[i];
        }
        if (send_all(fd, chunk, sizeof chunk) < 0) {
            printf("client: upload failed (errno %d)\n", errno);
            return 1;
        }
    }
    char expected[64];
    snprintf(expected, sizeof expected, "got %u bytes sum %u", UPLOAD, sum);
    if (read_line(fd, line, sizeof line) < 0) {
        printf("client: no upload answer (errno %d)\n", errno);
        return 1;
    }
    printf("client: server says '%s' (%s)\n", line, strcmp(line, expected) == 0 ? "matches" : "MISMATCH");

    uint32_t received = 0, bad = 0;
    for (;;) {
        int n = recv(fd, chunk, sizeof chunk, 0);
        if (n < 0) {
            printf("client: download failed (errno %d)\n", errno);
            return 1;
        }
        if (n == 0) {
            break;
        }
        for (int i = 0; i < n; i++) {
            bad += (uint8_t)chunk[i] != pattern(received + (uint32_t)i);
        }
        received += (uint32_t)n;
    }
    printf("client: received %u bytes, %u wrong, then end of stream\n", received, bad);
    close(fd);
    struct tcp_stats stats;
    tcp_get_stats(&stats);
    printf("client: %u bad checksums\n", stats.bad_checksums);
    printf("client: done\n");
    return received == DOWNLOAD && bad == 0 && strcmp(line, expected) == 0 ? 0 : 1;
}
