package org.denali.emulator.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import org.junit.jupiter.api.Test;

class StreamFramingTest {
    @Test
    void framesAreLengthPrefixedBigEndian() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamFraming.write(Channels.newChannel(out), new byte[] {1, 2, 3});
        StreamFraming.write(Channels.newChannel(out), new byte[300]);
        byte[] wire = out.toByteArray();
        assertArrayEquals(new byte[] {0, 0, 0, 3, 1, 2, 3, 0, 0, 1, 44}, java.util.Arrays.copyOf(wire, 11));

        var in = Channels.newChannel(new ByteArrayInputStream(wire));
        assertArrayEquals(new byte[] {1, 2, 3}, StreamFraming.read(in));
        assertEquals(300, StreamFraming.read(in).length);
        assertNull(StreamFraming.read(in), "clean end between frames");
    }

    @Test
    void truncatedOrAbsurdFramesAreErrors() {
        assertThrows(EOFException.class, () -> StreamFraming.read(Channels.newChannel(
            new ByteArrayInputStream(new byte[] {0, 0, 0, 5, 1, 2}))));
        assertThrows(EOFException.class, () -> StreamFraming.read(Channels.newChannel(
            new ByteArrayInputStream(new byte[] {0, 0}))));
        assertThrows(IOException.class, () -> StreamFraming.read(Channels.newChannel(
            new ByteArrayInputStream(new byte[] {0x7F, 0, 0, 0}))));
    }

    @Test
    void portForwardParsing() {
        assertEquals(new PortForward(8080, 80), PortForward.parse("8080:80"));
        assertThrows(IllegalArgumentException.class, () -> PortForward.parse("8080"));
        assertThrows(IllegalArgumentException.class, () -> PortForward.parse("0:80"));
        assertThrows(IllegalArgumentException.class, () -> PortForward.parse("a:80"));
    }
}
