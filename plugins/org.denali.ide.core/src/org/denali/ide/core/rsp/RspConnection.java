package org.denali.ide.core.rsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.denali.emulator.debug.rsp.RspFrames;

/**
 * One GDB remote-protocol connection, split like the PDA example's debug target into a <b>command</b> path — one
 * synchronous request and its reply at a time ({@link #request}) — and an <b>event</b> path: the stop reply that
 * ends a resume ({@link #resume}, {@link #interrupt}) is delivered to {@link RspEventListener}s on an event
 * thread. The target runs all-stop, so while it runs only an interrupt may be sent. A reader thread owns the
 * input: it acknowledges packets until no-ack mode, retransmits on a NAK, and routes each packet to its path.
 */
public final class RspConnection implements AutoCloseable {
    private static final char INTERRUPT = 0x03;

    /** What the reader hands the command path: a reply, or the end of the connection ({@code payload == null}). */
    private record Reply(String payload, String closedReason) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Duration timeout;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<RspEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService events;
    private final Object requestLock = new Object();
    private volatile boolean ackMode = true;
    private volatile boolean running;
    private volatile String closedReason;
    private volatile PacketTracer tracer = PacketTracer.NONE;
    private String lastFrame = "";

    private RspConnection(Socket socket, Duration timeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.timeout = timeout;
        this.events = Executors.newSingleThreadExecutor(r -> daemon(r, "RSP events " + socket.getPort()));
        daemon(this::readLoop, "RSP reader " + socket.getPort()).start();
    }

    /** Connects to a stub on {@code host:port}; {@code timeout} bounds the connect and every request. */
    public static RspConnection connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            return new RspConnection(socket, timeout);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public void addListener(RspEventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(RspEventListener listener) {
        listeners.remove(listener);
    }

    /** Protocol tracing: every packet sent and received (and each Ctrl-C) goes to {@code tracer}. */
    public void setTracer(PacketTracer tracer) {
        this.tracer = tracer == null ? PacketTracer.NONE : tracer;
    }

    /** True between a {@link #resume} and the stop reply that ends it. */
    public boolean isRunning() {
        return running;
    }

    public boolean isClosed() {
        return closedReason != null;
    }

    /** Sends {@code payload} and waits for its reply (the raw payload, unescaped). */
    public String request(String payload) throws IOException {
        synchronized (requestLock) {
            if (running) {
                throw new RspException("the target is running: only an interrupt can be sent (" + payload + ")");
            }
            send(payload);
            return awaitReply(payload);
        }
    }

    /**
     * Sends a resume packet ({@code vCont;c}, {@code vCont;s:1}, ...) without waiting: its stop reply arrives on the
     * event path. Requests fail until it does.
     */
    public void resume(String payload) throws IOException {
        synchronized (requestLock) {
            if (running) {
                throw new RspException("the target is already running");
            }
            running = true;
            try {
                send(payload);
            } catch (IOException e) {
                running = false;
                throw e;
            }
        }
    }

    /** Sends a packet that has no reply ({@code k}); the connection ends after it. */
    public void sendWithoutReply(String payload) throws IOException {
        synchronized (requestLock) {
            if (running) {
                throw new RspException("the target is running: only an interrupt can be sent (" + payload + ")");
            }
            send(payload);
        }
    }

    /** Ctrl-C: asks a running target to stop; the stop reply (SIGINT) arrives on the event path. */
    public void interrupt() throws IOException {
        tracer.sent("^C");
        writeRaw(String.valueOf(INTERRUPT));
    }

    /** {@code QStartNoAckMode}: after the stub's OK neither side acknowledges packets any more. */
    public void startNoAckMode() throws IOException {
        String reply = request("QStartNoAckMode");
        if (!reply.equals("OK")) {
            throw new RspException("the stub refused no-ack mode: '" + reply + "'");
        }
        ackMode = false;
    }

    @Override
    public void close() {
        markClosed("closed by the client");
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        events.shutdown();
    }

    private String awaitReply(String request) throws IOException {
        Reply reply;
        try {
            reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the reply to " + request, e);
        }
        if (reply == null) {
            throw new IOException("no reply to " + request + " within " + timeout.toMillis() + " ms");
        }
        if (reply.payload() == null) {
            throw new IOException("connection closed: " + reply.closedReason());
        }
        return reply.payload();
    }

    private void send(String payload) throws IOException {
        if (closedReason != null) {
            throw new IOException("connection closed: " + closedReason);
        }
        String frame = RspFrames.frame(payload);
        tracer.sent(payload);
        synchronized (out) {
            lastFrame = frame;
        }
        writeRaw(frame);
    }

    private void writeRaw(String bytes) throws IOException {
        synchronized (out) {
            out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private void readLoop() {
        try {
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '$') {
                    readPacket();
                } else if (c == '-' && ackMode) {
                    String frame;
                    synchronized (out) {
                        frame = lastFrame;
                    }
                    writeRaw(frame); // the stub saw a bad checksum: send the same packet again
                }
                // '+' needs nothing: we keep no unacknowledged queue beyond the last frame.
            }
            markClosed("the stub closed the connection");
        } catch (IOException e) {
            markClosed(closedReason != null ? closedReason : "connection failed: " + e.getMessage());
        }
    }

    private void readPacket() throws IOException {
        StringBuilder wire = new StringBuilder();
        int c;
        while ((c = in.read()) != '#') {
            if (c < 0) {
                throw new IOException("connection closed inside a packet");
            }
            wire.append((char) c);
        }
        int hi = in.read();
        int lo = in.read();
        if (hi < 0 || lo < 0) {
            throw new IOException("connection closed inside a checksum");
        }
        boolean ok = Character.digit(hi, 16) >= 0 && Character.digit(lo, 16) >= 0
                && (Character.digit(hi, 16) << 4 | Character.digit(lo, 16)) == RspFrames.checksum(wire);
        if (ackMode) {
            writeRaw(ok ? "+" : "-");
        }
        if (ok) {
            route(RspFrames.unescape(wire));
        }
    }

    /**
     * A stop reply while running is the end of a resume (event path), and so is an error or "unsupported" reply
     * (a resume the stub refused, e.g. {@code bs} without a recorded history: nothing runs, so waiting for a stop
     * would hang); every other packet answers a request.
     */
    private void route(String payload) {
        tracer.received(payload);
        if (running && (StopReply.isStopReply(payload) || StopReply.isRefusal(payload))) {
            StopReply reply = StopReply.isStopReply(payload) ? StopReply.parse(payload) : StopReply.refused(payload);
            running = false;
            dispatch(() -> listeners.forEach(l -> l.stopped(reply)));
        } else {
            replies.add(new Reply(payload, null));
        }
    }

    private synchronized void markClosed(String reason) {
        if (closedReason != null) {
            return;
        }
        closedReason = reason;
        running = false;
        replies.add(new Reply(null, reason));
        dispatch(() -> listeners.forEach(l -> l.disconnected(reason)));
    }

    /** Runs listeners on the event thread, so they may send requests; nothing is delivered after close. */
    private void dispatch(Runnable delivery) {
        try {
            events.execute(delivery);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed: the client is no longer interested
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
