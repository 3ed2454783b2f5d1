package org.denali.ide.core.launch;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;

/**
 * The devices part of a Denali Guest configuration, beside {@link GuestLaunchSettings}: what each VM is given and
 * how its LAN reaches the host. Every value is the text of the matching {@code denali run} option (empty: not
 * passed), so the kernel's own parser validates it and reports mistakes with its message.
 *
 * @param swap     swap region per VM ({@code --swap}, e.g. 32M)
 * @param disks    disks from the project's ./disks ({@code --disk NAME[=SIZE][:ro],...})
 * @param forwards host TCP ports forwarded through passt to guest ports ({@code --net passt:H:G,...}, given as
 *                 {@code H:G,...})
 * @param ip       static addresses ({@code --ip A.B.C.D/PREFIX}; empty: the guests ask passt by DHCP)
 * @param pcap     capture of the VMs' LAN ({@code --pcap FILE}, relative to the project)
 */
public record GuestDeviceSettings(String swap, String disks, String forwards, String ip, String pcap) {
    private static final String PREFIX = "org.denali.ide.core.launch.";
    static final String SWAP = PREFIX + "swap";
    static final String DISKS = PREFIX + "disks";
    static final String FORWARDS = PREFIX + "forwards";
    static final String IP = PREFIX + "ip";
    static final String PCAP = PREFIX + "pcap";

    public static final GuestDeviceSettings NONE = new GuestDeviceSettings("", "", "", "", "");

    public static GuestDeviceSettings read(ILaunchConfiguration config) throws CoreException {
        return new GuestDeviceSettings(config.getAttribute(SWAP, ""), config.getAttribute(DISKS, ""),
                config.getAttribute(FORWARDS, ""), config.getAttribute(IP, ""), config.getAttribute(PCAP, ""));
    }

    public void writeTo(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(SWAP, swap);
        config.setAttribute(DISKS, disks);
        config.setAttribute(FORWARDS, forwards);
        config.setAttribute(IP, ip);
        config.setAttribute(PCAP, pcap);
    }

    /** The {@code denali run} options for these devices. */
    public List<String> runOptions() {
        List<String> options = new ArrayList<>();
        GuestLaunchSettings.addIfSet(options, "--swap", swap);
        GuestLaunchSettings.addIfSet(options, "--disk", disks);
        GuestLaunchSettings.addIfSet(options, "--net", forwards.isBlank() ? "" : "passt:" + forwards.trim());
        GuestLaunchSettings.addIfSet(options, "--ip", ip);
        GuestLaunchSettings.addIfSet(options, "--pcap", pcap);
        return options;
    }

    /** What is visibly wrong before the kernel sees it, or {@code null}: the forwards' shape. */
    public String validate() {
        if (forwards.isBlank()) {
            return null;
        }
        for (String forward : forwards.split(",")) {
            if (!forward.trim().matches("\\d{1,5}:\\d{1,5}")) {
                return "Forwards are HOSTPORT:GUESTPORT pairs separated by commas, e.g. 8080:80 (not '"
                        + forward.trim() + "').";
            }
        }
        return null;
    }
}
