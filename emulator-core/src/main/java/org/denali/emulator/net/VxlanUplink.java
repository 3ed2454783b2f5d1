package org.denali.emulator.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The switch's port to other kernels (or a Linux {@code vxlan} interface, bridge or Open vSwitch) over VXLAN
 * (RFC 7348): each frame the switch sends this port is wrapped in the 8-byte {@link VxlanHeader} with the LAN's VNI
 * and sent as one UDP datagram, and each datagram from a peer is unwrapped into the switch, which learns the remote
 * MACs on this port. This port in turn learns which peer each remote MAC lives behind; frames to a MAC it has not
 * seen, and broadcasts, go to every peer — what Linux's vxlan does with static remotes (head-end replication).
 * Frames that came in from a peer never go back out to the peers (the switch never sends a frame to the port it
 * came from), so a full mesh of kernels has no loops.
 *
 * <p>The peers are untrusted: a datagram is decapsulated only if it comes from a peer's address, is long enough,
 * has the I flag, carries this LAN's VNI and an inner frame no longer than Ethernet allows; anything else is dropped
 * and counted ({@link VxlanStats}). The remote MACs learned are bounded, so a peer inventing source addresses cannot
 * grow this port's table or the switch's.
 */
public final class VxlanUplink implements SwitchPort, Closeable {
    /** The largest inner frame: 1500 bytes of payload, the Ethernet header and one 802.1Q tag. */
    public static final int MAX_FRAME = 1500 + 14 + 4;
    /** Remote MACs remembered at most; frames from further new MACs are dropped. */
    public static final int MAX_REMOTE_MACS = 4096;
    private static final int MIN_FRAME = 14;

    private final DatagramChannel channel;
    private final EthernetSwitch lan;
    private final VxlanConfig config;
    private final int port;
    private final Thread reader;
    private final Map<MacAddress, InetSocketAddress> remote = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private volatile IOException failure;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong droppedShort = new AtomicLong();
    private final AtomicLong droppedFlags = new AtomicLong();
    private final AtomicLong droppedVni = new AtomicLong();
    private final AtomicLong droppedOversize = new AtomicLong();
    private final AtomicLong droppedForeign = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();

    private VxlanUplink(DatagramChannel channel, EthernetSwitch lan, VxlanConfig config) {
        this.channel = channel;
        this.lan = lan;
        this.config = config;
        this.port = lan.attach(this, null);
        this.reader = new Thread(this::readLoop, "vxlan-uplink");
        this.reader.setDaemon(true);
    }

    /**
     * Binds the local endpoint's UDP port and plugs the uplink into {@code lan}. A port already in use (or an
     * address this host does not have) is an IOException naming the endpoint.
     */
    public static VxlanUplink open(VxlanConfig config, EthernetSwitch lan) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            // bursts: a quantum's end may hand the link 64 frames per VM; the host caps this at net.core.rmem_max
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.bind(config.local());
        } catch (IOException e) {
            channel.close();
            throw new IOException("VXLAN endpoint " + VxlanConfig.format(config.local()) + ": cannot listen on UDP ("
                + e.getMessage() + ")", e);
        }
        VxlanUplink uplink = new VxlanUplink(channel, lan, config);
        uplink.reader.start();
        return uplink;
    }

    /** The UDP address the endpoint listens on (its port resolved when 0 was asked for). */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    public int port() {
        return port;
    }

    public VxlanStats stats() {
        return new VxlanStats(sent.get(), received.get(), droppedShort.get(), droppedFlags.get(), droppedVni.get(),
            droppedOversize.get(), droppedForeign.get(), sendErrors.get());
    }

    /** The error that stopped the reader, or null while it runs (or after a clean close). */
    public IOException failure() {
        return failure;
    }

    @Override
    public void deliver(byte[] frame) {
        if (frame.length > MAX_FRAME) {
            droppedOversize.incrementAndGet();
            return;
        }
        MacAddress destination = MacAddress.of(frame, 0);
        InetSocketAddress peer = destination.isGroup() ? null : remote.get(destination);
        ByteBuffer datagram = ByteBuffer.wrap(VxlanHeader.encapsulate(config.vni(), frame));
        if (peer != null) {
            send(datagram, peer);
        } else {
            for (InetSocketAddress each : config.peers()) {
                send(datagram.rewind(), each);
            }
        }
    }

    private void send(ByteBuffer datagram, InetSocketAddress peer) {
        try {
            channel.send(datagram, peer);
            sent.incrementAndGet();
        } catch (IOException e) {
            sendErrors.incrementAndGet(); // like a frame on an unplugged cable: TCP in the guests recovers
        }
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        try {
            while (true) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
                buffer.flip();
                byte[] datagram = new byte[buffer.remaining()];
                buffer.get(datagram);
                accept(from, datagram);
            }
        } catch (IOException e) {
            if (!closing) {
                failure = e;
            }
        }
    }

    /** One datagram from the network: decapsulated onto the LAN or dropped and counted, never thrown at. */
    private void accept(InetSocketAddress from, byte[] datagram) {
        InetSocketAddress peer = peerOf(from);
        if (peer == null) {
            droppedForeign.incrementAndGet();
            return;
        }
        if (datagram.length < VxlanHeader.LENGTH + MIN_FRAME) {
            droppedShort.incrementAndGet();
            return;
        }
        if (!VxlanHeader.vniValid(datagram, 0)) {
            droppedFlags.incrementAndGet();
            return;
        }
        if (VxlanHeader.vni(datagram, 0) != config.vni()) {
            droppedVni.incrementAndGet();
            return;
        }
        if (datagram.length - VxlanHeader.LENGTH > MAX_FRAME) {
            droppedOversize.incrementAndGet();
            return;
        }
        byte[] frame = java.util.Arrays.copyOfRange(datagram, VxlanHeader.LENGTH, datagram.length);
        MacAddress source = MacAddress.of(frame, 6);
        if (!source.isGroup() && peer != ANY_PEER && !learn(source, peer)) {
            droppedForeign.incrementAndGet();
            return;
        }
        received.incrementAndGet();
        lan.forward(port, frame);
    }

    /** Remembers where {@code mac} lives; false when the table is full of other MACs. */
    private boolean learn(MacAddress mac, InetSocketAddress peer) {
        if (remote.size() >= MAX_REMOTE_MACS && !remote.containsKey(mac)) {
            return false;
        }
        remote.put(mac, peer); // a MAC that moved to another peer follows it, as Linux's learning does
        return true;
    }

    /** Marks a datagram from a peer's host whose port does not tell which of its endpoints sent it. */
    private static final InetSocketAddress ANY_PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    /**
     * The peer a datagram came from: the one with its address and port, else the only peer on its host (Linux
     * sends from a port hashed from the inner flow, not from its VXLAN port), else {@link #ANY_PEER} if several
     * peers share that host (the frame is accepted, its MAC not learned: replies are flooded), else null.
     */
    private InetSocketAddress peerOf(InetSocketAddress from) {
        List<InetSocketAddress> peers = config.peers();
        InetSocketAddress onHost = null;
        int sameHost = 0;
        for (InetSocketAddress peer : peers) {
            if (peer.equals(from)) {
                return peer;
            }
            if (peer.getAddress().equals(from.getAddress())) {
                onHost = peer;
                sameHost++;
            }
        }
        return sameHost == 1 ? onHost : sameHost > 1 ? ANY_PEER : null;
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
