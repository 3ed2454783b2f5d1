/*
 * loadgen: the paper's load generator (a "modified httperf that spreads requests over a chosen number of
 * VMs following a Zipf distribution"), as a Denali guest. It issues HTTP/1.1 GETs to the httpd VMs on
 * its virtual LAN and reports throughput and latency percentiles on the console.
 *
 * - Servers: httpd VMs at consecutive addresses from LOADGEN_FIRST_HOST of our own subnet (10.0.0.10,
 *   .11, ... in loadgen.denali), found by connecting to port 80 until an address does not answer
 *   (LOADGEN_SERVERS > 0 fixes the count instead).
 * - Each request picks its server by Zipf(LOADGEN_ALPHA) over the servers (server 0 the most popular)
 *   and its document /doc/K by Zipf(LOADGEN_ALPHA) over httpd's LOADGEN_DOCUMENTS documents, and checks
 *   the answer: status 200, the size httpd gives /doc/K, and its first line.
 * - LOADGEN_CLIENTS threads (clients=N, up to LOADGEN_MAX_CLIENTS) issue requests concurrently until LOADGEN_REQUESTS have completed or
 *   LOADGEN_DURATION_S seconds have passed; each keeps a persistent connection per server.
 * Every parameter is a macro: override it in denali.properties, e.g. cflags=-DLOADGEN_REQUESTS=5000. At run
 * time, boot arguments (ilwaco/bootargs.h) override them: first=A.B.C.D servers=N port=P alpha=MILLI
 * documents=N min=BYTES max=BYTES requests=N duration=S; `denali run FILE.denali` types a workload's
 * parameters this way (its targets' first address and count, Zipf alpha, documents, request sizes, duration).
 * Latencies are measured on the guest clock (SYSTEM_TIME_US): wall time in real-time runs, virtual time
 * under `clock deterministic`.
 */
#include <ilwaco/bootargs.h>
#include <ilwaco/dhcp.h>
#include <ilwaco/net.h>
#include <ilwaco/socket.h>
#include <ilwaco/thread.h>
#include <ilwaco/timer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zipf.h"

#ifndef LOADGEN_FIRST_HOST
#define LOADGEN_FIRST_HOST 10      /* the first server is host 10 of our subnet */
#endif
#ifndef LOADGEN_SERVERS
#define LOADGEN_SERVERS 0          /* 0: discover */
#endif
#ifndef LOADGEN_MAX_SERVERS
#define LOADGEN_MAX_SERVERS 64
#endif
#ifndef LOADGEN_PORT
#define LOADGEN_PORT 80
#endif
#ifndef LOADGEN_CLIENTS
#define LOADGEN_CLIENTS 4
#endif
#ifndef LOADGEN_MAX_CLIENTS
#define LOADGEN_MAX_CLIENTS 32     /* clients=N may ask for up to this many threads */
#endif
#ifndef LOADGEN_REQUESTS
#define LOADGEN_REQUESTS 1000
#endif
#ifndef LOADGEN_DURATION_S
#define LOADGEN_DURATION_S 60
#endif
#ifndef LOADGEN_ALPHA
#define LOADGEN_ALPHA 1000         /* Zipf alpha in thousandths: 1000 = 1.0 */
#endif
#ifndef LOADGEN_DOCUMENTS
#define LOADGEN_DOCUMENTS 100      /* httpd's /doc/0 .. /doc/99 */
#endif
#ifndef LOADGEN_SEED
#define LOADGEN_SEED 1
#endif

#define RESPONSE_BUFFER 4096
#define DISCOVERY_WAIT_US 30000000u /* how long a server may take to start listening */

/* The run's parameters: the LOADGEN_* macros, overridden by boot arguments (read_settings). */
static struct {
    ip4_addr_t first;           /* the first server; 0 = host LOADGEN_FIRST_HOST of our subnet */
    uint32_t servers, port, alpha, documents, min, max, requests, duration_s, clients;
} settings = {0, LOADGEN_SERVERS, LOADGEN_PORT, LOADGEN_ALPHA, LOADGEN_DOCUMENTS, 1024u, 16u * 1024u,
              LOADGEN_REQUESTS, LOADGEN_DURATION_S, LOADGEN_CLIENTS};

