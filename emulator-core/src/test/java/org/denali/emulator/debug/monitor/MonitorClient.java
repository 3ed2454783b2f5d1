package org.denali.emulator.debug.monitor;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A test client of the monitor: one request line out, one reply line back. */
final class MonitorClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    MonitorClient(int port) throws Exception {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(60_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    String ask(String request) throws Exception {
        return askRaw((request + "\n").getBytes(StandardCharsets.UTF_8));
    }

    String askRaw(byte[] bytes) throws Exception {
        out.write(bytes);
        out.flush();
        return in.readLine();
    }

    void askRawNoReply(byte[] bytes) throws Exception {
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws Exception {
        socket.close();
    }
}
