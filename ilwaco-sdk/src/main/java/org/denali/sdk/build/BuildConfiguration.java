package org.denali.sdk.build;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A build configuration as CDT users know them: the same sources and SDK flags, compiled for debugging or for
 * speed. Each keeps its objects in its own folder ({@code build/debug/obj}, {@code build/release/obj}), so
 * switching never mixes objects of both; the image is {@code NAME.elf} either way.
 */
public enum BuildConfiguration {
    /**
     * For the debugger: {@code -O0} gives every statement its own code and keeps {@code static inline} functions
     * out of line, and the frame pointer makes every frame unwindable the way the IDE and the GDB stub walk stacks
     * ({@code -g} is part of every build). {@code -Og} was tried first: it inlines the SDK's header functions, so a
     * breakpoint on a line of {@code main} stopped "in denali.h" — the IDE reads DWARF line tables, not inlining.
     */
    DEBUG("debug", List.of("-O0", "-fno-omit-frame-pointer")),
    /** Optimised code, what guests have always been built with. */
    RELEASE("release", List.of("-O2"));

    /** The {@code denali.properties} key choosing a project's configuration. */
    public static final String PROPERTY = "build.configuration";
    /** Projects that choose none are built as they always were. */
    public static final BuildConfiguration DEFAULT = RELEASE;

    private final String id;
    private final List<String> optimisation;

    BuildConfiguration(String id, List<String> optimisation) {
        this.id = id;
        this.optimisation = optimisation;
    }

    /** The name in {@code denali.properties}, {@code denali build --config} and the IDE. */
    public String id() {
        return id;
    }

    /** The optimisation flags, before the project's own {@code cflags} (which may override them). */
    public List<String> optimisation() {
        return optimisation;
    }

    /** The configuration named {@code text} (case-insensitive); the message lists the valid names. */
    public static BuildConfiguration parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a build configuration: use "
                        + Arrays.stream(values()).map(BuildConfiguration::id).collect(Collectors.joining(" or "))));
    }
}
