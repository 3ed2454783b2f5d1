package org.denali.sdk.build;

import java.nio.file.Path;

/**
 * What a build tells its caller while it runs, and how the caller stops it: the IDE shows one step per compiled
 * file and cancels between files (the command line uses {@link #NONE}).
 */
public interface BuildProgress {
    BuildProgress NONE = new BuildProgress() {
    };

    /** About to compile {@code source}, the {@code index}-th (0-based) of {@code total} project sources. */
    default void compiling(Path source, int index, int total) {
    }

    /** Asked before every compiler run; true makes the build stop with {@link InterruptedException}. */
    default boolean cancelled() {
        return false;
    }
}
