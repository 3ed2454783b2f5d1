package org.denali.emulator.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.devices.PortRange;

/**
 * One VM's port map: every device's {@link PortDevice#ports() ranges}, sorted and checked for overlaps when the VM
 * is assembled (two devices claiming one port is a kernel bug, reported then, not a guess at the first PIO). A
 * lookup is a binary search over the ranges' first ports. Per VM only the devices: the ranges are shared.
 */
class PortTable {
    /**
     * The sorted ranges' first and last ports, shared by every VM with the same port map (all VMs of a kernel, as a
     * rule): a million VMs out of memory must not keep a million copies (the ≤ 1 KB record, docs/performance.md).
     */
    private record Layout(int[] firsts, int[] lasts) {
    }

    /** One layout per distinct list of ranges; there are as many as device combinations, a handful. */
    private static final Map<List<PortRange>, Layout> LAYOUTS = new ConcurrentHashMap<>();

    private final Layout layout;
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
        this.layout = LAYOUTS.computeIfAbsent(entries.stream().map(Entry::range).toList(), PortTable::layout);
        this.devices = entries.stream().map(Entry::device).toArray(PortDevice[]::new);
    }

    private static Layout layout(List<PortRange> sorted) {
        return new Layout(sorted.stream().mapToInt(PortRange::first).toArray(),
            sorted.stream().mapToInt(PortRange::last).toArray());
    }

    /** The device serving {@code port}, or null if none does. */
    PortDevice deviceFor(int port) {
        int[] firsts = layout.firsts();
        int[] lasts = layout.lasts();
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

    /** The shared ranges (for the test that they are shared). */
    Object layout() {
        return layout;
    }

    private static String name(PortDevice device) {
        String name = device.getClass().getSimpleName();
        return name.isEmpty() ? device.getClass().getName() : name;
    }
}
