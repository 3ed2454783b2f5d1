package org.denali.ide.views.monitor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One TCP connection to a kernel monitor ({@code denali run --monitor PORT}, loopback only): a request line out,
 * a reply line back. Requests are serialized; a broken connection stays broken (callers open a new one).
 */
public final class MonitorConnection implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 15_000;

    private final int port;
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private MonitorConnection(int port, Socket socket) throws IOException {
        this.port = port;
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    public static MonitorConnection open(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
            return new MonitorConnection(port, socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** Sends one request line and returns the reply line. @throws IOException if the kernel went away */
    public synchronized String ask(String request) throws IOException {
        if (request.indexOf('\n') >= 0 || request.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a monitor request is one line: " + request);
        }
        out.write((request + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String reply = in.readLine();
        if (reply == null) {
            throw new IOException("the kernel closed the monitor connection");
        }
        return reply;
    }

    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
    }
}
