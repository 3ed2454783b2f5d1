package org.denali.emulator.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The switch's port to the host: frames go to passt over its UNIX stream socket with {@link StreamFraming}, and a
 * reader thread forwards what passt sends into the switch (which learns passt's MAC from them). passt serves one
 * client at a time.
 *
 * <p>passt believes it serves exactly one guest: it learns "the guest's" MAC and address from whatever frames reach
 * it. On a LAN of several VMs an uplink can therefore be restricted to one VM ({@link SingleGuestUplinkFilter}):
 * passt's forwards and replies then go to that VM alone, and the VMs keep talking among themselves on the switch.
 */
public final class PasstUplink implements SwitchPort, Closeable {
    private final SocketChannel channel;
    private final EthernetSwitch lan;
    private final FrameInlet inlet;
    private final int port;
    private final SingleGuestUplinkFilter filter;
    private final Thread reader;
    private volatile boolean closing;
    private volatile IOException failure;

    private PasstUplink(SocketChannel channel, EthernetSwitch lan, SingleGuestUplinkFilter filter, FrameInlet inlet) {
        this.channel = channel;
        this.lan = lan;
        this.inlet = inlet == null ? lan::forward : inlet;
        this.filter = filter;
        this.port = lan.attach(this, null);
        this.reader = new Thread(this::readLoop, "passt-uplink");
        this.reader.setDaemon(true);
    }

    /** Connects to passt's socket and plugs the uplink into {@code lan}. */
    public static PasstUplink connect(Path socket, EthernetSwitch lan) throws IOException {
        return connect(socket, lan, null);
    }

    /**
     * Connects to passt's socket and plugs the uplink into {@code lan}, passing passt only the frames {@code filter}
     * admits (null: every frame the switch sends this port).
     */
    public static PasstUplink connect(Path socket, EthernetSwitch lan, SingleGuestUplinkFilter filter)
            throws IOException {
        return connect(socket, lan, filter, null);
    }

    /** As {@link #connect(Path, EthernetSwitch, SingleGuestUplinkFilter)}, handing received frames to {@code inlet}. */
    public static PasstUplink connect(Path socket, EthernetSwitch lan, SingleGuestUplinkFilter filter,
            FrameInlet inlet) throws IOException {
        SocketChannel channel = connectWithRetry(UnixDomainSocketAddress.of(socket));
        PasstUplink uplink = new PasstUplink(channel, lan, filter, inlet);
        uplink.reader.start();
        return uplink;
    }

    /** passt creates its socket file a moment before it listens on it, so a refused connect is retried briefly. */
    private static SocketChannel connectWithRetry(UnixDomainSocketAddress address) throws IOException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(address);
                return channel;
            } catch (java.net.ConnectException e) {
                channel.close();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The uplink's switch port number. */
    public int port() {
        return port;
    }

    /** The error that stopped the reader, or null while it runs (or after a clean close). */
    public IOException failure() {
        return failure;
    }

    @Override
    public void deliver(byte[] frame) {
        if (filter != null && !filter.toHost(frame)) {
            return;
        }
        try {
            synchronized (channel) {
                StreamFraming.write(channel, frame);
            }
        } catch (IOException e) {
            if (!closing) {
                failure = e; // the host side is gone; frames to it are lost like on an unplugged cable
            }
        }
    }

    private void readLoop() {
        try {
            byte[] frame;
            while ((frame = StreamFraming.read(channel)) != null) {
                if (filter != null) {
                    filter.fromHost(frame);
                }
                inlet.forward(port, frame);
            }
        } catch (IOException e) {
            if (!closing) {
                failure = e;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        lan.detach(port);
        channel.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
