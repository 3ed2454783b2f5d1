package org.denali.emulator.net;

import java.util.ArrayList;
import java.util.List;

/**
 * A guest's static IPv4 configuration as passt needs to know it (addresses as host ints, 0x0A000002 = 10.0.0.2).
 *
 * @param address the guest's address
 * @param prefixLength its subnet prefix, 1..32
 * @param gateway the gateway the guest uses (passt answers for it and maps it to the host), or 0 for none
 */
public record GuestAddressing(int address, int prefixLength, int gateway) {
    public GuestAddressing {
        if (address == 0) {
            throw new IllegalArgumentException("a static guest address cannot be 0.0.0.0");
        }
        if (prefixLength < 1 || prefixLength > 32) {
            throw new IllegalArgumentException("an IPv4 prefix length is 1..32: " + prefixLength);
        }
    }

    /** passt's {@code --address}, {@code --netmask} and {@code --gateway} options. */
    List<String> passtOptions() {
        List<String> options = new ArrayList<>(List.of("--address", dotted(address), "--netmask",
            Integer.toString(prefixLength)));
        if (gateway != 0) {
            options.addAll(List.of("--gateway", dotted(gateway)));
        }
        return options;
    }

    static String dotted(int value) {
        return (value >>> 24) + "." + (value >>> 16 & 0xff) + "." + (value >>> 8 & 0xff) + "." + (value & 0xff);
    }
}
