package org.denali.emulator.net;

/** Something plugged into the {@link EthernetSwitch}: a VM's NIC or the uplink to the host. */
@FunctionalInterface
public interface SwitchPort {
    /**
     * A frame the switch forwards to this port. The array is this port's own copy. Called on the switch's caller's
     * thread with no switch lock held; must not block for long (queue it).
     */
    void deliver(byte[] frame);
}
