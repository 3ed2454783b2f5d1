package org.denali.emulator.debug.monitor;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.kernel.MemoryManager;

/**
 * {@code denali run --monitor PORT}: serves {@link MonitorRequests} on loopback only, to any number of clients at
 * once (up to {@link #MAX_CLIENTS}), each on its own daemon thread. A client can only read the kernel's state; its
 * failures (garbage, over-long lines, vanishing mid-request) end at most its own connection.
 */
public final class MonitorServer implements AutoCloseable {
    static final int MAX_CLIENTS = 16;

    private final ServerSocket socket;
    private final MonitorRequests requests;
    private final Set<Socket> clients = new HashSet<>();
    private final Thread acceptor;

    private MonitorServer(ServerSocket socket, MonitorRequests requests) {
        this.socket = socket;
        this.requests = requests;
        this.acceptor = new Thread(this::acceptLoop, "denali-monitor");
        acceptor.setDaemon(true);
    }

    /** Listens on 127.0.0.1:{@code port} (0 = any free port, see {@link #port()}). */
    public static MonitorServer start(KernelDebugger debugger, MemoryManager memory, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot serve the monitor on localhost:" + port + ": " + e.getMessage(), e);
        }
        MonitorServer server = new MonitorServer(socket, new MonitorRequests(debugger, memory));
        server.acceptor.start();
        return server;
    }

    /** The VMs' timelines the {@code timeline} request serves (the kernel assembly adds it to the LAN's taps). */
    public org.denali.emulator.debug.timeline.TimelineCollector timeline() {
        return requests.timeline();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Tells the user where the monitor listens (stderr of {@code denali run}). */
    public void announce(PrintStream err) {
        err.println("denali run: monitor on localhost:" + port());
        err.flush();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (!admit(client)) {
                refuse(client);
                continue;
            }
            Thread t = new Thread(() -> serve(client), "denali-monitor-client");
            t.setDaemon(true);
            t.start();
        }
    }

    private synchronized boolean admit(Socket client) {
        if (clients.size() >= MAX_CLIENTS || socket.isClosed()) {
            return false;
        }
        clients.add(client);
        return true;
    }

    private static void refuse(Socket client) {
        try (client) {
            client.getOutputStream().write((MonitorRequests.error("too many monitor clients (at most " + MAX_CLIENTS
                + ")") + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // it went away already
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            LineReader in = new LineReader(new BufferedInputStream(client.getInputStream()));
            OutputStream out = client.getOutputStream();
            String line;
            while ((line = in.next()) != null) {
                out.write((requests.answer(line) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the client vanished: its connection ends, nothing else does
        } finally {
            synchronized (this) {
                clients.remove(client);
            }
        }
    }

    /** Stops listening and drops every client; never throws, so callers can close it on any path. */
    @Override
    public void close() {
        Set<Socket> open;
        synchronized (this) {
            open = new HashSet<>(clients);
            clients.clear();
        }
        try {
            socket.close();
        } catch (IOException e) {
            // gone either way
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // gone either way
            }
        }
    }
}
