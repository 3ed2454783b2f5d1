package org.denali.ide.ui.tests.support;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Answers a native (GTK) file dialog as a user does: a background thread finds the dialog's window by its title
 * with xdotool (releng/ensure-packages installs it), gives it the keyboard, types the path into the name field (or
 * keeps the suggested one) and presses Save (Alt+S). The dialog runs a nested event loop on the UI thread, so the test's
 * call that opened it returns when the dialog closes. If the dialog never closes (the keys went elsewhere), Escape
 * closes it after a while and {@link #finish} fails, so a test never hangs on it.
 */
public final class FileDialogTyper {
    private final Thread thread;
    private volatile String problem;

    private FileDialogTyper(String title, String path) {
        this.thread = new Thread(() -> run(title, path), "file dialog typer");
        thread.setDaemon(true);
    }

    /**
     * Starts watching for a window whose title begins with {@code title}, to type {@code path} into it (null: to
     * accept the file the dialog suggests).
     */
    public static FileDialogTyper start(String title, String path) {
        FileDialogTyper typer = new FileDialogTyper(title, path);
        typer.thread.start();
        return typer;
    }

    /** Waits for the typing to end; fails if the dialog did not take the path. */
    public void finish() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(90));
        if (problem != null) {
            throw new AssertionError(problem);
        }
    }

    private void run(String title, String path) {
        String name = "^" + title; // xdotool takes a POSIX regular expression: titles without its symbols
        try {
            xdotool(30, "search", "--sync", "--onlyvisible", "--name", name, "windowfocus");
            Thread.sleep(1500); // the dialog lays out its name field, selects the suggestion and takes the focus
            if (path != null) { // GTK completes folder names inline while one types: prefer the suggestion
                xdotool(30, "key", "--clearmodifiers", "ctrl+a");
                xdotool(30, "type", "--delay", "20", path);
            }
            for (int attempt = 0; attempt < 5 && open(name); attempt++) {
                // the Save button's mnemonic: without a window manager the dialog's focus need not be in the name
                // field, where Return would save (Return on the places list or the files opens them instead)
                xdotool(30, "search", "--onlyvisible", "--name", name, "windowfocus", "key", "alt+s");
                for (int i = 0; i < 20 && open(name); i++) {
                    Thread.sleep(100);
                }
            }
            if (open(name)) {
                problem = "the file dialog did not close after Alt+S (Save): closed with Escape (the screen is in "
                        + "target/screenshots/file-dialog-failure.png)";
                new ProcessBuilder("import", "-window", "root", DebugViews.imagesDirectory()
                        .resolve("file-dialog-failure.png").toString()).start().waitFor();
                xdotool(30, "search", "--onlyvisible", "--name", name, "windowfocus", "key", "Escape");
            }
        } catch (IOException | InterruptedException e) {
            problem = "could not answer the file dialog: " + e;
            try { // never leave the test waiting on an open dialog
                xdotool(10, "search", "--onlyvisible", "--name", name, "windowfocus", "key", "Escape");
            } catch (IOException | InterruptedException again) {
                problem += "; nor close it: " + again;
            }
        }
    }

    private static boolean open(String name) throws IOException, InterruptedException {
        Process search = new ProcessBuilder("xdotool", "search", "--onlyvisible", "--name", name)
                .redirectErrorStream(true).start();
        String found = new String(search.getInputStream().readAllBytes()).trim();
        search.waitFor();
        return !found.isEmpty();
    }

    private static void xdotool(int timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: "
                    + new String(p.getInputStream().readAllBytes()).trim());
        }
    }
}