static ip4_addr_t servers[LOADGEN_MAX_SERVERS];
static uint32_t server_count;
static struct zipf server_popularity, document_popularity;

static uint32_t *latencies_us;     /* one per completed request */
static uint32_t next_request, completed;
static uint64_t deadline_us;

static struct {
    uint32_t per_server[LOADGEN_MAX_SERVERS];
    uint32_t connects, connect_failures, http_errors, bad_bodies, broken_connections;
    uint32_t connect_errno[128];    /* connect failures by errno: why they failed, not only how many */
    uint64_t body_bytes;
} totals;

/* Size of httpd's /doc/K (examples/httpd/docs.c, docs_zipf_size, with the same min and max): checked against
   Content-Length. */
static uint32_t document_size(uint32_t k)
{
    uint32_t steps = (settings.max - settings.min) / 256u;
    return settings.min + (k * 7919u % (steps + 1)) * 256u;
}

/* Boot arguments over the macros; -1 after printing why if they are malformed. */
static int read_settings(void)
{
    if (bootargs_load() < 0) {
        printf("loadgen: %s\n", bootargs_error());
        return -1;
    }
    const char *first = bootargs_get("first");
    if (first && ip4_parse(first, &settings.first) < 0) {
        printf("loadgen: first=%s is not an IPv4 address\n", first);
        return -1;
    }
    settings.servers = bootargs_u32("servers", settings.servers);
    settings.port = bootargs_u32("port", settings.port);
    settings.alpha = bootargs_u32("alpha", settings.alpha);
    settings.documents = bootargs_u32("documents", settings.documents);
    settings.min = bootargs_u32("min", settings.min);
    settings.max = bootargs_u32("max", settings.max);
    settings.requests = bootargs_u32("requests", settings.requests);
    settings.duration_s = bootargs_u32("duration", settings.duration_s);
    settings.clients = bootargs_u32("clients", settings.clients);
    if (bootargs_error()[0]) {
        printf("loadgen: %s\n", bootargs_error());
        return -1;
    }
    if (settings.servers > LOADGEN_MAX_SERVERS || settings.port < 1 || settings.port > 65535 || settings.alpha == 0
            || settings.documents == 0 || settings.requests == 0 || settings.min > settings.max
            || settings.clients < 1 || settings.clients > LOADGEN_MAX_CLIENTS) {
        printf("loadgen: bad settings: servers<=%d, port 1..65535, alpha, documents, requests > 0, min <= max,"
               " clients 1..%d\n", LOADGEN_MAX_SERVERS, LOADGEN_MAX_CLIENTS);
        return -1;
    }
    return 0;
}

static int connect_to(ip4_addr_t address, int *error)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        *error = errno;
        return -1;
    }
    struct timeval limit = {5, 0}; /* bound SYN retransmissions */
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    struct sockaddr_in to;
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons((uint16_t)settings.port);
    to.sin_addr.s_addr = address;
    if (connect(fd, (struct sockaddr *)&to, sizeof to) < 0) {
        *error = errno;
        close(fd);
        return -1;
    }
    return fd;
}

