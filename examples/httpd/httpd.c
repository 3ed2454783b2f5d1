/*
 * httpd: an HTTP/1.1 static web server for Denali (the paper's "home-grown web server serving static
 * content out of memory"), on Ilwaco's TCP and BSD-style sockets.
 *
 * - GET and HEAD of the documents in docs.h (generated in memory, plus the files of a read-only virtual
 *   disk holding a ustar archive); 404 for unknown paths, 405 for other methods, 400 for malformed
 *   requests, 505 for HTTP versions other than 1.0/1.1, 431 for heads over REQUEST_MAX bytes.
 * - Persistent connections: HTTP/1.1 keeps the connection unless "Connection: close", HTTP/1.0 only with
 *   "Connection: keep-alive"; pipelined requests are answered in order. An idle connection is closed
 *   after IDLE_TIMEOUT_S seconds.
 * - A pool of MAX_CONNECTIONS worker threads, one connection each at a time (created once: cooperative
 *   threads must be joined, so short-lived ones per connection would need a reaper); further clients wait
 *   in the listen backlog until a worker is free.
 * - The address comes from `denali run --ip` or from DHCP (e.g. passt's with `--net passt:8080:80`).
 * - Keyboard (stdin of `denali run`): 's' prints statistics, 'v' toggles a log line per request, 'q'
 *   prints statistics and stops the server.
 */
#include <ilwaco/dhcp.h>
#include <ilwaco/disk.h>
#include <ilwaco/bootargs.h>
#include <ilwaco/keyboard.h>
#include <ilwaco/net.h>
#include <ilwaco/socket.h>
#include <ilwaco/thread.h>
#include <ilwaco/timer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"
#include "http.h"

#define HTTP_PORT 80
#define MAX_CONNECTIONS 32
#define REQUEST_MAX 4096
#define IDLE_TIMEOUT_S 15
#define WORKER_STACK (16u * 1024u)
#define LINGER_S 2
#define LINGER_MAX_BYTES (64u * 1024u)

struct connection {
    int fd;
    char peer[24];
    char request[REQUEST_MAX];
    size_t buffered;
    uint8_t *block; /* disk documents pass through here: one of disk_buffers */
    char out[TCP_MSS]; /* a response head and as much of the body as fits into the same segment */
};

/* DISK_SUBMIT wants 4 KiB-aligned buffers, which malloc does not promise: one per worker, statically. */
static uint8_t disk_buffers[MAX_CONNECTIONS][DISK_BLOCK_SIZE] __attribute__((aligned(DISK_BLOCK_SIZE)));

static struct {
    uint32_t connections, requests, bytes_sent, errors_4xx_5xx, active, max_active, disk_errors;
} stats;
static int verbose;

/* The hand-over from the accepting thread to an idle worker. */
static mutex_t pool_lock = MUTEX_INITIALIZER;
static cond_t work_ready = COND_INITIALIZER, worker_idle = COND_INITIALIZER;
static int idle_workers;
static int handed_fd = -1;
static struct sockaddr_in handed_peer;

static void print_stats(void)
{
    printf("httpd: %u connections (%u open, at most %u at once), %u requests, %u error answers, %u bytes sent\n",
           stats.connections, stats.active, stats.max_active, stats.requests, stats.errors_4xx_5xx, stats.bytes_sent);
}

/* send() until everything is queued; -1 if the connection broke. */
static int send_all(int fd, const void *data, size_t length)
{
    const uint8_t *p = data;
    while (length > 0) {
        ssize_t n = send(fd, p, length, MSG_NOSIGNAL);
        if (n < 0) {
            return -1;
        }
        p += n;
        length -= (size_t)n;
        stats.bytes_sent += (uint32_t)n;
    }
    return 0;
}

static int send_error(struct connection *c, int status, int keep_alive)
{
    char body[96];
    int body_length = snprintf(body, sizeof body, "%d %s\n", status, http_reason(status));
    int head_length = http_format_head(c->out, sizeof c->out, status, "text/plain; charset=utf-8",
                                       (uint32_t)body_length, keep_alive, status == 405 ? "Allow: GET, HEAD\r\n" : 0);
    memcpy(c->out + head_length, body, (size_t)body_length); /* one segment, see handle_request */
    stats.errors_4xx_5xx++;
    return send_all(c->fd, c->out, (size_t)(head_length + body_length));
}

