package org.denali.emulator.debug.rsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * GDB remote-protocol framing on one connection: {@code $payload#cs} packets, '+'/'-' acknowledgements (until
 * no-ack mode), 0x7d escapes, and 0x03 interrupts. A reader thread parses the input into {@link Incoming} items so
 * a Ctrl-C arrives while the session waits for the guest. Garbage between packets is skipped; a bad checksum
 * is NAKed; a packet longer than {@link #MAX_PACKET} closes the connection (never an exception to the caller).
 */
final class PacketChannel implements AutoCloseable {
    /** Largest payload accepted (and advertised as PacketSize, in bytes of payload). */
    static final int MAX_PACKET = 16 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final BlockingQueue<Incoming> incoming = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean ackMode = true;

    PacketChannel(InputStream in, OutputStream out, String name) {
        this.in = in;
        this.out = out;
        this.reader = new Thread(this::readLoop, name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The next item, or null after {@code timeoutMillis}. */
    Incoming poll(long timeoutMillis) throws InterruptedException {
        return incoming.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    Incoming take() throws InterruptedException {
        return incoming.take();
    }

    /** Takes a Ctrl-C waiting in the queue, if any, leaving other items in order. */
    boolean takeInterrupt() {
        return incoming.removeIf(i -> i instanceof Incoming.Interrupt);
    }

    void disableAcks() {
        ackMode = false;
    }

    /** Sends a packet, escaped and checksummed by {@link RspFrames} so binary payloads (JSON, memory) survive. */
    synchronized void send(String payload) throws IOException {
        out.write(RspFrames.frame(payload).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** An asynchronous notification ({@code %name:data#cs}): framed like a packet, never acknowledged. */
    synchronized void sendNotification(String payload) throws IOException {
        out.write(("%" + RspFrames.frame(payload).substring(1)).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void readLoop() {
        try {
            while (true) {
                int c = in.read();
                if (c < 0) {
                    incoming.add(new Incoming.Closed("client closed the connection"));
                    return;
                }
                if (c == 0x03) {
                    incoming.add(new Incoming.Interrupt());
                } else if (c == '$') {
                    Incoming packet = readPacket();
                    if (packet != null) {
                        incoming.add(packet);
                        if (packet instanceof Incoming.Closed) {
                            return;
                        }
                    }
                }
                // '+', '-' and anything else between packets is ignored: we never retransmit.
            }
        } catch (IOException e) {
            incoming.add(new Incoming.Closed("connection failed: " + e.getMessage()));
        }
    }

    /** After '$': the payload up to '#', two checksum digits; null if the checksum was wrong (NAK sent). */
    private Incoming readPacket() throws IOException {
        StringBuilder payload = new StringBuilder();
        int sum = 0;
        boolean escaped = false;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return new Incoming.Closed("connection closed inside a packet");
            }
            if (c == '#') {
                break;
            }
            if (c == '$') {
                // A new packet began without the old one ending: drop the old one, start again.
                payload.setLength(0);
                sum = 0;
                escaped = false;
                continue;
            }
            sum += c;
            if (payload.length() >= MAX_PACKET) {
                return new Incoming.Closed("packet longer than " + MAX_PACKET + " bytes");
            }
            if (escaped) {
                payload.append((char) (c ^ 0x20));
                escaped = false;
            } else if (c == '}') {
                escaped = true;
            } else {
                payload.append((char) c);
            }
        }
        int hi = in.read();
        int lo = in.read();
        if (hi < 0 || lo < 0) {
            return new Incoming.Closed("connection closed inside a checksum");
        }
        int a = Hex.digit((char) hi);
        int b = Hex.digit((char) lo);
        boolean ok = a >= 0 && b >= 0 && (a << 4 | b) == (sum & 0xFF);
        if (ackMode) {
            synchronized (this) {
                out.write(ok ? '+' : '-');
                out.flush();
            }
        }
        return ok ? new Incoming.Packet(payload.toString()) : null;
    }
}
