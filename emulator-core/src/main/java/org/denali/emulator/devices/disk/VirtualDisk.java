package org.denali.emulator.devices.disk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One persistent disk: a file of exactly {@code blocks * 4096} bytes, block {@code i} at offset {@code i * 4096}.
 * Positional reads and writes on the channel are safe from several I/O threads at once.
 */
public final class VirtualDisk implements Closeable {
    public static final int BLOCK_SIZE = 4096;

    private final String name;
    private final Path file;
    private final FileChannel channel;
    private final int blocks;

    VirtualDisk(String name, Path file, FileChannel channel, int blocks) {
        this.name = name;
        this.file = file;
        this.channel = channel;
        this.blocks = blocks;
    }

    public String name() {
        return name;
    }

    public Path file() {
        return file;
    }

    public int blocks() {
        return blocks;
    }

    /** Reads block {@code block} into {@code target} (4096 bytes). */
    public void read(int block, byte[] target) throws IOException {
        checkBlock(block, target);
        ByteBuffer buffer = ByteBuffer.wrap(target);
        long position = (long) block * BLOCK_SIZE;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException("disk " + name + " is shorter than its " + blocks + " blocks");
            }
        }
    }

    /**
     * Writes block {@code block} and returns only once it is on stable storage ({@code force}), so the caller may
     * acknowledge it.
     */
    public void writeDurably(int block, byte[] data) throws IOException {
        checkBlock(block, data);
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long position = (long) block * BLOCK_SIZE;
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
        // Content only: the file was sized at creation, so no metadata change is needed to find the data again
        // (on Linux this is fdatasync, which also persists any block allocation the write caused).
        channel.force(false);
    }

    private void checkBlock(int block, byte[] data) {
        if (block < 0 || block >= blocks) {
            throw new IllegalArgumentException("block " + block + " outside disk " + name + " of " + blocks + " blocks");
        }
        if (data.length != BLOCK_SIZE) {
            throw new IllegalArgumentException("a block is 4096 bytes");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
