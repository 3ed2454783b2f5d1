package org.denali.emulator.kernel;

import java.util.List;
import org.denali.emulator.devices.PortDevice;

/**
 * Builds the extra devices of one VM (NIC, disks...) beyond the console, keyboard and timer every VM has. The
 * kernel calls it once per VM at instantiation; the devices' ports must not overlap the built-in ones.
 */
@FunctionalInterface
public interface VmDeviceFactory {
    List<PortDevice> create(VmContext vm);
}
