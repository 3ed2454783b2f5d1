package org.denali.emulator.net;

/** A host TCP or UDP port forwarded to a guest port, as in {@code --net passt:8080:80} (TCP). */
public record PortForward(Protocol protocol, int hostPort, int guestPort) {
    public enum Protocol {
        TCP("--tcp-ports"), UDP("--udp-ports");

        private final String passtOption;

        Protocol(String passtOption) {
            this.passtOption = passtOption;
        }
    }

    public PortForward {
        if (protocol == null) {
            throw new IllegalArgumentException("a forward needs a protocol");
        }
        if (hostPort < 1 || hostPort > 65535 || guestPort < 1 || guestPort > 65535) {
            throw new IllegalArgumentException("ports must be in 1..65535: " + hostPort + ":" + guestPort);
        }
    }

    /** A TCP forward. */
    public PortForward(int hostPort, int guestPort) {
        this(Protocol.TCP, hostPort, guestPort);
    }

    /** Parses {@code HOSTPORT:GUESTPORT}. */
    public static PortForward parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected HOSTPORT:GUESTPORT, got " + text);
        }
        try {
            return new PortForward(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected HOSTPORT:GUESTPORT, got " + text, e);
        }
    }

    /** passt's option for this protocol ({@code --tcp-ports} / {@code --udp-ports}). */
    String passtOption() {
        return protocol.passtOption;
    }

    /** The value of that option. */
    String passtSpec() {
        return hostPort + ":" + guestPort;
    }
}
