package org.denali.emulator.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.devices.PortRange;

/**
 * One VM's port map: every device's {@link PortDevice#ports() ranges}, sorted and checked for overlaps when the VM
 * is assembled (two devices claiming one port is a kernel bug, reported then, not a guess at the first PIO). A
 * lookup is a binary search over the ranges' first ports. Small: two int arrays and the devices.
 */
final class PortTable {
    private final int[] firsts;
    private final int[] lasts;
    private final PortDevice[] devices;

    private record Entry(PortRange range, PortDevice device) {
    }

    /** @throws IllegalStateException if two devices register overlapping ranges (naming both) */
    PortTable(List<PortDevice> devices) {
        List<Entry> entries = new ArrayList<>();
        for (PortDevice device : devices) {
            for (PortRange range : device.ports()) {
                entries.add(new Entry(range, device));
            }
        }
        entries.sort(Comparator.comparingInt(e -> e.range().first()));
        for (int i = 1; i < entries.size(); i++) {
            Entry before = entries.get(i - 1);
            Entry entry = entries.get(i);
            if (before.range().overlaps(entry.range())) {
                throw new IllegalStateException("ports " + before.range() + " of " + name(before.device())
                    + " and " + entry.range() + " of " + name(entry.device()) + " overlap");
            }
        }
        this.firsts = new int[entries.size()];
        this.lasts = new int[entries.size()];
        this.devices = new PortDevice[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            firsts[i] = entries.get(i).range().first();
            lasts[i] = entries.get(i).range().last();
            this.devices[i] = entries.get(i).device();
        }
    }

    /** The device serving {@code port}, or null if none does. */
    PortDevice deviceFor(int port) {
        int low = 0;
        int high = firsts.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (port < firsts[middle]) {
                high = middle - 1;
            } else if (port > lasts[middle]) {
                low = middle + 1;
            } else {
                return devices[middle];
            }
        }
        return null;
    }

    private static String name(PortDevice device) {
        String name = device.getClass().getSimpleName();
        return name.isEmpty() ? device.getClass().getName() : name;
    }
}
