package org.denali.emulator.devices.disk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kernel's "simple file system" for virtual disks (paper §1.3): a directory holding one file
 * {@code NAME.disk} per disk, each a fixed number of 4 KB blocks. It also enforces the sharing rule: a disk is
 * either attached writable to exactly one VM, or read-only to any number of VMs. Thread-safe.
 */
public final class DiskStore implements Closeable {
    /** Disk names: 1-64 characters, lowercase letters, digits, '.', '_' and '-', starting with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final String SUFFIX = ".disk";

    private final Path directory;
    private final Map<String, VirtualDisk> open = new HashMap<>();
    private final Map<String, Integer> readers = new HashMap<>();
    private final Map<String, Boolean> writer = new HashMap<>();

    public DiskStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    public Path directory() {
        return directory;
    }

    /** Creates a zero-filled disk of {@code blocks} 4 KB blocks; fails if the name is taken or invalid. */
    public synchronized void create(String name, int blocks) throws IOException {
        Path file = fileOf(name);
        if (blocks <= 0) {
            throw new IllegalArgumentException("a disk needs at least one block: " + blocks);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.allocate(1), (long) blocks * VirtualDisk.BLOCK_SIZE - 1);
            channel.force(true);
        }
        syncDirectory();
    }

    public synchronized boolean exists(String name) {
        return Files.exists(fileOf(name));
    }

    /** Names of all disks in the directory, sorted. */
    public synchronized List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                .map(n -> n.substring(0, n.length() - SUFFIX.length())).filter(n -> NAME.matcher(n).matches())
                .sorted().forEach(names::add);
        }
        return names;
    }

    /** Deletes a disk that no VM has attached. */
    public synchronized void delete(String name) throws IOException {
        if (open.containsKey(name)) {
            throw new IllegalStateException("disk " + name + " is attached");
        }
        Files.delete(fileOf(name));
    }

    /**
     * Grants disk {@code name} to a VM. Many read-only attachments of one disk may coexist; a writable attachment
     * is exclusive.
     *
     * @throws IllegalStateException if the sharing rule forbids it
     */
    public synchronized DiskAttachment attach(String name, boolean readOnly) throws IOException {
        Path file = fileOf(name);
        if (writer.getOrDefault(name, false) || !readOnly && readers.getOrDefault(name, 0) > 0) {
            throw new IllegalStateException("disk " + name + " is attached " + (readOnly ? "writable" : "already")
                + "; only read-only attachments can be shared");
        }
        VirtualDisk disk = open.get(name);
        if (disk == null) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long size = channel.size();
            if (size == 0 || size % VirtualDisk.BLOCK_SIZE != 0) {
                channel.close();
                throw new IOException("disk file " + file + " is not a whole number of 4 KB blocks: " + size);
            }
            disk = new VirtualDisk(name, file, channel, (int) Math.min(size / VirtualDisk.BLOCK_SIZE, Integer.MAX_VALUE));
            open.put(name, disk);
        }
        if (readOnly) {
            readers.merge(name, 1, Integer::sum);
        } else {
            writer.put(name, true);
        }
        return new DiskAttachment(disk, readOnly);
    }

    /** Returns an attachment (the VM terminated); the file is closed when no attachment is left. */
    public synchronized void detach(DiskAttachment attachment) throws IOException {
        String name = attachment.disk().name();
        if (attachment.readOnly()) {
            readers.merge(name, -1, Integer::sum);
            if (readers.get(name) <= 0) {
                readers.remove(name);
            }
        } else {
            writer.remove(name);
        }
        if (!readers.containsKey(name) && !writer.containsKey(name)) {
            VirtualDisk disk = open.remove(name);
            if (disk != null) {
                disk.close();
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        for (VirtualDisk disk : open.values()) {
            disk.close();
        }
        open.clear();
        readers.clear();
        writer.clear();
    }

    private Path fileOf(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid disk name '" + name + "': use " + NAME.pattern());
        }
        return directory.resolve(name + SUFFIX);
    }

    /** Makes the new directory entry durable too, so a created disk survives a host crash. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open directories; the disk file itself is already forced.
        }
    }
}
