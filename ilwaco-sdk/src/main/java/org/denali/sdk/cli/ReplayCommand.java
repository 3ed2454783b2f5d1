package org.denali.sdk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.denali.emulator.replay.JournalException;
import org.denali.emulator.replay.RecordedRun;
import org.denali.emulator.replay.Replaying;

/**
 * {@code denali replay FILE [--pcap OUT]}: runs a recorded {@code denali run} again without the host (no passt, no
 * real time, no keyboard): the same VMs from the same images, the recorded inputs at their recorded points, every
 * quantum as long as recorded. Console output, packets and instruction counts are the recorded run's; any
 * difference stops the replay with a message naming where.
 */
final class ReplayCommand implements Command {
    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String summary() {
        return "re-run a run recorded with `denali run … --record FILE`, exactly, without the host";
    }

    @Override
    public String usage() {
        return """
            usage: denali replay FILE [--pcap OUT]
              FILE          a log written by `denali run … --record FILE`; it is checked whole first (a truncated,
                            corrupt or foreign file is refused, naming the offset) and the images must be the
                            recorded ones (by SHA-256)
              --pcap OUT    write the replayed LAN's frames to OUT (libpcap, with the recorded timestamps)
            The replay runs from the directory the run was recorded in (if it still exists), prints what the run
            printed and exits with the run's status; "denali replay: replayed N quanta" goes to stderr.""";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("pcap"), Set.of());
        String given = parsed.positional(1, "one recording").get(0);
        RecordedRun recorded;
        try {
            recorded = RecordedRun.read(context.resolve(given));
        } catch (JournalException e) {
            context.err().println("denali replay: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            context.err().println("denali replay: " + given + ": " + e.getMessage());
            return 1;
        }
        String pcap = parsed.option("pcap", null);
        Replaying replaying = new Replaying(recorded, pcap == null ? null : context.resolve(pcap));
        Path directory = Path.of(recorded.header().workingDirectory());
        CommandContext replayContext = new CommandContext(InputStream.nullInputStream(), context.out(),
            new ReplayErrors(context.err()), Files.isDirectory(directory) ? directory : context.workingDirectory());
        List<String> runArgs = new ArrayList<>(recorded.header().args());
        int status = new RunCommand(InputStream.nullInputStream(), replaying).run(runArgs, replayContext);
        if (replaying.quanta() > 0 || status == 0) {
            context.err().println("denali replay: replayed " + replaying.quanta() + " of " + recorded.quanta()
                + " recorded quanta");
        }
        return status;
    }

    /** The run's error stream with "denali run:" said as "denali replay:", so messages name the command typed. */
    private static final class ReplayErrors extends java.io.PrintStream {
        ReplayErrors(java.io.PrintStream err) {
            super(err, true);
        }

        @Override
        public void println(String line) {
            super.println(line != null && line.startsWith("denali run: ") ? "denali replay: "
                + line.substring("denali run: ".length()) : line);
        }
    }
}
