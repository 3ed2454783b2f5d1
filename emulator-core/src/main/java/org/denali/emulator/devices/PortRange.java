package org.denali.emulator.devices;

/**
 * Consecutive I/O ports a device serves, {@code first} to {@code last} inclusive. Devices register their ranges
 * with the VM's port table at assembly, where overlaps are refused (as Firecracker's bus does), so a guest's
 * {@code in}/{@code out} is routed by looking the port up, never by asking each device.
 */
public record PortRange(int first, int last) {
    public PortRange {
        if (first < 0 || last > 0xFFFF || first > last) {
            throw new IllegalArgumentException(String.format("not a port range: %#x..%#x", first, last));
        }
    }

    /** One port. */
    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public boolean overlaps(PortRange other) {
        return first <= other.last && other.first <= last;
    }

    @Override
    public String toString() {
        return first == last ? String.format("%#x", first) : String.format("%#x..%#x", first, last);
    }
}
