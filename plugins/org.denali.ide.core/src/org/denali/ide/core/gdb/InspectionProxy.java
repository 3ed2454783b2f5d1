package org.denali.ide.core.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.denali.emulator.debug.rsp.RspFrames;

/**
 * The inspection endpoint gdb attaches to: a GDB remote-protocol server on a loopback port that shows gdb ONE
 * stopped VM (the one the user selected) as a single-thread target. Register and memory packets go to the kernel's
 * stub over the IDE's own connection ({@link Target}), for that VM; run control packets are refused, because the
 * IDE keeps the run control (docs/debugging.md, "gdb as the symbolic engine"). So gdb never sees the other VMs of
 * the kernel: 10,000 VMs cost it nothing.
 */
public final class InspectionProxy implements AutoCloseable {
    /** The stub side: one packet for one VM ({@code Hg} + packet, atomically), or a packet for the kernel. */
    public interface Target {
        String requestFor(int vm, String payload) throws IOException;

        String request(String payload) throws IOException;
    }

    private final Target target;
    private final ServerSocket server;
    private volatile int vm;
    private volatile Socket client;

    public InspectionProxy(Target target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "Denali inspection endpoint");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The VM gdb sees from now on (gdb must then flush its register and memory caches). */
    public void show(int vmId) {
        vm = vmId;
    }

    @Override
    public void close() {
        try {
            server.close();
            if (client != null) {
                client.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                client = s;
                s.setTcpNoDelay(true);
                session(s.getInputStream(), s.getOutputStream());
            } catch (IOException e) {
                // gdb went away; wait for the next one
            }
        }
    }

    private void session(InputStream in, OutputStream out) throws IOException {
        boolean ack = true;
        int c;
        while ((c = in.read()) >= 0) {
            if (c != '$') {
                continue; // acks, and ^C (gdb never runs the target here)
            }
            StringBuilder wire = new StringBuilder();
            while ((c = in.read()) != '#') {
                if (c < 0) {
                    return;
                }
                wire.append((char) c);
            }
            in.read();
            in.read();
            if (ack) {
                out.write('+');
            }
            String payload = RspFrames.unescape(wire);
            String reply = answer(payload);
            if (reply == null) {
                return; // kill / detach: this gdb session is over
            }
            out.write(RspFrames.frame(reply).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (payload.equals("QStartNoAckMode")) {
                ack = false;
            }
        }
    }

    /** The reply to one of gdb's packets; null ends the session. */
    String answer(String p) {
        try {
            if (p.startsWith("qSupported")) {
                return "PacketSize=3fff;qXfer:features:read+;QStartNoAckMode+";
            }
            if (p.equals("QStartNoAckMode") || p.startsWith("H") || p.startsWith("T") || p.startsWith("qSymbol")) {
                return "OK";
            }
            if (p.equals("?")) {
                return "T05thread:01;";
            }
            if (p.equals("qfThreadInfo")) {
                return "m01";
            }
            if (p.equals("qsThreadInfo")) {
                return "l";
            }
            if (p.equals("qC")) {
                return "QC01";
            }
            if (p.equals("qAttached")) {
                return "1";
            }
            if (p.startsWith("qThreadExtraInfo")) {
                return HexFormat.of().formatHex(("VM " + vm).getBytes(StandardCharsets.US_ASCII));
            }
            if (p.startsWith("qXfer:features:read:")) {
                return target.request(p);
            }
            char first = p.charAt(0);
            if (first == 'g' || first == 'G' || first == 'p' || first == 'P' || first == 'm' || first == 'M') {
                return target.requestFor(vm, p);
            }
            if (first == 'c' || first == 's' || first == 'C' || first == 'S' || p.startsWith("vCont;")) {
                return "E01"; // the IDE owns run control
            }
            if (first == 'D' || first == 'k') {
                return first == 'D' ? "OK" : null;
            }
            return ""; // unsupported, like X (gdb falls back to M) and Z (no gdb breakpoints here)
        } catch (IOException e) {
            return "E01";
        }
    }
}
