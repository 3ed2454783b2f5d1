/*
 * http.c: request heads in, response heads out (see http.h). Strict where ambiguity could hurt (the
 * request line, Content-Length), lenient where RFC 9112 allows it (bare LF line ends, absolute-form
 * targets, case-insensitive field names and Connection tokens).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "http.h"

size_t http_head_length(const char *buf, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (buf[i] != '\n') {
            continue;
        }
        /* an empty line: "\n\n" or "\n\r\n" */
        if (i + 1 < length && buf[i + 1] == '\n') {
            return i + 2;
        }
        if (i + 2 < length && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
            return i + 3;
        }
    }
    return 0;
}

static int is_token_char(char c)
{
    return isalnum((unsigned char)c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int hex_value(char c)
{
    return isdigit((unsigned char)c) ? c - '0' : isxdigit((unsigned char)c) ? (tolower((unsigned char)c) - 'a' + 10) : -1;
}

/* Decodes the target into request->path: origin-form "/a/b?q" or absolute-form "http://host/a/b".
   Returns 0 or 400 for an empty, overlong, NUL-containing or ".."-escaping path. */
static int decode_target(const char *target, size_t length, struct http_request *request)
{
    if (length > 7 && strncasecmp(target, "http://", 7) == 0) {
        const char *slash = memchr(target + 7, '/', length - 7);
        if (!slash) {
            target = "/";
            length = 1;
        } else {
            length -= (size_t)(slash - target);
            target = slash;
        }
    }
    if (length == 0 || target[0] != '/') {
        return 400;
    }
    size_t out = 0;
    for (size_t i = 0; i < length && target[i] != '?' && target[i] != '#'; i++) {
        char c = target[i];
        if (c == '%') {
            int hi = i + 2 < length ? hex_value(target[i + 1]) : -1;
            int lo = i + 2 < length ? hex_value(target[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                return 400;
            }
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        if (out + 1 >= HTTP_PATH_MAX) {
            return 400;
        }
        request->path[out++] = c;
    }
    request->path[out] = '\0';
    /* no segment may be "..": documents are looked up by name, but nothing may look like an escape */
    for (const char *p = request->path; (p = strstr(p, "..")) != 0; p += 2) {
        if (p[-1] == '/' && (p[2] == '/' || p[2] == '\0')) {
            return 400;
        }
    }
    return 0;
}

/* Does the comma-separated field value contain `token` (case-insensitive)? */
static int has_token(const char *value, size_t length, const char *token)
{
    size_t n = strlen(token);
    for (size_t i = 0; i + n <= length; i++) {
        if (strncasecmp(value + i, token, n) == 0 && (i == 0 || value[i - 1] == ',' || value[i - 1] == ' ')
                && (i + n == length || value[i + n] == ',' || value[i + n] == ' ')) {
            return 1;
        }
    }
    return 0;
}

int http_parse_request(const char *head, size_t length, struct http_request *request)
{
    memset(request, 0, sizeof *request);
    const char *end = head + length;
    const char *line_end = memchr(head, '\n', length);
    if (!line_end) {
        return 400;
    }
    size_t line_length = (size_t)(line_end - head);
    if (line_length > 0 && head[line_length - 1] == '\r') {
        line_length--;
    }
    /* request-line = method SP request-target SP HTTP-version, single spaces */
    const char *sp1 = memchr(head, ' ', line_length);
    if (!sp1 || sp1 == head || (size_t)(sp1 - head) >= sizeof request->method_text) {
        return 400;
    }
    for (const char *p = head; p < sp1; p++) {
        if (!is_token_char(*p)) {
            return 400;
        }
    }
    memcpy(request->method_text, head, (size_t)(sp1 - head));
    const char *target = sp1 + 1;
    const char *sp2 = memchr(target, ' ', line_length - (size_t)(target - head));
    if (!sp2 || sp2 == target) {
        return 400;
    }
    const char *version = sp2 + 1;
    size_t version_length = line_length - (size_t)(version - head);
    if (version_length != 8 || strncmp(version, "HTTP/", 5) != 0 || !isdigit((unsigned char)version[5])
            || version[6] != '.' || !isdigit((unsigned char)version[7])) {
        return 400;
    }
    if (version[5] != '1' || (version[7] != '0' && version[7] != '1')) {
        return 505;
    }
    request->minor_version = version[7] - '0';
    if (strcmp(request->method_text, "GET") == 0) {
        request->method = HTTP_GET;
    } else if (strcmp(request->method_text, "HEAD") == 0) {
        request->method = HTTP_HEAD;
    } else {
        request->method = HTTP_OTHER;
    }
    int status = decode_target(target, (size_t)(sp2 - target), request);
    if (status) {
        return status;
    }

    int has_host = 0, connection_close = 0, connection_keep_alive = 0, content_lengths = 0;
    for (const char *line = line_end + 1; line < end;) {
        const char *next = memchr(line, '\n', (size_t)(end - line));
        if (!next) {
            return 400;
        }
        size_t n = (size_t)(next - line);
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        if (n == 0) {
            break; /* the empty line ending the head */
        }
        const char *colon = memchr(line, ':', n);
        if (!colon || colon == line) {
            return 400;
        }
        for (const char *p = line; p < colon; p++) {
            if (!is_token_char(*p)) {
                return 400; /* includes whitespace before the colon, which RFC 9112 forbids */
            }
        }
        size_t name_length = (size_t)(colon - line);
        const char *value = colon + 1;
        const char *value_end = line + n;
        while (value < value_end && (*value == ' ' || *value == '\t')) value++;
        while (value_end > value && (value_end[-1] == ' ' || value_end[-1] == '\t')) value_end--;
        size_t value_length = (size_t)(value_end - value);
        if (name_length == 4 && strncasecmp(line, "Host", 4) == 0) {
            has_host++;
        } else if (name_length == 10 && strncasecmp(line, "Connection", 10) == 0) {
            connection_close |= has_token(value, value_length, "close");
            connection_keep_alive |= has_token(value, value_length, "keep-alive");
        } else if (name_length == 14 && strncasecmp(line, "Content-Length", 14) == 0) {
            uint32_t content_length = 0;
            if (value_length == 0 || value_length > 9) {
                return 400;
            }
            for (const char *p = value; p < value_end; p++) {
                if (!isdigit((unsigned char)*p)) {
                    return 400;
                }
                content_length = content_length * 10 + (uint32_t)(*p - '0');
            }
            content_lengths++;
            request->has_body |= content_length > 0;
        } else if (name_length == 17 && strncasecmp(line, "Transfer-Encoding", 17) == 0) {
            request->has_body = 1;
        }
        line = next + 1;
    }
    if (content_lengths > 1 || (request->minor_version == 1 && has_host != 1)) {
        return 400; /* RFC 9112 §3.2: exactly one Host in HTTP/1.1 */
    }
    request->keep_alive = request->minor_version == 1 ? !connection_close : connection_keep_alive && !connection_close;
    return 0;
}

const char *http_reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

const char *http_content_type(const char *path)
{
    static const struct { const char *extension, *type; } types[] = {
        {".html", "text/html; charset=utf-8"}, {".htm", "text/html; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"}, {".css", "text/css"}, {".js", "text/javascript"},
        {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
        {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".ico", "image/x-icon"},
    };
    const char *dot = strrchr(path, '.');
    if (dot && !strchr(dot, '/')) {
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
            if (strcasecmp(dot, types[i].extension) == 0) {
                return types[i].type;
            }
        }
    }
    return "application/octet-stream";
}

int http_format_head(char *buf, size_t capacity, int status, const char *content_type, uint32_t content_length,
                     int keep_alive, const char *extra)
{
    int n = snprintf(buf, capacity,
                     "HTTP/1.1 %d %s\r\nServer: ilwaco-httpd\r\nContent-Type: %s\r\nContent-Length: %u\r\n"
                     "Connection: %s\r\n%s\r\n",
                     status, http_reason(status), content_type, content_length, keep_alive ? "keep-alive" : "close",
                     extra ? extra : "");
    return n < 0 || (size_t)n >= capacity ? -1 : n;
}
