/**
 * The kernel monitor: {@code denali run --monitor PORT} serves a read-only line protocol on loopback so tools (the
 * IDE's Denali views) can watch the scheduler, interrupt queues, swap and virtual registers <em>while the guests
 * run</em>, with or without a gdb connection (GDB RSP is all-stop and cannot do that). One request line, one JSON
 * reply line; see docs/views.md. {@link org.denali.emulator.debug.monitor.MonitorServer} is the socket mechanism,
 * {@link org.denali.emulator.debug.monitor.MonitorRequests} decides what each request answers.
 */
package org.denali.emulator.debug.monitor;
