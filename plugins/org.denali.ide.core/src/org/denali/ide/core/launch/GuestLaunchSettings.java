package org.denali.ide.core.launch;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;

/**
 * The attributes of a Denali Guest launch configuration, read and written in one place so the launch tabs,
 * the launch shortcut, the delegate and the tests agree on names and defaults. Empty strings mean "the
 * kernel's default" for the sized options, so a configuration never pins a value the user did not choose.
 *
 * @param project        the guest project's name
 * @param image          the image, relative to the project (normally {@code <project>.elf})
 * @param count          how many VMs of the image to boot ({@code --count})
 * @param memory         accessible memory per VM, e.g. {@code 16M} ({@code --memory}); empty for the default
 * @param quantum        scheduler quantum, {@code N} instructions or {@code Nus} ({@code --quantum}); empty for the default
 * @param physMemory     physical backing for the gatekeeper ({@code --phys-memory}); empty for unlimited
 * @param deterministic  virtual time from instruction counts ({@code --deterministic})
 * @param syncInterrupts switch to a VM as soon as an interrupt arrives ({@code --sync-interrupts})
 */
public record GuestLaunchSettings(String project, String image, int count, String memory, String quantum,
        String physMemory, boolean deterministic, boolean syncInterrupts) {

    public static final String TYPE_ID = "org.denali.ide.core.guestLaunch";

    private static final String PREFIX = "org.denali.ide.core.launch.";
    static final String PROJECT = PREFIX + "project";
    static final String IMAGE = PREFIX + "image";
    static final String COUNT = PREFIX + "count";
    static final String MEMORY = PREFIX + "memory";
    static final String QUANTUM = PREFIX + "quantum";
    static final String PHYS_MEMORY = PREFIX + "physMemory";
    static final String DETERMINISTIC = PREFIX + "deterministic";
    static final String SYNC_INTERRUPTS = PREFIX + "syncInterrupts";

    /** One VM of {@code <project>.elf} (no image without a project) with every kernel option at its default. */
    public static GuestLaunchSettings defaults(String project) {
        return new GuestLaunchSettings(project, project.isEmpty() ? "" : project + ".elf", 1, "", "", "", false,
                false);
    }

    public static GuestLaunchSettings read(ILaunchConfiguration config) throws CoreException {
        String project = config.getAttribute(PROJECT, "");
        return new GuestLaunchSettings(project,
                config.getAttribute(IMAGE, project.isEmpty() ? "" : project + ".elf"),
                config.getAttribute(COUNT, 1),
                config.getAttribute(MEMORY, ""),
                config.getAttribute(QUANTUM, ""),
                config.getAttribute(PHYS_MEMORY, ""),
                config.getAttribute(DETERMINISTIC, false),
                config.getAttribute(SYNC_INTERRUPTS, false));
    }

    /** The project of a Denali launch configuration (guest or attach); empty if none. */
    public static String projectOf(ILaunchConfiguration config) throws CoreException {
        return config.getAttribute(PROJECT, "");
    }

    public void writeTo(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(PROJECT, project);
        config.setAttribute(IMAGE, image);
        config.setAttribute(COUNT, count);
        config.setAttribute(MEMORY, memory);
        config.setAttribute(QUANTUM, quantum);
        config.setAttribute(PHYS_MEMORY, physMemory);
        config.setAttribute(DETERMINISTIC, deterministic);
        config.setAttribute(SYNC_INTERRUPTS, syncInterrupts);
    }

    /** The {@code denali run} options after the image argument; the kernel validates their values. */
    public List<String> runOptions() {
        List<String> options = new ArrayList<>();
        if (count != 1) {
            options.add("--count");
            options.add(Integer.toString(count));
        }
        addIfSet(options, "--memory", memory);
        addIfSet(options, "--quantum", quantum);
        addIfSet(options, "--phys-memory", physMemory);
        if (deterministic) {
            options.add("--deterministic");
        }
        if (syncInterrupts) {
            options.add("--sync-interrupts");
        }
        return options;
    }

    /** Why these settings cannot be launched, or {@code null}; shared by the tabs and the delegate. */
    public String validate() {
        if (project.isBlank()) {
            return "Choose a Denali guest project.";
        }
        if (image.isBlank()) {
            return "Enter the image to run (a .elf file in the project).";
        }
        if (count < 1) {
            return "The VM count must be at least 1.";
        }
        return null;
    }

    /** {@code flag value} unless the value is blank; shared with {@link GuestDeviceSettings}. */
    static void addIfSet(List<String> options, String flag, String value) {
        if (!value.isBlank()) {
            options.add(flag);
            options.add(value.trim());
        }
    }
}
