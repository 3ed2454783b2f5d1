package org.denali.emulator.debug.rsp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import org.denali.emulator.debug.KernelDebugger;

/**
 * A GDB remote-protocol server for one kernel: listens on loopback (by default), serves one client at a time and
 * any number of clients in sequence. A client that misbehaves only loses its own connection; the kernel and its
 * VMs keep running (a disconnect without 'D' counts as a detach).
 */
public final class GdbServer implements AutoCloseable {
    private final KernelDebugger debugger;
    private final ServerSocket socket;
    private final Thread acceptor;
    private final CountDownLatch firstAttach = new CountDownLatch(1);
    private volatile boolean closed;
    /** The client being served, or null. */
    private volatile GdbSession current;

    private GdbServer(KernelDebugger debugger, ServerSocket socket) {
        this.debugger = debugger;
        this.socket = socket;
        this.acceptor = new Thread(this::acceptLoop, "denali-gdb-server");
        acceptor.setDaemon(true);
    }

    /** Starts listening on loopback {@code port} (0 = any free port; see {@link #port()}). */
    public static GdbServer start(KernelDebugger debugger, int port) throws IOException {
        return start(debugger, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    public static GdbServer start(KernelDebugger debugger, InetSocketAddress address) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(address, 1);
        GdbServer server = new GdbServer(debugger, socket);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Blocks until the first client has attached (for {@code denali run --gdb PORT --wait}). */
    public void awaitFirstClient() throws InterruptedException {
        firstAttach.await();
    }

    private void acceptLoop() {
        while (!closed) {
            try (Socket client = socket.accept()) {
                client.setTcpNoDelay(true);
                // buffered: the channel reads byte by byte, and unbuffered each byte would be a system call
                PacketChannel channel = new PacketChannel(new BufferedInputStream(client.getInputStream()),
                    client.getOutputStream(), "denali-gdb-reader");
                try {
                    GdbSession session = new GdbSession(debugger, channel);
                    current = session;
                    firstAttach.countDown();
                    session.serve();
                } finally {
                    current = null;
                    channel.close();
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // this client's connection failed; wait for the next one
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a bug in one session must not take the server (or the kernel) down; drop the client
                if (debugger.isAttached()) {
                    debugger.detach();
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        // A client waiting for a stop when the kernel ended is owed the exit reply (W / X): the session notices the
        // end within milliseconds; give it a moment to send that before the connection goes.
        GdbSession session = current;
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (session != null && session.awaitingStop() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        acceptor.interrupt();
    }
}
