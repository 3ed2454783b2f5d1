package org.denali.sdk.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks a guest image file for {@code denali run} and {@code denali disasm} before reading a byte of it: a device,
 * FIFO or socket (which would block or never end) and a file larger than the VM could load are refused with a
 * message that says why, instead of a hang or an OutOfMemoryError.
 */
final class ImageFiles {
    /** Room beyond the VM's memory for what an image file carries but does not load: symbols, debug information. */
    static final long SYMBOL_SLACK = 64L << 20;

    /** A user-facing reason an image cannot be used; the message already names the file. */
    static final class BadImageFile extends Exception {
        BadImageFile(String message) {
            super(message);
        }
    }

    private ImageFiles() {
    }

    /**
     * @param given the path as the user wrote it (for messages)
     * @param maxBytes the largest file accepted
     * @param limitReason why that is the limit, e.g. "a VM with --memory 16M could load"
     */
    static void check(Path file, String given, long maxBytes, String limitReason) throws BadImageFile {
        if (Files.isDirectory(file)) {
            throw new BadImageFile(given + " is a directory, not an ELF image");
        }
        if (!Files.exists(file)) {
            throw new BadImageFile(given + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadImageFile(given + " is not a regular file (a device, FIFO or socket): an image must be an "
                + "ELF file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BadImageFile(describe(given, e));
        }
        if (size > maxBytes) {
            throw new BadImageFile(given + " is " + human(size) + ": larger than " + limitReason + " (at most "
                + human(maxBytes) + ")");
        }
        if (!Files.isReadable(file)) {
            throw new BadImageFile(given + ": permission denied");
        }
    }

    /** {@link #check}, then the whole file. */
    static byte[] read(Path file, String given, long maxBytes, String limitReason) throws BadImageFile {
        check(file, given, maxBytes, limitReason);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadImageFile(describe(given, e));
        }
    }

    /** "FILE: reason" for an I/O failure, never the path twice. */
    static String describe(String given, IOException e) {
        if (e instanceof NoSuchFileException) {
            return given + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return given + ": permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return given + ": " + f.getReason();
        }
        return given + ": " + e.getMessage();
    }

    /** The largest file the JVM can hold as one array with room to spare, whatever the VM could load. */
    static long heapLimit() {
        return Math.min(Integer.MAX_VALUE - 64L, Runtime.getRuntime().maxMemory() / 4);
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return bytes % (1L << 30) == 0 ? (bytes >> 30) + "G" : String.format("%.1fG", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return (bytes >> 20) + "M";
        }
        if (bytes >= 1L << 10) {
            return (bytes >> 10) + "K";
        }
        return bytes + " bytes";
    }
}
