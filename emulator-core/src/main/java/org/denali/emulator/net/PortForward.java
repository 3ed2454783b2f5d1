package org.denali.emulator.net;

/** A host TCP port forwarded to a guest TCP port, as in {@code --net passt:8080:80}. */
public record PortForward(int hostPort, int guestPort) {
    public PortForward {
        if (hostPort < 1 || hostPort > 65535 || guestPort < 1 || guestPort > 65535) {
            throw new IllegalArgumentException("ports must be in 1..65535: " + hostPort + ":" + guestPort);
        }
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

    /** passt's {@code -t} argument. */
    String passtSpec() {
        return hostPort + ":" + guestPort;
    }
}