/* A disk document's body, block by block through the connection's aligned buffer. */
static int send_disk_document(struct connection *c, const struct document *doc)
{
    for (uint32_t offset = 0; offset < doc->size;) {
        uint32_t start;
        int n = docs_read_disk(doc, offset, c->block, &start);
        if (n < 0) {
            stats.disk_errors++;
            return -1; /* the head is out already: closing is the only honest signal left */
        }
        if (send_all(c->fd, c->block + start, (size_t)n) < 0) {
            return -1;
        }
        offset += (uint32_t)n;
    }
    return 0;
}

/* Answers one parsed request (or parse failure `status`). Returns whether the connection stays open. */
static int handle_request(struct connection *c, const struct http_request *request, int status)
{
    stats.requests++;
    int keep_alive = status == 0 && request->keep_alive && !request->has_body;
    const struct document *doc = 0;
    if (status == 0 && request->method == HTTP_OTHER) {
        status = 405;
    }
    if (status == 0) {
        doc = docs_find(request->path);
        status = doc ? 200 : 404;
    }
    if (verbose) {
        printf("httpd: %s %s %s -> %d\n", c->peer, status == 400 || status == 505 || status == 431 ? "-" : request->method_text,
               status == 400 || status == 505 || status == 431 ? "-" : request->path, status);
    }
    if (status != 200) {
        return send_error(c, status, keep_alive) == 0 && keep_alive;
    }
    int head_length = http_format_head(c->out, sizeof c->out, 200, doc->type, doc->size, keep_alive, 0);
    uint32_t first = 0;
    if (request->method == HTTP_GET && doc->memory) {
        /* The head and the start of the body in one send, so one segment: every separate segment of a
           response can become a separate write of passt into its host socket, and there a second small
           write waits for the client's delayed ACK (Nagle; 40 ms on Linux). A small document then goes
           out whole in one segment. */
        uint32_t room = (uint32_t)(sizeof c->out - (size_t)head_length);
        first = doc->size < room ? doc->size : room;
        memcpy(c->out + head_length, doc->memory, first);
    }
    if (send_all(c->fd, c->out, (size_t)head_length + first) < 0) {
        return 0;
    }
    if (request->method == HTTP_GET && (doc->memory ? send_all(c->fd, doc->memory + first, doc->size - first)
                                                    : send_disk_document(c, doc)) < 0) {
        return 0;
    }
    return keep_alive;
}

/* Reads until a whole request head is buffered; its length, 0 at a clean end, -1 on error or timeout,
   -431 when the head does not fit into the buffer. */
static int read_head(struct connection *c)
{
    for (;;) {
        size_t head = http_head_length(c->request, c->buffered);
        if (head) {
            return (int)head;
        }
        if (c->buffered == sizeof c->request) {
            return -431;
        }
        ssize_t n = recv(c->fd, c->request + c->buffered, sizeof c->request - c->buffered, 0);
        if (n <= 0) {
            return n == 0 && c->buffered == 0 ? 0 : -1;
        }
        c->buffered += (size_t)n;
    }
}

/* Closes after our last answer without destroying it: closing with unread input would send a reset
   (as on Linux), which may reach the client before it has read the answer, e.g. a 431 to a request still
   being sent. So: FIN first, then discard what still arrives until the client closes (or LINGER_S). */
static void linger_close(struct connection *c)
{
    shutdown(c->fd, SHUT_WR);
    struct timeval linger = {LINGER_S, 0};
    setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &linger, sizeof linger);
    uint32_t drained = 0;
    ssize_t n;
    while (drained < LINGER_MAX_BYTES && (n = recv(c->fd, c->request, sizeof c->request, 0)) > 0) {
        drained += (uint32_t)n;
    }
    close(c->fd);
}

static void serve_connection(struct connection *c)
{
    int open = 1;
    while (open) {
        int head = read_head(c);
        if (head == -431) {
            struct http_request none;
            memset(&none, 0, sizeof none);
            handle_request(c, &none, 431);
            break;
        }
        if (head <= 0) {
            break;
        }
        struct http_request request;
        int status = http_parse_request(c->request, (size_t)head, &request);
        open = handle_request(c, &request, status);
        /* keep what follows the head: the next pipelined request */
        memmove(c->request, c->request + head, c->buffered - (size_t)head);
        c->buffered -= (size_t)head;
    }
    linger_close(c);
}

