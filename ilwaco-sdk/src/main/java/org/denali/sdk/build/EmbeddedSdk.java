package org.denali.sdk.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The SDK's C side as carried inside the ilwaco-sdk jar (resources under {@code org/denali/sdk/c/}, listed in
 * {@code index.txt} by the build). An SDK installed from the update site has no repository to point at, so
 * {@link #extract(Path)} copies the files to a cache folder named after their content hash: a new SDK version
 * gets a fresh folder, an unchanged one is reused, and a half-written folder is never taken for complete.
 */
public final class EmbeddedSdk {
    static final String RESOURCE_ROOT = "/org/denali/sdk/c/";
    private static final String COMPLETE_MARKER = ".complete";

    private EmbeddedSdk() {
    }

    /** The default cache: {@code ~/.cache/denali/sdk}. */
    public static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "denali", "sdk");
    }

    /** The embedded file list, or empty when this class was loaded without the embedded SDK. */
    static Optional<List<String>> index() {
        try (InputStream in = EmbeddedSdk.class.getResourceAsStream(RESOURCE_ROOT + "index.txt")) {
            if (in == null) {
                return Optional.empty();
            }
            List<String> files = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            return Optional.of(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Extracts the embedded SDK under {@code cacheRoot} (once per content version) and returns its layout, or
     * empty when this jar carries no embedded SDK.
     */
    public static Optional<SdkLayout> extract(Path cacheRoot) throws IOException {
        Optional<List<String>> index = index();
        if (index.isEmpty()) {
            return Optional.empty();
        }
        byte[][] contents = new byte[index.get().size()][];
        MessageDigest digest = sha256();
        for (int i = 0; i < contents.length; i++) {
            String name = index.get().get(i);
            contents[i] = read(name);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(contents[i]);
        }
        String version = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        Path target = cacheRoot.resolve(version);
        if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
            Path staging = Files.createDirectories(cacheRoot).resolve(version + ".tmp-" + ProcessHandle.current().pid());
            for (int i = 0; i < contents.length; i++) {
                Path file = staging.resolve(index.get().get(i));
                Files.createDirectories(file.getParent());
                Files.write(file, contents[i]);
            }
            Files.createFile(staging.resolve(COMPLETE_MARKER));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    throw raced; // not a concurrent extraction that won: a real failure
                }
                FileTrees.delete(staging);
            }
        }
        return Optional.of(new SdkLayout(target));
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = EmbeddedSdk.class.getResourceAsStream(RESOURCE_ROOT + name)) {
            if (in == null) {
                throw new IOException("embedded SDK index names " + name + " but the jar lacks it");
            }
            return in.readAllBytes();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
