package org.denali.sdk.build;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where the Ilwaco SDK's C side lives: {@code include/} (public headers), {@code libilwaco/} (library sources)
 * and {@code link/denali.ld} (the link map) under one root, the {@code ilwaco-sdk} folder of the repository.
 *
 * <p>{@link #locate()} looks, in order, at
 * <ol>
 *   <li>the system property {@value #PROPERTY} (e.g. {@code java -Ddenali.sdk.home=/opt/denali/ilwaco-sdk});</li>
 *   <li>the environment variable {@value #ENVIRONMENT};</li>
 *   <li>the folders above this class's jar or classes directory: the repository's {@code ./denali} runs
 *       {@code ilwaco-sdk/target/ilwaco-sdk-*.jar} and tests run {@code ilwaco-sdk/target/classes}, both two
 *       levels below the root;</li>
 *   <li>the copy embedded in the jar itself, extracted by {@link EmbeddedSdk} into {@code ~/.cache/denali/sdk}
 *       (an SDK installed from the update site, where there is no repository).</li>
 * </ol>
 */
public record SdkLayout(Path root) {
    public static final String PROPERTY = "denali.sdk.home";
    public static final String ENVIRONMENT = "DENALI_SDK_HOME";
    private static final int PARENT_LEVELS_SEARCHED = 4;

    public SdkLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path includeDir() {
        return root.resolve("include");
    }

    public Path librarySources() {
        return root.resolve("libilwaco");
    }

    public Path linkScript() {
        return root.resolve("link").resolve("denali.ld");
    }

    /** True if the three parts exist under {@link #root()}. */
    public boolean isComplete() {
        return Files.isRegularFile(includeDir().resolve("denali.h")) && Files.isDirectory(librarySources())
                && Files.isRegularFile(linkScript());
    }

    /** The SDK by the rules in the class comment, or a {@link ProjectException} that says how to point at it. */
    public static SdkLayout locate() throws ProjectException {
        for (String[] configured : new String[][] {
                {"system property " + PROPERTY, System.getProperty(PROPERTY)},
                {"environment variable " + ENVIRONMENT, System.getenv(ENVIRONMENT)}}) {
            if (configured[1] != null && !configured[1].isBlank()) {
                SdkLayout sdk = new SdkLayout(Path.of(configured[1]));
                if (!sdk.isComplete()) {
                    throw new ProjectException(configured[0] + " names " + sdk.root()
                            + ", which has no include/denali.h, libilwaco/ and link/denali.ld");
                }
                return sdk;
            }
        }
        Optional<SdkLayout> repository = besideCode();
        if (repository.isPresent()) {
            return repository.get();
        }
        try {
            return EmbeddedSdk.extract(EmbeddedSdk.defaultCache()).orElseThrow(() -> new ProjectException(
                    "cannot find the Ilwaco SDK: set -D" + PROPERTY + " or " + ENVIRONMENT + " to the folder holding"
                    + " include/, libilwaco/ and link/ (ilwaco-sdk in the repository)"));
        } catch (java.io.IOException e) {
            throw new ProjectException("cannot extract the embedded Ilwaco SDK to " + EmbeddedSdk.defaultCache()
                    + ": " + e.getMessage());
        }
    }

    private static Optional<SdkLayout> besideCode() {
        CodeSource source = SdkLayout.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        Path here;
        try {
            here = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // not a file: URL (e.g. an OSGi bundle location)
        }
        for (int i = 0; i < PARENT_LEVELS_SEARCHED && here != null; i++, here = here.getParent()) {
            SdkLayout candidate = new SdkLayout(here);
            if (candidate.isComplete()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