static void *worker(void *arg)
{
    struct connection *c = arg;
    for (;;) {
        mutex_lock(&pool_lock);
        idle_workers++;
        cond_signal(&worker_idle);
        while (handed_fd < 0) {
            cond_wait(&work_ready, &pool_lock);
        }
        c->fd = handed_fd;
        handed_fd = -1;
        idle_workers--;
        cond_signal(&worker_idle); /* the hand-over slot is free again: the acceptor may go on */
        char ip[16];
        snprintf(c->peer, sizeof c->peer, "%s:%u", inet_ntop(AF_INET, &handed_peer.sin_addr, ip, sizeof ip),
                 ntohs(handed_peer.sin_port));
        mutex_unlock(&pool_lock);
        c->buffered = 0;
        struct timeval idle = {IDLE_TIMEOUT_S, 0};
        setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &idle, sizeof idle);
        stats.active++;
        if (stats.active > stats.max_active) {
            stats.max_active = stats.active;
        }
        serve_connection(c);
        stats.active--;
    }
    return 0; /* not reached; gcc's -Wreturn-type misjudges this static endless loop */
}

static void *keyboard_control(void *arg)
{
    (void)arg;
    for (;;) {
        int key = keyboard_getc();
        if (key == 's') {
            print_stats();
        } else if (key == 'v') {
            verbose = !verbose;
            printf("httpd: request log %s\n", verbose ? "on" : "off");
        } else if (key == 'q') {
            print_stats();
            printf("httpd: stopped\n");
            exit(0);
        }
    }
}

static int listen_on(uint16_t port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return -1;
    }
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = INADDR_ANY;
    if (bind(fd, (struct sockaddr *)&address, sizeof address) < 0 || listen(fd, SOMAXCONN) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int main(void)
{
    if (net_init() < 0) {
        printf("httpd: no network: %s\n", dhcp_error()[0] ? dhcp_error() : "net_init failed");
        return 1;
    }
    /* A deployment's workload may size the /doc/K set (boot arguments documents= min= max=). */
    if (bootargs_load() < 0) {
        printf("httpd: %s\n", bootargs_error());
        return 1;
    }
    uint32_t documents = bootargs_u32("documents", DOCS_ZIPF_COUNT);
    uint32_t min = bootargs_u32("min", DOCS_ZIPF_MIN), max = bootargs_u32("max", DOCS_ZIPF_MAX);
    /* spin=1: the paper's guest without idle-with-timeout (denali bench paper idle) */
    thread_spin_while_timers_pending(bootargs_u32("spin", 0) != 0);
    if (bootargs_error()[0]) {
        printf("httpd: %s\n", bootargs_error());
        return 1;
    }
    if (docs_configure(documents, min, max) < 0 || docs_init() < 0) {
        return 1;
    }
    int listener = listen_on(HTTP_PORT);
    if (listener < 0) {
        printf("httpd: cannot listen on port %d (errno %d)\n", HTTP_PORT, errno);
        return 1;
    }
    char address[16];
    struct dhcp_lease lease;
    printf("httpd: listening on %s:%d (%s); keys: s = statistics, v = request log, q = quit\n",
           ip4_format(net_address(), address), HTTP_PORT, net_dhcp_lease(&lease) == 0 ? "address from DHCP" : "static address");
    for (int i = 0; i < MAX_CONNECTIONS; i++) {
        struct connection *c = malloc(sizeof *c);
        if (c) {
            c->block = disk_buffers[i];
        }
        if (!c || !thread_create_with_stack(worker, c, WORKER_STACK)) {
            printf("httpd: out of memory for worker %d; serving with %d\n", i, i);
            free(c);
            break;
        }
    }
    thread_create(keyboard_control, 0);
    for (;;) {
        mutex_lock(&pool_lock);
        while (idle_workers == 0 || handed_fd >= 0) {
            cond_wait(&worker_idle, &pool_lock);
        }
        mutex_unlock(&pool_lock);
        struct sockaddr_in peer;
        socklen_t peer_length = sizeof peer;
        int fd = accept(listener, (struct sockaddr *)&peer, &peer_length);
        if (fd < 0) {
            printf("httpd: accept failed (errno %d)\n", errno);
            thread_sleep_us(10000); /* e.g. out of sockets: let connections finish */
            continue;
        }
        stats.connections++;
        mutex_lock(&pool_lock);
        handed_fd = fd;
        handed_peer = peer;
        cond_signal(&work_ready);
        mutex_unlock(&pool_lock);
    }
}
