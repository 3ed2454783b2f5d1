package org.denali.emulator.debug.rsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal no-ack GDB remote-protocol client for tests. */
final class RspClient implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RspClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(String payload) throws IOException {
        int sum = 0;
        for (byte b : payload.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xFF;
        }
        sendRaw(("$" + payload + "#" + String.format("%02x", sum & 0xFF)).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The next packet's payload (escapes removed), skipping acks. */
    String receive() throws IOException {
        int c;
        do {
            c = in.read();
            if (c < 0) {
                throw new IOException("closed");
            }
        } while (c != '$');
        StringBuilder sb = new StringBuilder();
        boolean escaped = false;
        while ((c = in.read()) != '#') {
            if (c < 0) {
                throw new IOException("closed");
            }
            if (escaped) {
                sb.append((char) (c ^ 0x20));
                escaped = false;
            } else if (c == '}') {
                escaped = true;
            } else {
                sb.append((char) c);
            }
        }
        in.read();
        in.read();
        return sb.toString();
    }

    /** The next notification's payload ({@code %Stop:...#cs}), skipping anything before it. */
    String receiveNotification() throws IOException {
        int c;
        do {
            c = in.read();
            if (c < 0) {
                throw new IOException("closed");
            }
        } while (c != '%');
        StringBuilder sb = new StringBuilder();
        while ((c = in.read()) != '#') {
            if (c < 0) {
                throw new IOException("closed");
            }
            sb.append((char) c);
        }
        in.read();
        in.read();
        return sb.toString();
    }

    String ask(String payload) throws IOException {
        send(payload);
        return receive();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
