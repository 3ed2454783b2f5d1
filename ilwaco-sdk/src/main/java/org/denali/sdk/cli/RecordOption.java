package org.denali.sdk.cli;

import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.replay.Recording;
import org.denali.emulator.replay.RunJournal;

/** {@code denali run … --record FILE}: the recording of a run, with the arguments a replay repeats. */
final class RecordOption {
    private RecordOption() {
    }

    /** The recording {@code --record FILE} asks for, or null without it. */
    static RunJournal recording(List<String> args, Arguments parsed, CommandContext context) throws UsageException {
        String file = parsed.option("record", null);
        if (file == null) {
            return null;
        }
        if (file.isBlank()) {
            throw new UsageException("--record needs a file name");
        }
        return new Recording(context.resolve(file), withoutRecord(args), context.workingDirectory().toString());
    }

    /** {@code args} without {@code --record FILE} (or {@code --record=FILE}): what a replay runs again. */
    static List<String> withoutRecord(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--record")) {
                i++;
            } else if (!arg.startsWith("--record=")) {
                kept.add(arg);
            }
        }
        return kept;
    }
}
