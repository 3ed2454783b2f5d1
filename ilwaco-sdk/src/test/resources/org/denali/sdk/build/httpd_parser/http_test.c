/*
 * Unit tests of examples/httpd/http.c run as a guest (HttpdParserTest copies http.c and http.h next to
 * this file): request heads, good and hostile, and response heads. Prints TAP.
 */
#include <stdio.h>
#include <string.h>

#include "http.h"

static int number, failed;

static void ok(int condition, const char *what)
{
    number++;
    if (!condition) failed++;
    printf("%s %d - %s\n", condition ? "ok" : "not ok", number, what);
}

static int parse(const char *text, struct http_request *request)
{
    size_t head = http_head_length(text, strlen(text));
    if (head == 0) {
        return -1; /* incomplete */
    }
    return http_parse_request(text, head, request);
}

static void expect_status(const char *text, int status, const char *what)
{
    struct http_request r;
    int got = parse(text, &r);
    if (got != status) printf("# %s: got %d, expected %d\n", what, got, status);
    ok(got == status, what);
}

int main(void)
{
    struct http_request r;
    ok(http_head_length("GET / HTTP/1.1\r\nHost: a\r\n", 25) == 0, "an unfinished head has no length yet");
    ok(http_head_length("GET / HTTP/1.1\r\n\r\nNEXT", 22) == 18, "the head ends after CRLF CRLF; what follows is not counted");
    ok(http_head_length("GET / HTTP/1.0\n\n", 16) == 16, "bare LF line ends are accepted");

    ok(parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n", &r) == 0 && r.method == HTTP_GET && strcmp(r.path, "/") == 0
       && r.minor_version == 1 && r.keep_alive && !r.has_body, "a plain HTTP/1.1 GET keeps the connection");
    ok(parse("HEAD /big.txt HTTP/1.1\r\nhost: x\r\nUser-Agent: curl\r\n\r\n", &r) == 0 && r.method == HTTP_HEAD
       && strcmp(r.path, "/big.txt") == 0, "HEAD, and field names are case-insensitive");
    ok(parse("GET /a%20b/c.txt?x=1&y=%2F HTTP/1.1\r\nHost: x\r\n\r\n", &r) == 0 && strcmp(r.path, "/a b/c.txt") == 0,
       "percent-decoding; the query is dropped");
    ok(parse("GET http://example.org/doc/3 HTTP/1.1\r\nHost: example.org\r\n\r\n", &r) == 0
       && strcmp(r.path, "/doc/3") == 0, "absolute-form targets are reduced to their path");
    ok(parse("GET / HTTP/1.0\r\n\r\n", &r) == 0 && r.minor_version == 0 && !r.keep_alive,
       "HTTP/1.0 closes by default and needs no Host");
    ok(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", &r) == 0 && r.keep_alive,
       "HTTP/1.0 with Connection: keep-alive stays open");
    ok(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r) == 0 && !r.keep_alive,
       "HTTP/1.1 with Connection: close closes");
    ok(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, CLOSE\r\n\r\n", &r) == 0 && !r.keep_alive,
       "Connection tokens are a case-insensitive list");
    ok(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: closed\r\n\r\n", &r) == 0 && r.keep_alive,
       "'closed' is not the token 'close'");
    ok(parse("POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", &r) == 0 && r.method == HTTP_OTHER
       && strcmp(r.method_text, "POST") == 0 && r.has_body, "other methods parse (the server answers 405)");
    ok(parse("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", &r) == 0 && r.has_body,
       "a chunked body is noticed");
    ok(parse("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", &r) == 0 && !r.has_body,
       "Content-Length: 0 is no body");

    expect_status("GET / HTTP/1.1\r\n\r\n", 400, "HTTP/1.1 without Host is 400");
    expect_status("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "two Host fields are 400");
    expect_status("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505, "HTTP/2.0 in a request line is 505");
    expect_status("GET / HTTP/1.2\r\nHost: x\r\n\r\n", 505, "HTTP/1.2 is 505");
    expect_status("GET / HTTP/1.1x\r\nHost: x\r\n\r\n", 400, "a garbled version is 400");
    expect_status("GET / http/1.1\r\nHost: x\r\n\r\n", 400, "the version name is case-sensitive");
    expect_status("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "two spaces in the request line are 400");
    expect_status("GET /\r\nHost: x\r\n\r\n", 400, "HTTP/0.9-style lines are 400");
    expect_status("G@T / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "a method that is not a token is 400");
    expect_status("GET x HTTP/1.1\r\nHost: x\r\n\r\n", 400, "a target without a leading slash is 400");
    expect_status("GET /../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400, "a .. segment is 400");
    expect_status("GET /a/%2e%2e/b HTTP/1.1\r\nHost: x\r\n\r\n", 400, "an encoded .. segment is 400");
    expect_status("GET /a/.. HTTP/1.1\r\nHost: x\r\n\r\n", 400, "a trailing .. segment is 400");
    ok(parse("GET /a/..b/c.. HTTP/1.1\r\nHost: x\r\n\r\n", &r) == 0, "names merely containing .. are fine");
    expect_status("GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n", 400, "an encoded NUL is 400");
    expect_status("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "a bad percent escape is 400");
    expect_status("GET /a% HTTP/1.1\r\nHost: x\r\n\r\n", 400, "a truncated percent escape is 400");
    expect_status("GET / HTTP/1.1\r\nHost x\r\n\r\n", 400, "a field without a colon is 400");
    expect_status("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400, "whitespace before the colon is 400");
    expect_status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 12a\r\n\r\n", 400, "a non-numeric Content-Length is 400");
    expect_status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n", 400,
                  "two Content-Length fields are 400");
    char long_path[400] = "GET /";
    memset(long_path + 5, 'a', 300);
    strcpy(long_path + 305, " HTTP/1.1\r\nHost: x\r\n\r\n");
    expect_status(long_path, 400, "a path over HTTP_PATH_MAX is 400");

    char head[256];
    int n = http_format_head(head, sizeof head, 200, "text/plain; charset=utf-8", 42, 1, 0);
    ok(n == (int)strlen(head) && strcmp(head, "HTTP/1.1 200 OK\r\nServer: ilwaco-httpd\r\n"
       "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 42\r\nConnection: keep-alive\r\n\r\n") == 0,
       "a 200 head, byte for byte");
    n = http_format_head(head, sizeof head, 405, "text/plain", 0, 0, "Allow: GET, HEAD\r\n");
    ok(n > 0 && strstr(head, "HTTP/1.1 405 Method Not Allowed\r\n") == head && strstr(head, "Connection: close\r\n")
       && strstr(head, "\r\nAllow: GET, HEAD\r\n\r\n"), "a 405 head carries Allow and closes");
    ok(http_format_head(head, 40, 200, "text/plain", 1, 1, 0) == -1, "a head that does not fit is refused");
    ok(strcmp(http_content_type("/index.html"), "text/html; charset=utf-8") == 0
       && strcmp(http_content_type("/x/y.TXT"), "text/plain; charset=utf-8") == 0
       && strcmp(http_content_type("/doc/3"), "application/octet-stream") == 0
       && strcmp(http_content_type("/a.b/c"), "application/octet-stream") == 0, "media types from extensions");
    ok(strcmp(http_reason(505), "HTTP Version Not Supported") == 0 && strcmp(http_reason(404), "Not Found") == 0,
       "reason phrases");
    printf("1..%d\n", number);
    return failed ? 1 : 0;
}
