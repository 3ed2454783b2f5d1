package org.denali.emulator.replay;

import java.util.List;

/**
 * What a recording starts with: the clock mode, the {@code denali run} arguments (without {@code --record}), the
 * directory they were given in, and the SHA-256 of every input file the run read (images, the deployment), in
 * read order.
 */
public record RecordingHeader(String clockMode, List<String> args, String workingDirectory, List<Input> inputs) {
    public RecordingHeader {
        args = List.copyOf(args);
        inputs = List.copyOf(inputs);
    }

    /** One input file by the name it was given and its content's SHA-256. */
    public record Input(String name, byte[] sha256) {
    }
}