/* Finds the servers: consecutive addresses that accept a connection on LOADGEN_PORT. */
static void discover_servers(void)
{
    ip4_addr_t first = settings.first ? settings.first
                                      : (net_address() & net_netmask()) | net_htonl(LOADGEN_FIRST_HOST);
    uint32_t wanted = settings.servers ? settings.servers : LOADGEN_MAX_SERVERS;
    for (uint32_t i = 0; i < wanted && i < LOADGEN_MAX_SERVERS; i++) {
        ip4_addr_t candidate = net_htonl(net_ntohl(first) + i);
        if (candidate == net_address()) {
            break;
        }
        uint64_t give_up = ilwaco_now_us() + DISCOVERY_WAIT_US;
        int unreachable = 0, fd = -1, error = 0;
        /* Refused: the VM is up but httpd still generates its documents. Unreachable (no ARP answer): the
           first server (or a fixed count) may still be booting, so keep trying until give_up; after the
           first, two misses in a row mean nobody is there. */
        while ((fd = connect_to(candidate, &error)) < 0 && ilwaco_now_us() < give_up) {
            if (error == EHOSTUNREACH && ++unreachable >= 2 && i > 0 && !settings.servers) {
                break;
            }
            thread_sleep_us(100000);
        }
        if (fd < 0) {
            break;
        }
        close(fd);
        servers[server_count++] = candidate;
    }
}

struct client {
    int id;
    uint64_t random;
    int fds[LOADGEN_MAX_SERVERS];
    char buffer[RESPONSE_BUFFER];
};

/* Reads one response to GET /doc/k. Returns 1 if it was right, 0 if wrong (counted), -1 if the connection
   broke before a status line arrived (the caller may retry on a fresh connection). */
static int read_response(struct client *c, int fd, uint32_t k, int *keep)
{
    size_t have = 0, head = 0;
    while (!head) {
        if (have == sizeof c->buffer) {
            totals.http_errors++;
            return 0;
        }
        ssize_t n = recv(fd, c->buffer + have, sizeof c->buffer - have, 0);
        if (n <= 0) {
            return have == 0 ? -1 : (totals.broken_connections++, 0);
        }
        have += (size_t)n;
        for (size_t i = 3; i < have && !head; i++) {
            if (memcmp(c->buffer + i - 3, "\r\n\r\n", 4) == 0) {
                head = i + 1;
            }
        }
    }
    c->buffer[head - 1] = '\0';
    int status = strncmp(c->buffer, "HTTP/1.1 ", 9) == 0 ? atoi(c->buffer + 9) : 0;
    const char *length_field = strstr(c->buffer, "\r\nContent-Length: ");
    uint32_t length = length_field ? (uint32_t)strtoul(length_field + 18, 0, 10) : 0;
    *keep = strstr(c->buffer, "\r\nConnection: close") == 0;
    /* the body: what came with the head, then the rest */
    char first_line[33];
    snprintf(first_line, sizeof first_line, "doc %5u at %11u ......\n", k, 0u);
    size_t in_buffer = have - head;
    int first_ok = in_buffer >= 32 ? memcmp(c->buffer + head, first_line, 32) == 0 : -1;
    uint32_t received = (uint32_t)in_buffer;
    while (received < length) {
        ssize_t n = recv(fd, c->buffer, sizeof c->buffer, 0);
        if (n <= 0) {
            totals.broken_connections++;
            *keep = 0;
            return 0;
        }
        if (first_ok < 0) {
            first_ok = memcmp(c->buffer, first_line + received, 32 - received) == 0; /* head/body split oddly */
        }
        received += (uint32_t)n;
    }
    totals.body_bytes += received;
    if (status != 200) {
        totals.http_errors++;
        return 0;
    }
    if (received != length || length != document_size(k) || first_ok != 1) {
        totals.bad_bodies++;
        return 0;
    }
    return 1;
}

/* One GET of /doc/k from server s over the client's persistent connection (reconnecting once if the
   server had closed it). Returns 1 on a correct answer. */
