/*
 * http.h: the HTTP/1.1 message handling of httpd (RFC 9110/9112), free of sockets so it is easy to read
 * and to test: finding the end of a request head, parsing it, and formatting response heads.
 */
#ifndef HTTPD_HTTP_H
#define HTTPD_HTTP_H

#include <stddef.h>
#include <stdint.h>

#define HTTP_PATH_MAX 256

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_OTHER };

struct http_request {
    enum http_method method;
    char method_text[16];
    char path[HTTP_PATH_MAX]; /* percent-decoded, without the query; always starts with '/' */
    int minor_version;        /* HTTP/1.0 or HTTP/1.1 */
    int keep_alive;           /* the client wants the connection kept (version default + Connection) */
    int has_body;             /* Content-Length > 0 or Transfer-Encoding: we answer, then close */
};

/* Length of the request head at the start of buf[0..length) including its empty line (CRLF CRLF, bare
   LFs tolerated), or 0 while it is incomplete. */
size_t http_head_length(const char *buf, size_t length);

/* Parses a complete head (`length` bytes from http_head_length). Returns 0, or the status to answer:
   400 (malformed, missing Host in HTTP/1.1, bad path), 505 (not HTTP/1.0 or 1.1). Methods other than
   GET and HEAD parse fine (method HTTP_OTHER): refusing them with 405 is the caller's policy. */
int http_parse_request(const char *head, size_t length, struct http_request *request);

/* "OK", "Not Found", ... for the statuses httpd sends. */
const char *http_reason(int status);

/* A media type from the path's extension (application/octet-stream if unknown). */
const char *http_content_type(const char *path);

/* Writes "HTTP/1.1 STATUS REASON" and the Server, Content-Type, Content-Length and Connection fields,
   then `extra` (complete "Name: value\r\n" lines, may be NULL), then the empty line. Returns the length,
   or -1 if it does not fit into `capacity`. */
int http_format_head(char *buf, size_t capacity, int status, const char *content_type, uint32_t content_length,
                     int keep_alive, const char *extra);

#endif
