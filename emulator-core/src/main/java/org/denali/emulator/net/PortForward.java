package org.denali.emulator.net;

/**
 * A host TCP or UDP port forwarded to a guest port, as in {@code --net passt:8080:80} (TCP). The host side listens
 * on {@code bindAddress}: loopback unless the user asks for another address ({@code 0.0.0.0/8080:80}).
 */
public record PortForward(Protocol protocol, String bindAddress, int hostPort, int guestPort) {
    public static final String LOOPBACK = "127.0.0.1";

    public enum Protocol {
        TCP("--tcp-ports"), UDP("--udp-ports");

        private final String passtOption;

        Protocol(String passtOption) {
            this.passtOption = passtOption;
        }
    }

    public PortForward {
        if (bindAddress == null || !bindAddress.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("a forward binds an IPv4 address like 127.0.0.1, not " + bindAddress);
        }
        if (protocol == null) {
            throw new IllegalArgumentException("a forward needs a protocol");
        }
        if (hostPort < 1 || hostPort > 65535 || guestPort < 1 || guestPort > 65535) {
            throw new IllegalArgumentException("ports must be in 1..65535: " + hostPort + ":" + guestPort);
        }
    }

    /** A forward listening on loopback. */
    public PortForward(Protocol protocol, int hostPort, int guestPort) {
        this(protocol, LOOPBACK, hostPort, guestPort);
    }

    /** A TCP forward listening on loopback. */
    public PortForward(int hostPort, int guestPort) {
        this(Protocol.TCP, hostPort, guestPort);
    }

    /** Parses {@code [ADDRESS/]HOSTPORT:GUESTPORT} (ADDRESS defaults to 127.0.0.1). */
    public static PortForward parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? LOOPBACK : text.substring(0, slash);
        String[] parts = text.substring(slash + 1).split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected [ADDRESS/]HOSTPORT:GUESTPORT, got " + text);
        }
        try {
            return new PortForward(Protocol.TCP, address, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected [ADDRESS/]HOSTPORT:GUESTPORT, got " + text, e);
        }
    }

    /** passt's option for this protocol ({@code --tcp-ports} / {@code --udp-ports}). */
    String passtOption() {
        return protocol.passtOption;
    }

    /** The value of that option. */
    String passtSpec() {
        return bindAddress + "/" + hostPort + ":" + guestPort;
    }
}