static int fetch(struct client *c, uint32_t s, uint32_t k)
{
    char request[128], host[16];
    int length = snprintf(request, sizeof request, "GET /doc/%u HTTP/1.1\r\nHost: %s\r\nUser-Agent: ilwaco-loadgen\r\n\r\n",
                          k, ip4_format(servers[s], host));
    for (int attempt = 0; attempt < 2; attempt++) {
        int reused = c->fds[s] >= 0;
        if (!reused) {
            int error;
            c->fds[s] = connect_to(servers[s], &error);
            if (c->fds[s] < 0 && error == EMFILE) {
                /* out of sockets (SOCKET_MAX): give up this client's other persistent connections */
                for (uint32_t other = 0; other < server_count; other++) {
                    if (c->fds[other] >= 0) {
                        close(c->fds[other]);
                        c->fds[other] = -1;
                    }
                }
                c->fds[s] = connect_to(servers[s], &error);
            }
            if (c->fds[s] < 0) {
                totals.connect_failures++;
                totals.connect_errno[error > 0 && error < 128 ? error : 0]++;
                return 0;
            }
            totals.connects++;
        }
        int keep = 1, result = -1;
        if (send(c->fds[s], request, (size_t)length, MSG_NOSIGNAL) == length) {
            result = read_response(c, c->fds[s], k, &keep);
        }
        if (result < 0 || !keep) {
            close(c->fds[s]);
            c->fds[s] = -1;
        }
        if (result >= 0) {
            return result;
        }
        if (!reused) {
            totals.broken_connections++;
            return 0;
        }
        /* the server closed an idle persistent connection: one retry on a new one */
    }
    return 0;
}

/* Ends a persistent connection completely before the VM may terminate: our FIN, then the server's FIN
   (recv returns 0), which our stack acknowledges on arrival. Closing and exiting at once would leave the
   server retransmitting its FIN to a VM that is gone, keeping its VM alive for minutes. */
static void finish_connection(struct client *c, int fd)
{
    shutdown(fd, SHUT_WR);
    struct timeval limit = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    while (recv(fd, c->buffer, sizeof c->buffer, 0) > 0) {
    }
    close(fd);
}

static void *client_thread(void *arg)
{
    struct client *c = arg;
    for (;;) {
        if (next_request >= settings.requests || ilwaco_now_us() >= deadline_us) {
            break;
        }
        uint32_t index = next_request++;
        uint32_t s = zipf_rank(&server_popularity, zipf_random(&c->random));
        uint32_t k = zipf_rank(&document_popularity, zipf_random(&c->random));
        uint64_t started = ilwaco_now_us();
        fetch(c, s, k);
        latencies_us[index] = (uint32_t)(ilwaco_now_us() - started);
        totals.per_server[s]++;
        completed++;
    }
    for (uint32_t s = 0; s < server_count; s++) {
        if (c->fds[s] >= 0) {
            finish_connection(c, c->fds[s]);
        }
    }
    return 0;
}

