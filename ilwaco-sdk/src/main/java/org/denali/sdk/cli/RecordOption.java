package org.denali.sdk.cli;

import java.util.ArrayList;
import java.util.List;

import org.denali.emulator.debug.history.CheckpointPolicy;
import org.denali.emulator.debug.history.ExecutionHistory;
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
        if (parsed.option("gdb", null) != null) {
            if (!parsed.positional().isEmpty() && parsed.positional().get(0).endsWith(".denali")) {
                throw new UsageException("--record with --gdb (reverse execution) works for one image, not for a "
                    + "deployment yet");
            }
            // under gdb the history is kept in memory for reverse execution (docs/debugging.md "Reverse execution")
            if (!parsed.has("deterministic")) {
                throw new UsageException("--record with --gdb needs --deterministic: reverse execution replays the "
                    + "recorded quanta exactly, which only the deterministic clock makes possible (as QEMU's "
                    + "record/replay needs -icount)");
            }
            context.err().println("denali run: --record with --gdb keeps the run's history in memory for reverse "
                + "execution (gdb's reverse-step, reverse-continue; monitor seek); " + file + " is not written");
            return new ExecutionHistory(CheckpointPolicy.standard());
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
