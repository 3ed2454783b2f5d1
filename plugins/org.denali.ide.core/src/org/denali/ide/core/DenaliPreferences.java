package org.denali.ide.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.denali.emulator.arch.MemoryMap;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.ProjectException;
import org.denali.sdk.build.SdkLayout;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;

/**
 * Denali Studio's global settings (Window > Preferences > Denali), read where they take effect: the SDK the
 * builder uses, the options of the kernel's JVM and the memory new guest projects get (clangd's settings are the
 * C editor's, in org.denali.ide.lsp). Stored in the instance scope of this bundle, so the UI page and headless code share them.
 */
public final class DenaliPreferences {
    public static final String QUALIFIER = "org.denali.ide.core";
    /** The Ilwaco SDK folder; empty: the SDK found as {@code denali build} finds it (embedded in the IDE). */
    public static final String SDK_LOCATION = "sdkLocation";
    /** Extra options for the kernel's JVM, space separated (e.g. {@code -Xmx4g}), after the recommended ones. */
    public static final String KERNEL_JVM_OPTIONS = "kernelJvmOptions";
    /**
     * The {@code java} executable that runs the kernel; empty: the IDE's own. The kernel does not run on Java 25
     * (its register pages' volatile accesses are refused: {@code UnsupportedOperationException: setVolatile}), so
     * an Eclipse on such a Java (Eclipse 4.39 and later need Java 21+) names a Java 17 here (docs/build.md).
     */
    public static final String KERNEL_JAVA = "kernelJava";
    /** The {@code vm.memory} of new guest projects, in bytes (decimal or 0x hex). */
    public static final String DEFAULT_MEMORY = "defaultMemory";

    private DenaliPreferences() {
    }

    /** The node the preference page edits. */
    public static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(QUALIFIER);
    }

    private static String get(String key) {
        return Platform.getPreferencesService().getString(QUALIFIER, key, "", null).trim();
    }

    /** The builder for the configured SDK, or the one {@code denali build} would use. */
    public static GuestBuilder guestBuilder() throws ProjectException {
        String location = get(SDK_LOCATION);
        if (location.isEmpty()) {
            return GuestBuilder.forInstalledSdk();
        }
        SdkLayout sdk = new SdkLayout(Path.of(location));
        if (!sdk.isComplete()) {
            throw new ProjectException("the SDK location set in Preferences > Denali, " + location
                    + ", has no include/denali.h, libilwaco/ and link/denali.ld");
        }
        return new GuestBuilder(sdk, GuestBuilder.defaultLibraryCache(sdk));
    }

    /** Why {@code location} cannot be the SDK, or {@code null} if it can (an empty location is the default). */
    public static String sdkLocationProblem(String location) {
        if (location == null || location.isBlank()) {
            return null;
        }
        if (!Files.isDirectory(Path.of(location.trim()))) {
            return "The SDK location is not a folder.";
        }
        return new SdkLayout(Path.of(location.trim())).isComplete() ? null
                : "The SDK location needs include/denali.h, libilwaco/ and link/denali.ld.";
    }

    /** The java executable the user chose for the kernel, if any. */
    public static Optional<String> kernelJava() {
        String java = get(KERNEL_JAVA);
        return java.isEmpty() ? Optional.empty() : Optional.of(java);
    }

    /** Why {@code java} cannot run the kernel, or {@code null} if it can (empty is the IDE's own Java). */
    public static String kernelJavaProblem(String java) {
        if (java == null || java.isBlank()) {
            return null;
        }
        Path path = Path.of(java.trim());
        return Files.isRegularFile(path) && Files.isExecutable(path) ? null
                : "The kernel's Java must be an executable java program (for example /usr/lib/jvm/java-17-openjdk-amd64/bin/java).";
    }

    /** The user's kernel JVM options, split at spaces. */
    public static List<String> kernelJvmOptions() {
        String options = get(KERNEL_JVM_OPTIONS);
        return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
    }

    /** The memory new guest projects get, in bytes. */
    public static long defaultMemory() {
        return parseMemory(get(DEFAULT_MEMORY)).orElse((long) MemoryMap.DEFAULT_MEMORY_SIZE);
    }

    /** A VM memory size in bytes if {@code text} is one a guest can have (a multiple of 4 KiB, in range). */
    public static Optional<Long> parseMemory(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        try {
            long bytes = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16)
                    : Long.parseLong(t);
            boolean valid = bytes > MemoryMap.LINK_BASE && bytes <= Integer.toUnsignedLong(MemoryMap.MAX_MEMORY_SIZE)
                    && bytes % MemoryMap.PAGE_SIZE == 0;
            return valid ? Optional.of(bytes) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