static int ascending(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static uint32_t percentile(const uint32_t *sorted, uint32_t n, uint32_t p)
{
    uint32_t index = (n * p + 99) / 100; /* nearest rank */
    return sorted[index ? index - 1 : 0];
}

static void report(uint64_t elapsed_us)
{
    uint32_t n = completed;
    uint32_t errors = totals.connect_failures + totals.http_errors + totals.bad_bodies + totals.broken_connections;
    uint64_t rate_tenths = elapsed_us ? (uint64_t)n * 10000000u / elapsed_us : 0;
    uint64_t kib_per_s = elapsed_us ? totals.body_bytes * 1000000u / 1024u / elapsed_us : 0;
    printf("loadgen: done: %u requests in %u.%03u s: %u.%u requests/s, %u KiB/s, %u errors\n", n,
           (uint32_t)(elapsed_us / 1000000u), (uint32_t)(elapsed_us / 1000u % 1000u), (uint32_t)(rate_tenths / 10),
           (uint32_t)(rate_tenths % 10), (uint32_t)kib_per_s, errors);
    if (n > 0) {
        qsort(latencies_us, n, sizeof latencies_us[0], ascending);
        printf("loadgen: latency us: p50 %u p90 %u p99 %u max %u\n", percentile(latencies_us, n, 50),
               percentile(latencies_us, n, 90), percentile(latencies_us, n, 99), latencies_us[n - 1]);
    }
    printf("loadgen: errors: %u connect, %u http, %u body, %u broken; %u connections opened\n",
           totals.connect_failures, totals.http_errors, totals.bad_bodies, totals.broken_connections, totals.connects);
    for (int e = 0; e < 128; e++) {
        if (totals.connect_errno[e]) {
            printf("loadgen: connect failed %u times with errno %d\n", totals.connect_errno[e], e);
        }
    }
    /* The same numbers for the host: `denali run FILE.denali` reads this line from a workload's generator and
       prints the deployment's summary from it (org.denali.emulator.assembly.WorkloadReport). */
    printf("workload: requests=%u errors=%u elapsed_us=%u", n, errors, (uint32_t)elapsed_us);
    if (n > 0) {
        printf(" p50_us=%u p90_us=%u p99_us=%u max_us=%u", percentile(latencies_us, n, 50),
               percentile(latencies_us, n, 90), percentile(latencies_us, n, 99), latencies_us[n - 1]);
    }
    printf(" per_server=");
    for (uint32_t s = 0; s < server_count; s++) {
        printf(s ? ",%u" : "%u", totals.per_server[s]);
    }
    printf("\n");
    char address[16];
    for (uint32_t s = 0; s < server_count; s++) {
        printf("loadgen: server %u %s: %u requests (Zipf share %u.%u%%)\n", s, ip4_format(servers[s], address),
               totals.per_server[s], zipf_ppm(&server_popularity, s) / 10000, zipf_ppm(&server_popularity, s) / 1000 % 10);
    }
}

int main(void)
{
    if (read_settings() < 0) {
        return 1;
    }
    if (net_init() < 0) {
        printf("loadgen: no network: %s\n", dhcp_error()[0] ? dhcp_error() : "net_init failed");
        return 1;
    }
    char address[16], first_text[16];
    ip4_addr_t first = settings.first ? settings.first
                                      : (net_address() & net_netmask()) | net_htonl(LOADGEN_FIRST_HOST);
    printf("loadgen: %s looking for httpd servers from %s\n", ip4_format(net_address(), address),
           ip4_format(first, first_text));
    discover_servers();
    if (server_count == 0) {
        printf("loadgen: no server answers on port %u at %s\n", settings.port, ip4_format(first, address));
        return 1;
    }
    latencies_us = malloc(settings.requests * sizeof latencies_us[0]);
    if (!latencies_us || zipf_init(&server_popularity, server_count, settings.alpha) < 0
            || zipf_init(&document_popularity, settings.documents, settings.alpha) < 0) {
        printf("loadgen: out of memory\n");
        return 1;
    }
    printf("loadgen: %u servers, %u clients, %u requests (at most %u s), Zipf alpha %u.%03u over servers and %u documents"
           " of %u..%u bytes\n", server_count, settings.clients, settings.requests, settings.duration_s,
           settings.alpha / 1000, settings.alpha % 1000, settings.documents, settings.min, settings.max);
    static struct client clients[LOADGEN_MAX_CLIENTS];
    thread_t threads[LOADGEN_MAX_CLIENTS];
    uint64_t started = ilwaco_now_us();
    deadline_us = started + (uint64_t)settings.duration_s * 1000000u;
    for (int i = 0; i < (int)settings.clients; i++) {
        clients[i].id = i;
        clients[i].random = (uint64_t)LOADGEN_SEED * 0x9E3779B97F4A7C15ull + (uint64_t)(i + 1);
        for (int s = 0; s < LOADGEN_MAX_SERVERS; s++) {
            clients[i].fds[s] = -1;
        }
        threads[i] = thread_create(client_thread, &clients[i]);
    }
    for (int i = 0; i < (int)settings.clients; i++) {
        if (threads[i]) {
            thread_join(threads[i], 0);
        }
    }
    report(ilwaco_now_us() - started);
    uint32_t errors = totals.connect_failures + totals.http_errors + totals.bad_bodies + totals.broken_connections;
    return completed > 0 && errors == 0 ? 0 : 2;
}
